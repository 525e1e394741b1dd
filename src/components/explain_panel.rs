//! The explain panel: for the inferred link picked (a dashed edge clicked on the canvas, or a
//! row of the Mixers & bridges lists), or the selected entity or collapsed peel chain, which
//! heuristic made it and from what evidence, with Accept / Reject for links. For an address in
//! a detected peel chain that is not collapsed, it offers to collapse it.

use hopscope_core::infer::{explain, Decision, Explanation};
use leptos::prelude::*;

use super::open_case::CaseStore;

#[component]
pub fn ExplainPanel() -> impl IntoView {
    let case = expect_context::<CaseStore>();
    // What to explain: a link (with itself, to decide on), a pattern group, or a peel chain
    // the selected address belongs to.
    let content = move || {
        case.view_revision.track();
        case.revision.track();
        case.peek(|s| {
            let s = s?;
            // The picked link, while the view still has it (else what is selected).
            if let Some(link) = s
                .explained
                .and_then(|key| s.links().into_iter().find(|l| l.key == key))
            {
                let text = explain(&s.case, &link);
                return Some((text, Some(link), None));
            }
            let id = s.scene.nodes.get(s.selected()?)?.id;
            if let Some(g) = s.view.group_of(id) {
                return g.explain(&s.case, &s.patterns).map(|t| (t, None, None));
            }
            let chain = s.patterns.peel_chain_of(id)?;
            let text = Explanation {
                title: "Part of a peel chain".to_owned(),
                lines: vec![(
                    "Peel chain".to_owned(),
                    hopscope_core::view::peel_name(&s.case, chain),
                )],
            };
            Some((text, None, Some(id)))
        })
    };
    move || {
        content().map(|(text, link, peel_at)| {
            let (accept, reject) = (link.clone(), link.clone());
            view! {
                <section class="explain" data-testid="explain-panel">
                    <h3>{text.title}</h3>
                    <dl>
                        {text.lines.into_iter().map(|(h, e)| view! { <dt>{h}</dt><dd>{e}</dd> }).collect_view()}
                    </dl>
                    {link.map(|l| view! {
                        <div class="row">
                            <button data-testid="explain-accept" on:click=move |_| if let Some(l) = &accept { case.decide(l, Decision::Accepted) }>
                                {if l.decision == Some(Decision::Accepted) { "Accepted (undo)" } else { "Accept" }}
                            </button>
                            <button data-testid="explain-reject" on:click=move |_| if let Some(l) = &reject { case.decide(l, Decision::Rejected) }>
                                {if l.decision == Some(Decision::Rejected) { "Rejected (undo)" } else { "Reject" }}
                            </button>
                            <button class="link" on:click=move |_| case.explain(None)>"Close"</button>
                        </div>
                    })}
                    {peel_at.map(|id| view! {
                        <button data-testid="peel-collapse" on:click=move |_| case.collapse_peel_of(id)>"Collapse the chain into one node"</button>
                    })}
                </section>
            }
        })
    }
}
