//! "Mixers & bridges": the inferred links of the view. For each visible mixer pool, the
//! withdrawals that may continue the trail's deposits (one row per withdrawal, its best
//! deposit), with their confidence, Accept and Reject; the bridge hops of the view likewise;
//! the conversions of the trail (swaps, wraps, cross-chain swaps) likewise; and the threshold
//! below which suggestions are hidden. The picture draws each deposit's best
//! candidate (and accepted ones) unless "Draw every candidate" is ticked (`infer::drawn`). A
//! row's name opens its explanation. Rows and verdicts follow the stage's rules
//! (`stage::links`).

use hopscope_core::infer::{Decision, InferredLink, LinkKind};
use leptos::prelude::*;

use super::open_case::CaseStore;
use super::search_box::short;
use crate::stage::{confidence_text, link_rows, link_status, threshold_of};

/// Rows shown per list; the rest are counted.
const MAX_ROWS: usize = 60;

#[component]
pub fn LinksPanel() -> impl IntoView {
    let case = expect_context::<CaseStore>();
    let data = move || {
        case.view_revision.track();
        case.revision.track();
        case.peek(|s| {
            let s = s?;
            let links = s.links();
            let address = |id| {
                s.case
                    .graph
                    .node(id)
                    .map(|n| n.address.as_str().to_owned())
                    .unwrap_or_default()
            };
            let name = |id| s.case.name(id);
            let dress = |rows: Vec<InferredLink>| -> Vec<(InferredLink, String, String, String)> {
                rows.into_iter()
                    .map(|l| {
                        let (a, mut f, v) = (address(l.to), name(l.from), name(l.via));
                        // A conversion names its two amounts with who made it.
                        if let Some(c) = l.conversion() {
                            f = format!(
                                "{f}: {} {}",
                                c.kind.as_str(),
                                hopscope_core::convert::words::label(c)
                            );
                        }
                        (l, a, f, v)
                    })
                    .collect()
            };
            Some((
                dress(link_rows(links.clone(), LinkKind::Demix)),
                dress(link_rows(links.clone(), LinkKind::Bridge)),
                dress(link_rows(links, LinkKind::Conversion)),
                s.view.threshold.0,
                s.pools_in_view(),
                s.view.every_candidate,
            ))
        })
    };
    let list = move |rows: Vec<(InferredLink, String, String, String)>, testid: &'static str| {
        let more = rows.len().saturating_sub(MAX_ROWS);
        view! {
            <ul class="links" data-testid=testid>
                {rows.into_iter().take(MAX_ROWS).map(|(l, address, from, via)| {
                    let (accept, reject) = (l.clone(), l.clone());
                    let key = l.key;
                    let status = link_status(&l);
                    let confidence = confidence_text(&l);
                    view! {
                        <li
                            class="link-row"
                            class:accepted=l.decision == Some(Decision::Accepted)
                            class:rejected=l.decision == Some(Decision::Rejected)
                            data-address=address.clone()
                            data-confidence=format!("{:.3}", l.score)
                        >
                            <button class="link" title="Explain: which heuristics and what evidence" on:click=move |_| case.explain(Some(key))>
                                <span class="from">{format!("{from} → {via} → ")}</span>
                                <span class="address" title=address.clone()>{short(&address)}</span>
                            </button>
                            <span class="confidence" data-testid="link-confidence">{confidence}</span>
                            <span class="status">{status}</span>
                            <button
                                data-testid=match testid { "demix-candidates" => "demix-accept", "conversions" => "conversion-accept", _ => "bridge-accept" }
                                class:on=l.decision == Some(Decision::Accepted)
                                title="Accept: the trace follows this link"
                                on:click=move |_| case.decide(&accept, Decision::Accepted)
                            >{if l.decision == Some(Decision::Accepted) { "Accepted" } else { "Accept" }}</button>
                            <button
                                data-testid=match testid { "demix-candidates" => "demix-reject", "conversions" => "conversion-reject", _ => "bridge-reject" }
                                class:on=l.decision == Some(Decision::Rejected)
                                title="Reject: not drawn, not followed"
                                on:click=move |_| case.decide(&reject, Decision::Rejected)
                            >{if l.decision == Some(Decision::Rejected) { "Rejected" } else { "Reject" }}</button>
                        </li>
                    }
                }).collect_view()}
                {(more > 0).then(|| view! { <li class="hint">{format!("… and {more} more: raise the threshold")}</li> })}
            </ul>
        }
    };
    view! {
        <section class="panel-section links-panel" data-testid="links-panel">
            <h3>"Mixers & bridges"</h3>
            {move || data().map(|(demix, bridges, conversions, threshold, pools, every)| view! {
                <label class="row" title="Suggestions below this confidence are hidden (decided links stay)">
                    "Hide below "
                    <input
                        type="range"
                        min="0"
                        max="100"
                        step="5"
                        data-testid="demix-threshold"
                        prop:value=threshold.to_string()
                        on:change=move |ev| {
                            let t = threshold_of(&event_target_value(&ev));
                            case.act(|s| { s.change_view(|v, _| v.threshold = t); });
                        }
                    />
                    <span data-testid="demix-threshold-value">{format!("{threshold} %")}</span>
                </label>
                {if pools == 0 {
                    view! { <p class="hint">"No mixer pool in view. Expand to one: its withdrawals that may continue the trail are listed here, with their confidence."</p> }.into_any()
                } else {
                    view! {
                        <h4>{format!("Demixing candidates ({})", demix.len())}</h4>
                        <label class="row" title="Each deposit draws its best candidate (and any accepted); tick to draw every candidate">
                            <input
                                type="checkbox"
                                data-testid="demix-every"
                                prop:checked=every
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    case.act(|s| { s.change_view(|v, _| v.every_candidate = on); });
                                }
                            />
                            " Draw every candidate"
                        </label>
                        {if demix.is_empty() {
                            view! { <p class="hint" data-testid="demix-none">"No withdrawal at or above the threshold follows the trail's deposits."</p> }.into_any()
                        } else {
                            list(demix, "demix-candidates").into_any()
                        }}
                    }.into_any()
                }}
                {(!bridges.is_empty()).then(|| view! {
                    <h4>{format!("Cross-chain hops ({})", bridges.len())}</h4>
                    {list(bridges, "bridge-hops")}
                })}
                {(!conversions.is_empty()).then(|| view! {
                    <h4 title="Swaps, wraps and cross-chain swaps of the trail: the trace carries value across each one that is not rejected (a doubtful rate only once accepted)">
                        {format!("Conversions ({})", conversions.len())}
                    </h4>
                    {list(conversions, "conversions")}
                })}
            })}
        </section>
    }
}
