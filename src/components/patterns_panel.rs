//! "Patterns": what the pattern finders found in the case as a whole. Bitcoin common-spend
//! entities (an option: co-spending addresses drawn as one entity node, named by a labelled
//! member) and peel chains (length, total peeled, endpoints; shown collapsed as one node, to be
//! opened with Ungroup). Hidden when the case has neither.

use hopscope_core::infer::name_of;
use leptos::prelude::*;

use super::open_case::CaseStore;
use super::search_box::short;

#[component]
pub fn PatternsPanel() -> impl IntoView {
    let case = expect_context::<CaseStore>();
    let data = move || {
        case.view_revision.track();
        case.revision.track();
        case.peek(|s| {
            let s = s?;
            let p = &s.patterns;
            if p.peel_chains.is_empty() && p.clusters.entities.is_empty() {
                return None;
            }
            let chains: Vec<(hopscope_core::NodeId, String, String)> = p
                .peel_chains
                .iter()
                .map(|c| {
                    let end = c.end().map(|e| name_of(&s.case, e)).unwrap_or_default();
                    let unit = c
                        .peels
                        .first()
                        .and_then(|&t| s.case.graph.transfer(t))
                        .map(|t| t.asset.as_str().to_owned())
                        .unwrap_or_default();
                    (
                        c.start,
                        format!(
                            "{} steps, {} peeled",
                            c.len(),
                            hopscope_core::figures::amount(c.total_peeled, &unit).text
                        ),
                        format!(
                            "from {} to {}",
                            short(&name_of(&s.case, c.start)),
                            short(&end)
                        ),
                    )
                })
                .collect();
            Some((
                s.view.entities(),
                p.clusters.entities.len(),
                p.clusters.coinjoins.len(),
                chains,
            ))
        })
    };
    view! {
        {move || data().map(|(on, n_entities, n_coinjoins, chains)| view! {
            <section class="panel-section patterns" data-testid="patterns-panel">
                <h3>"Patterns"</h3>
                {(n_entities > 0).then(|| view! {
                    <label class="row" title="Bitcoin's multi-input heuristic: addresses spent together in one transaction belong to one wallet. CoinJoin-like transactions are passed over.">
                        <input
                            type="checkbox"
                            data-testid="entities-toggle"
                            prop:checked=on
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                case.act(|s| { s.change_view(|v, case| v.set_entities(case, on)); });
                            }
                        />
                        {format!(" Entities by common spend ({n_entities} found; {n_coinjoins} CoinJoin-like transaction{} passed over)", if n_coinjoins == 1 { "" } else { "s" })}
                    </label>
                })}
                {(!chains.is_empty()).then(|| view! {
                    <h4>{format!("Peel chains ({})", chains.len())}</h4>
                    <ul class="peel-chains" data-testid="peel-chains">
                        {chains.into_iter().map(|(start, what, ends)| view! {
                            <li>
                                <span>{what}</span>" "<span class="hint">{ends}</span>" "
                                <button data-testid="peel-show" title="Show the chain as one node (Ungroup opens it)" on:click=move |_| case.collapse_peel_of(start)>"Show collapsed"</button>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            </section>
        })}
    }
}
