//! The inspector: the selected node's address, category, label, tags and transfers.

use hopscope_core::inspect::{format_utc, NodeSummary, TransferRow};
use hopscope_core::style::category_colour;
use leptos::prelude::*;

use super::app::Ui;

#[component]
pub fn Inspector() -> impl IntoView {
    let ui = expect_context::<Ui>();
    view! {
        <aside class="inspector" data-testid="node-inspector">
            {move || match ui.inspected.get() {
                Some(summary) => summary_view(summary).into_any(),
                None => {
                    let notes = ui.case_notes.get();
                    view! {
                        <p class="hint">"Click a node to inspect it."</p>
                        {(!notes.trim().is_empty())
                            .then(|| {
                                view! {
                                    <h3>"Case notes"</h3>
                                    <p class="case-notes" data-testid="case-notes">{notes}</p>
                                }
                            })}
                    }
                        .into_any()
                }
            }}
        </aside>
    }
}

fn summary_view(s: NodeSummary) -> impl IntoView {
    let ui = expect_context::<Ui>();
    let draft = RwSignal::new(s.label.clone().unwrap_or_default());
    let heading = s
        .label
        .clone()
        .unwrap_or_else(|| "Unlabelled address".to_owned());
    let n_in = s.incoming.len();
    let n_out = s.outgoing.len();
    view! {
        <h2>{heading}</h2>
        <form
            class="label-edit"
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                ui.edit_selected_label(&draft.get_untracked());
            }
        >
            <input
                type="text"
                data-testid="label-edit"
                placeholder="Label this address"
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))
            />
            <button type="submit" class="button" data-testid="label-save">"Save label"</button>
        </form>
        <dl>
            <dt>"Address"</dt>
            <dd class="address" data-testid="inspector-address">{s.address}</dd>
            <dt>"Category"</dt>
            <dd>
                <span class="swatch" style:background=category_colour(s.category)></span>
                {s.category.title()}
                {s.is_seed.then_some(" · seed")}
            </dd>
            {s
                .label_source
                .map(|source| {
                    view! {
                        <dt>"Label from"</dt>
                        <dd class="label-source">{source}</dd>
                    }
                })}
            <dt>"Chain"</dt>
            <dd>{s.chain}</dd>
            <dt>"Tags"</dt>
            <dd>{if s.tags.is_empty() { "—".to_owned() } else { s.tags.join(", ") }}</dd>
        </dl>
        <h3>{format!("Incoming ({n_in})")}</h3>
        {rows(s.incoming, "from")}
        <h3>{format!("Outgoing ({n_out})")}</h3>
        {rows(s.outgoing, "to")}
    }
}

fn rows(rows: Vec<TransferRow>, direction: &'static str) -> impl IntoView {
    view! {
        <table class="transfers">
            <tbody>
                {rows
                    .into_iter()
                    .map(|r| {
                        let who = r.counterparty_label.clone().unwrap_or_else(|| short(&r.counterparty));
                        view! {
                            <tr title=format!("tx {}", r.tx)>
                                <td class="amount">{format!("{} {}", r.amount, r.asset)}</td>
                                <td>{format!("{direction} {who}")}</td>
                                <td class="time">{r.timestamp.map(format_utc).unwrap_or_else(|| "time unknown".to_owned())}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// `0x1234…abcd` for long addresses.
fn short(address: &str) -> String {
    let chars: Vec<char> = address.chars().collect();
    if chars.len() <= 14 {
        return address.to_owned();
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}
