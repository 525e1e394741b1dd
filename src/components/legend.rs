//! The legend: the categories present in the view, their colours and counts; then the marks
//! that are inferred rather than read from the data — dashed demixing candidates and bridge
//! hops (with their confidence; ✓ when accepted), mixer pools, the chains the view spans, and
//! entity / peel-chain nodes — each saying which heuristic draws it (the explain panel gives
//! the evidence for one). It folds to its title (remembered in browser storage), and the
//! camera's fit leaves its measured corner clear (`stage/legend.rs`), so it covers no node.

use hopscope_core::style::{category_colour, chain_colour};
use hopscope_core::view::GroupKind;
use leptos::prelude::*;

use super::open_case::CaseStore;
use crate::platform::storage;
use crate::render::canvas2d::{BRIDGE_LINK, CONVERSION_LINK, DEMIX_LINK};

#[component]
pub fn Legend() -> impl IntoView {
    let case = expect_context::<CaseStore>();
    let entries = move || {
        case.revision.track();
        case.view_revision.track();
        case.playback_revision.track();
        case.peek(|s| s.map(|s| s.legend()).unwrap_or_default())
    };
    // Addresses the timeline hides (not funded yet at the moment shown).
    let waiting = move || {
        case.playback_revision.track();
        case.view_revision.track();
        case.peek(|s| {
            s.map_or(0, |s| {
                s.emphasis
                    .nodes
                    .iter()
                    .filter(|t| **t == hopscope_core::emphasis::Tone::Hidden)
                    .count()
            })
        })
    };
    let marks = move || {
        case.revision.track();
        case.view_revision.track();
        case.peek(|s| {
            let Some(s) = s else {
                return Default::default();
            };
            let nodes = &s.scene.nodes;
            let mut chains: Vec<String> = nodes
                .iter()
                .filter(|n| n.chain_colour.is_some())
                .filter_map(|n| s.case.graph.node(n.id).map(|n| n.chain.as_str().to_owned()))
                .collect();
            chains.sort();
            chains.dedup();
            let links = &s.scene.links;
            (
                links
                    .iter()
                    .any(|l| l.kind == hopscope_core::infer::LinkKind::Demix),
                links
                    .iter()
                    .any(|l| l.kind == hopscope_core::infer::LinkKind::Bridge),
                links
                    .iter()
                    .any(|l| l.kind == hopscope_core::infer::LinkKind::Conversion),
                nodes.iter().any(|n| n.pool),
                chains,
                nodes
                    .iter()
                    .any(|n| n.group_kind == Some(GroupKind::CommonSpend)),
                nodes
                    .iter()
                    .any(|n| n.group_kind == Some(GroupKind::PeelChain)),
            )
        })
    };
    // Folded to its title, as the user last left it (kept in browser storage).
    let collapsed = RwSignal::new(storage::get(COLLAPSED_KEY).as_deref() == Some("1"));
    let toggle = move |_| {
        let now = !collapsed.get_untracked();
        collapsed.set(now);
        let _ = storage::set(COLLAPSED_KEY, if now { "1" } else { "0" });
    };
    // After every change of what the legend lists (or its folding), measure it once drawn and
    // tell the stage, whose fits keep its corner clear.
    let list = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        collapsed.track();
        case.revision.track();
        case.view_revision.track();
        request_animation_frame(move || measure(case, list));
    });
    view! {
        <div class="legend" class:collapsed=move || collapsed.get() data-testid="legend" node_ref=list>
        <button
            class="legend-toggle"
            data-testid="legend-toggle"
            title=move || if collapsed.get() { "Show the legend" } else { "Fold the legend away" }
            on:click=toggle
        >
            {move || if collapsed.get() { "Legend ▸" } else { "Legend ▾" }}
        </button>
        <ul class="legend-entries" data-testid="legend-entries" class:hidden=move || collapsed.get()>
            {move || {
                entries()
                    .into_iter()
                    .map(|(category, n)| {
                        view! {
                            <li>
                                <span class="swatch" style:background=category_colour(category)></span>
                                {format!("{} ({n})", category.title())}
                            </li>
                        }
                    })
                    .collect_view()
            }}
            {move || {
                let n = waiting();
                (n > 0).then(|| view! {
                    <li class="waiting" data-testid="legend-waiting" title="Addresses not funded yet at the timeline's moment (hidden until then)">
                        <span class="swatch waiting"></span>{format!("Not yet funded ({n})")}
                    </li>
                })
            }}
            {move || {
                let (demix, bridge, conversion, pool, chains, entity, peel) = marks();
                view! {
                    {demix.then(|| view! {
                        <li data-testid="legend-demix" title="Demixing heuristics: same or linked address, soon after in the same pool and denomination, withdrawal address later dealing with the trail">
                            <span class="dash" style:border-color=DEMIX_LINK></span>"Demixing candidate (confidence; ✓ accepted)"
                        </li>
                    })}
                    {bridge.then(|| view! {
                        <li data-testid="legend-bridge" title="Bridge matching: same address, or amount and time within the bridge's fee and delay">
                            <span class="dash" style:border-color=BRIDGE_LINK></span>"Cross-chain hop"
                        </li>
                    })}
                    {conversion.then(|| view! {
                        <li data-testid="legend-conversion" title="A swap, wrap or cross-chain swap: what went in and what came out, from the data's own amounts">
                            <span class="dash" style:border-color=CONVERSION_LINK></span>"Conversion (what went in → what came out)"
                        </li>
                    })}
                    {pool.then(|| view! {
                        <li><span class="swatch pool"></span>"Mixer pool (dashed rim)"</li>
                    })}
                    {chains.into_iter().map(|c| {
                        let colour = chain_colour(&hopscope_core::model::Chain::new(&c));
                        view! { <li><span class="swatch chain" style:border-color=colour></span>{format!("Chain: {c}")}</li> }
                    }).collect_view()}
                    {entity.then(|| view! { <li title="Bitcoin multi-input heuristic"><span class="swatch group"></span>"Entity (common spend)"</li> })}
                    {peel.then(|| view! { <li title="Small payments out, large change on"><span class="swatch group"></span>"Peel chain (collapsed)"</li> })}
                }
            }}
        </ul>
        </div>
    }
}

/// Storage key of the legend's folding.
const COLLAPSED_KEY: &str = "hopscope:legend-collapsed";

/// The legend's width and height from the canvas's left and bottom edges, given to the stage.
fn measure(case: CaseStore, list: NodeRef<leptos::html::Div>) {
    let Some(el) = list.get_untracked() else {
        return;
    };
    let r = el.get_bounding_client_rect();
    let canvas = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("[data-testid=graph-canvas]")
                .ok()
                .flatten()
        })
        .map(|c| c.get_bounding_client_rect());
    let Some(c) = canvas else {
        return;
    };
    let size = if r.height() > 0.0 {
        [
            (r.right() - c.left()).max(0.0) as f32,
            (c.bottom() - r.top()).max(0.0) as f32,
        ]
    } else {
        [0.0, 0.0]
    };
    case.drive(|s| s.set_legend(size));
}
