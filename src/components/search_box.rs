//! Search by address prefix, label or transaction hash. Enter (or a click on a result) reveals
//! the address (the path to it from the nearest shown address is expanded) and centres it.

use hopscope_core::search::{find, Hit, Matched};
use leptos::prelude::*;

use super::banner::Messages;
use super::open_case::CaseStore;
use crate::stage::Tagged;

/// Results listed under the box.
const MAX_RESULTS: usize = 12;

#[component]
pub fn SearchBox() -> impl IntoView {
    let case = expect_context::<CaseStore>();
    let messages = expect_context::<Messages>();
    let query = RwSignal::new(String::new());
    let hits = Memo::new(move |_| {
        let q = query.get();
        case.revision.track();
        case.peek(|s| s.map(|s| describe(s, find(&s.case, &q, MAX_RESULTS))))
            .unwrap_or_default()
    });
    let go = move |hit: Tagged<Hit>| {
        let node = hit.peek().node;
        let Some(found) = case.act_in(hit.tag(), |s| {
            let mut revealed = None;
            s.change_view(|v, case| revealed = v.reveal_path(case, node));
            s.centre_on(node);
            revealed
        }) else {
            return;
        };
        messages.status.set(match found {
            Some(added) if added.is_empty() => "Already shown; centred on it".to_owned(),
            Some(added) => format!(
                "Revealed with the path to it ({} addresses added)",
                added.len()
            ),
            None => "That address is hidden; it stays hidden".to_owned(),
        });
    };
    view! {
        <section class="panel-section search">
            <h3>"Search"</h3>
            <form on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                if let Some((hit, _)) = hits.get_untracked().into_iter().next() {
                    go(hit);
                }
            }>
                <input
                    type="search"
                    data-testid="search-input"
                    placeholder="Address, label or tx hash"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
            </form>
            <ul class="search-results" data-testid="search-results">
                {move || {
                    hits.get()
                        .into_iter()
                        .map(|(hit, text)| {
                            view! {
                                <li>
                                    <button class="link" on:click=move |_| go(hit.clone())>{text}</button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

/// Each hit, tagged with its case, with a line of text: the address and why it matched.
fn describe(stage: &crate::stage::Stage, hits: Vec<Hit>) -> Vec<(Tagged<Hit>, String)> {
    hits.into_iter()
        .filter_map(|hit| {
            let node = stage.case.graph.node(hit.node)?;
            let address = short(node.address.as_str());
            let text = match &hit.matched {
                Matched::Address => node
                    .label
                    .as_ref()
                    .map_or(address.clone(), |l| format!("{address} · {l}")),
                Matched::Label(label) => format!("{label} · {address}"),
                Matched::Tx(tx) => format!("{address} · paid in {}", short(tx)),
            };
            Some((stage.tagged(hit), text))
        })
        .collect()
}

/// `0x1234…abcd` for long texts.
pub fn short(text: &str) -> String {
    hopscope_core::model::labels::short_address(text)
}
