//! Paths between two addresses, along the way money moved: every simple path up to k hops
//! with its bottleneck (with its unit), the shortest among them marked (listed once), found in
//! slices between frames (the page keeps drawing; Cancel stops it). A hop through a mixer pool
//! or bridge that no accepted link carries is marked unproven; "Avoid mixers and bridges"
//! passes them by. A path picked from the list is shown (its addresses revealed) and
//! highlighted on the canvas. The rules are the core's (`paths::check`, `paths::listing`).

use hopscope_core::paths::{listing, shortest_path_avoiding, PathSearch};
use hopscope_core::search::find;
use hopscope_core::{Case, NodeId};
use leptos::prelude::*;

use super::open_case::CaseStore;
use super::search_box::short;
use crate::platform::tick::yield_now;
use crate::stage::{CaseTag, Tagged};

/// Search steps between two yields to the browser.
const STEPS_PER_SLICE: usize = 5_000;
/// Paths listed at most.
const MAX_PATHS: usize = 200;

/// A path in the list. Its addresses are named as the list is drawn, so a label edited
/// since it was found shows at once.
#[derive(Clone, Debug, PartialEq)]
struct Listed {
    /// The path, in the case it was found in (`tag.rs`).
    nodes: Tagged<Vec<NodeId>>,
    shortest: bool,
    /// "bottleneck 200 ETH" (or that the assets differ), and its exact figure.
    bottleneck: String,
    bottleneck_exact: String,
    /// Where it passes a pool or bridge along no accepted link (indices into `nodes`).
    unproven: Vec<usize>,
}

/// A path's text ("A → B (unproven) → C") and its unproven pools and bridges, by name (a
/// label, else the short address); nothing when the case it was found in is not open.
fn path_names(stage: Option<&crate::stage::Stage>, path: &Listed) -> (String, Vec<String>) {
    let Some((s, nodes)) = stage.and_then(|s| Some((s, path.nodes.within(s)?))) else {
        return (String::new(), Vec::new());
    };
    let name = |n: NodeId| {
        let node = s.case.graph.node(n);
        node.and_then(|n| n.label.clone())
            .unwrap_or_else(|| node.map(|n| short(n.address.as_str())).unwrap_or_default())
    };
    let text = nodes
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            if path.unproven.contains(&i) {
                format!("{} (unproven)", name(n))
            } else {
                name(n)
            }
        })
        .collect::<Vec<_>>()
        .join(" → ");
    let unproven = path
        .unproven
        .iter()
        .filter_map(|&i| nodes.get(i).map(|&n| name(n)))
        .collect();
    (text, unproven)
}

#[component]
pub fn PathsPanel() -> impl IntoView {
    let case = expect_context::<CaseStore>();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let max_hops = RwSignal::new(6usize);
    let avoid_pools = RwSignal::new(false);
    let listed = RwSignal::new(Vec::<Listed>::new());
    let status = RwSignal::new(String::new());
    // Bumped to stop the running search.
    let run_id = StoredValue::new(0u32);
    let running = RwSignal::new(false);
    // Another case opened: what was found in the old one goes, and its search stops.
    let shown_for = StoredValue::new(CaseTag::NONE);
    Effect::new(move |_| {
        let tag = case.opened.get();
        if tag != shown_for.get_value() {
            shown_for.set_value(tag);
            run_id.update_value(|r| *r += 1);
            running.set(false);
            listed.set(Vec::new());
            status.set(String::new());
            from.set(String::new());
            to.set(String::new());
        }
    });

    let use_selected = move |field: RwSignal<String>| {
        if let Some(address) = case.selected_id().and_then(|id| {
            case.peek(|s| {
                s.and_then(|s| s.case.graph.node(id).map(|n| n.address.as_str().to_owned()))
            })
        }) {
            field.set(address);
        }
    };

    let start = move || {
        run_id.update_value(|r| *r += 1);
        let me = run_id.get_value();
        let (a, b, k, avoid) = (
            from.get_untracked(),
            to.get_untracked(),
            max_hops.get_untracked().clamp(1, 12),
            avoid_pools.get_untracked(),
        );
        let prepared = case.peek(|s| {
            let s = s?;
            let (Some(x), Some(y)) = (resolve(&s.case, &a), resolve(&s.case, &b)) else {
                return Some(Err(format!(
                    "No address matches {}",
                    if resolve(&s.case, &a).is_none() {
                        a.clone()
                    } else {
                        b.clone()
                    }
                )));
            };
            let avoided: &[NodeId] = if avoid { &s.patterns.absorbing } else { &[] };
            let shortest = shortest_path_avoiding(&s.case, &s.view.filter, x, y, avoided);
            let search =
                PathSearch::avoiding(&s.case, &s.view.filter, (x, y), k, MAX_PATHS, avoided);
            Some(Ok((shortest, search)))
        });
        let (shortest, mut search) = match prepared {
            Some(Ok(p)) => p,
            Some(Err(message)) => {
                status.set(message);
                listed.set(Vec::new());
                return;
            }
            None => return,
        };
        let Some(shortest) = shortest else {
            status.set(if avoid {
                "No path that avoids mixers and bridges: the money never went from the first address to the second without them (through the active filters)"
            } else {
                "No path: the money never went from the first address to the second (through the active filters)"
            }.to_owned());
            listed.set(Vec::new());
            return;
        };
        let describe = move |nodes: &[NodeId], is_shortest: bool| {
            case.peek(|s| {
                let s = s?;
                let checked = s.check_path(nodes);
                let bottleneck = checked.bottleneck.map(|b| b.text()).unwrap_or_default();
                Some(Listed {
                    nodes: s.tagged(nodes.to_vec()),
                    shortest: is_shortest,
                    bottleneck: bottleneck.text,
                    bottleneck_exact: bottleneck.exact,
                    unproven: checked.unproven,
                })
            })
            .unwrap_or(Listed {
                nodes: Tagged::orphan(nodes.to_vec()),
                shortest: is_shortest,
                bottleneck: String::new(),
                bottleneck_exact: String::new(),
                unproven: Vec::new(),
            })
        };
        listed.set(vec![describe(&shortest, true)]);
        status.set("Searching…".to_owned());
        running.set(true);
        let revision = case.revision.get_untracked();
        leptos::task::spawn_local(async move {
            loop {
                if run_id.get_value() != me || case.revision.get_untracked() != revision {
                    status.set("Search stopped".to_owned());
                    break;
                }
                let done = case
                    .read(|s| search.step(&s.case, STEPS_PER_SLICE))
                    .unwrap_or(true);
                if done {
                    let paths = search.paths();
                    let n = paths.len();
                    let list: Vec<Listed> = listing(Some(&shortest), paths)
                        .into_iter()
                        .map(|(p, is_shortest)| describe(&p.nodes, is_shortest))
                        .collect();
                    let n_unproven = list.iter().filter(|p| !p.unproven.is_empty()).count();
                    listed.set(list);
                    let found = if n >= MAX_PATHS {
                        format!("The first {MAX_PATHS} paths of at most {k} hops (there are more)")
                    } else {
                        format!("{n} paths of at most {k} hops")
                    };
                    status.set(if n_unproven == 0 {
                        found
                    } else {
                        format!("{found}; {n_unproven} pass a mixer pool or bridge along no accepted link, so what came out need not be what went in (unproven): accept a demixing candidate under \"Mixers & bridges\", or avoid mixers and bridges")
                    });
                    break;
                }
                yield_now().await;
            }
            if run_id.get_value() == me {
                running.set(false);
            }
        });
    };

    let row = move |p: Listed| {
        let (text, unproven) = case.peek(|s| path_names(s, &p));
        let nodes = p.nodes.clone();
        let hops = p.nodes.peek().len().saturating_sub(1);
        let kind = if p.shortest { "Shortest · " } else { "" };
        let head = if p.bottleneck.is_empty() {
            format!("{kind}{hops} hops")
        } else {
            format!("{kind}{hops} hops · {}", p.bottleneck)
        };
        let unproven = (!unproven.is_empty()).then(|| {
            format!(
                "Unproven through {}: no accepted link across it.",
                unproven.join(", ")
            )
        });
        let is_unproven = unproven.is_some();
        view! {
            <li class:shortest=p.shortest class:unproven=is_unproven>
                <button class="link" on:click=move |_| { case.act_in(nodes.tag(), |s| s.highlight_path(&nodes)); }>
                    <strong title=p.bottleneck_exact.clone()>{head}</strong>
                    <span class="path-text">{text}</span>
                </button>
                {unproven.map(|u| view! { <p class="hint path-unproven" data-testid="path-unproven">{u}</p> })}
            </li>
        }
    };

    view! {
        <section class="panel-section paths">
            <h3>"Paths"</h3>
            <div class="row">
                <input type="text" data-testid="path-from" placeholder="From (address or label)"
                    prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev)) />
                <button class="link" title="Use the selected node" on:click=move |_| use_selected(from)>"selected"</button>
            </div>
            <div class="row">
                <input type="text" data-testid="path-to" placeholder="To (address or label)"
                    prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev)) />
                <button class="link" title="Use the selected node" on:click=move |_| use_selected(to)>"selected"</button>
            </div>
            <div class="row">
                <label>"Up to " <input type="number" min="1" max="12" class="narrow" data-testid="path-hops"
                    prop:value=move || max_hops.get().to_string()
                    on:change=move |ev| {
                        if let Ok(k) = event_target_value(&ev).parse::<usize>() {
                            max_hops.set(k.clamp(1, 12));
                        }
                    } />
                " hops"</label>
                <button data-testid="path-find" on:click=move |_| start()>"Find paths"</button>
            </div>
            <div class="row">
                <label title="Pass no mixer pool or bridge: what leaves one need not be what went in">
                    <input type="checkbox" data-testid="path-avoid-pools"
                        prop:checked=move || avoid_pools.get()
                        on:change=move |ev| avoid_pools.set(event_target_checked(&ev)) />
                    " Avoid mixers and bridges"
                </label>
                <Show when=move || running.get()>
                    <button data-testid="path-cancel" on:click=move |_| { run_id.update_value(|r| *r += 1); running.set(false); }>"Cancel"</button>
                </Show>
            </div>
            <p class="hint" data-testid="path-status">{move || status.get()}</p>
            <ol class="path-list" data-testid="path-list">
                {move || {
                    // Names as they are now: a label edited since the search (`revision`).
                    case.revision.track();
                    listed.get().into_iter().map(row).collect_view()
                }}
            </ol>
        </section>
    }
}

/// An address typed in full, else the best search hit (label or prefix).
fn resolve(case: &Case, text: &str) -> Option<NodeId> {
    let text = text.trim();
    case.graph
        .node_by_text(text)
        .or_else(|| find(case, text, 1).first().map(|h| h.node))
}
