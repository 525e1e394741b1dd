//! "Mixers & bridges": the inferred links of the view. For each visible mixer pool, the
//! withdrawals that may continue the trail's deposits (one row per withdrawal, its best
//! deposit), with their confidence, Accept and Reject; the bridge hops of the view likewise;
//! and the threshold below which suggestions are hidden. The picture draws each deposit's best
//! candidate (and accepted ones) unless "Draw every candidate" is ticked (`infer::drawn`). A
//! row's name opens its explanation.

use hopscope_core::infer::{Decision, InferredLink, LinkKey, LinkKind};
use hopscope_core::view::{Origin, Threshold};
use leptos::prelude::*;

use super::app::Ui;
use super::search_box::{short, shown_name};

/// Rows shown per list; the rest are counted.
const MAX_ROWS: usize = 60;

impl Ui {
    /// Accepts, rejects or (with the verdict it already has) clears a verdict on a link; an
    /// accepted link's far end is shown.
    /// Rejecting a withdrawal rejects it for every deposit it was suggested for.
    pub fn decide(&self, link: &InferredLink, decision: Decision) {
        let (key, to, via) = (link.key, link.to, link.via);
        let next = (link.decision != Some(decision)).then_some(decision);
        // A bridge hop's far end is shown as reached from its sender (the bridge on the sending
        // side may not be shown); a withdrawal's as reached from its pool.
        let via = if link.kind == LinkKind::Bridge {
            link.from
        } else {
            via
        };
        let was_rejected = link.decision == Some(Decision::Rejected);
        self.act(|s| {
            // Rejecting (or taking back a rejection) acts on the withdrawal for every deposit.
            let siblings: Vec<LinkKey> = if next == Some(Decision::Rejected) || was_rejected {
                let want = if was_rejected {
                    Some(Decision::Rejected)
                } else {
                    None
                };
                s.links()
                    .into_iter()
                    .filter(|l| l.kind == link.kind && l.key.out == key.out && l.decision == want)
                    .map(|l| l.key)
                    .collect()
            } else {
                Vec::new()
            };
            s.change_view(|v, _| {
                for &k in &siblings {
                    v.decide(k, if was_rejected { None } else { next });
                }
                v.decide(key, next);
                if next == Some(Decision::Accepted) && !v.is_visible(to) && !v.is_hidden(to) {
                    v.show(to, Origin::ExpandedFrom(via));
                }
            });
            s.explained = Some(key);
        });
    }

    /// Shows the explanation of a link.
    pub fn explain(&self, key: Option<LinkKey>) {
        self.stage.update_value(|s| {
            if let Some(s) = s {
                s.explained = key;
                s.mark_dirty();
            }
        });
        self.view_revision.update(|r| *r += 1);
    }
}

/// One row per withdrawal (or bridge transfer out): the decided link if any, else the best.
fn rows_of(links: Vec<InferredLink>, kind: LinkKind) -> Vec<InferredLink> {
    let mut rows: Vec<InferredLink> = Vec::new();
    let mut row_of: std::collections::HashMap<hopscope_core::TransferId, usize> =
        std::collections::HashMap::new();
    for l in links.into_iter().filter(|l| l.kind == kind) {
        match row_of.get(&l.key.out) {
            Some(&k) => {
                if rows[k].decision.is_none() && l.decision.is_some() {
                    rows[k] = l;
                }
            }
            None => {
                row_of.insert(l.key.out, rows.len());
                rows.push(l);
            }
        }
    }
    rows
}

#[component]
pub fn LinksPanel() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let data = move || {
        ui.view_revision.track();
        ui.revision.track();
        ui.stage.with_value(|s| {
            let s = s.as_ref()?;
            let links = s.links();
            let address = |id| {
                s.case
                    .graph
                    .node(id)
                    .map(|n| n.address.as_str().to_owned())
                    .unwrap_or_default()
            };
            let name = |id| shown_name(&s.case, id);
            let dress = |rows: Vec<InferredLink>| -> Vec<(InferredLink, String, String, String)> {
                rows.into_iter()
                    .map(|l| {
                        let (a, f, v) = (address(l.to), name(l.from), name(l.via));
                        (l, a, f, v)
                    })
                    .collect()
            };
            let pools = s
                .patterns
                .pools
                .iter()
                .filter(|&&id| s.view.is_visible(id))
                .count();
            Some((
                dress(rows_of(links.clone(), LinkKind::Demix)),
                dress(rows_of(links, LinkKind::Bridge)),
                s.view.threshold.0,
                pools,
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
                    let status = match l.decision {
                        Some(Decision::Accepted) => "accepted",
                        Some(Decision::Rejected) => "rejected",
                        None if l.carries() => "followed",
                        None => "",
                    };
                    let confidence = format!("{:.0} %", 100.0 * l.score);
                    view! {
                        <li
                            class="link-row"
                            class:accepted=l.decision == Some(Decision::Accepted)
                            class:rejected=l.decision == Some(Decision::Rejected)
                            data-address=address.clone()
                            data-confidence=format!("{:.3}", l.score)
                        >
                            <button class="link" title="Explain: which heuristics and what evidence" on:click=move |_| ui.explain(Some(key))>
                                <span class="from">{format!("{from} → {via} → ")}</span>
                                <span class="address" title=address.clone()>{short(&address)}</span>
                            </button>
                            <span class="confidence" data-testid="link-confidence">{confidence}</span>
                            <span class="status">{status}</span>
                            <button
                                data-testid=if testid == "demix-candidates" { "demix-accept" } else { "bridge-accept" }
                                class:on=l.decision == Some(Decision::Accepted)
                                title="Accept: the trace follows this link"
                                on:click=move |_| ui.decide(&accept, Decision::Accepted)
                            >{if l.decision == Some(Decision::Accepted) { "Accepted" } else { "Accept" }}</button>
                            <button
                                data-testid=if testid == "demix-candidates" { "demix-reject" } else { "bridge-reject" }
                                class:on=l.decision == Some(Decision::Rejected)
                                title="Reject: not drawn, not followed"
                                on:click=move |_| ui.decide(&reject, Decision::Rejected)
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
            {move || data().map(|(demix, bridges, threshold, pools, every)| view! {
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
                            let t: u8 = event_target_value(&ev).parse().unwrap_or(20);
                            ui.act(|s| { s.change_view(|v, _| v.threshold = Threshold(t.min(100))); });
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
                                    ui.act(|s| { s.change_view(|v, _| v.every_candidate = on); });
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
            })}
        </section>
    }
}
