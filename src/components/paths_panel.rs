//! Paths between two addresses, along the way money moved: the shortest, and every simple path
//! up to k hops with its bottleneck value, found in slices between frames (the page keeps
//! drawing; Cancel stops it). A path picked from the list is shown (its addresses revealed)
//! and highlighted on the canvas.

use hopscope_core::paths::{shortest_path, PathSearch};
use hopscope_core::search::find;
use hopscope_core::{Case, NodeId};
use leptos::prelude::*;

use super::app::Ui;
use super::search_box::short;
use crate::platform::tick::yield_now;
use hopscope_core::inspect::format_amount as amount;

/// Search steps between two yields to the browser.
const STEPS_PER_SLICE: usize = 5_000;
/// Paths listed at most.
const MAX_PATHS: usize = 200;

/// A path in the list.
#[derive(Clone, Debug, PartialEq)]
struct Listed {
    nodes: Vec<NodeId>,
    value: f64,
    text: String,
    shortest: bool,
}

#[component]
pub fn PathsPanel() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let max_hops = RwSignal::new(6usize);
    let listed = RwSignal::new(Vec::<Listed>::new());
    let status = RwSignal::new(String::new());
    // Bumped to stop the running search.
    let run_id = StoredValue::new(0u32);
    let running = RwSignal::new(false);

    let use_selected = move |field: RwSignal<String>| {
        if let Some(address) = ui.selected_id().and_then(|id| {
            ui.stage.with_value(|s| {
                s.as_ref()
                    .and_then(|s| s.case.graph.node(id).map(|n| n.address.as_str().to_owned()))
            })
        }) {
            field.set(address);
        }
    };

    let start = move || {
        run_id.update_value(|r| *r += 1);
        let me = run_id.get_value();
        let (a, b, k) = (
            from.get_untracked(),
            to.get_untracked(),
            max_hops.get_untracked().clamp(1, 12),
        );
        let prepared = ui.stage.with_value(|s| {
            let s = s.as_ref()?;
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
            let shortest = shortest_path(&s.case, &s.view.filter, x, y);
            let search = PathSearch::new(&s.case, &s.view.filter, x, y, k, MAX_PATHS);
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
            status.set("No path: the money never went from the first address to the second (through the active filters)".to_owned());
            listed.set(Vec::new());
            return;
        };
        let describe = move |nodes: &[NodeId], value: f64, is_shortest: bool| {
            let text = ui.stage.with_value(|s| {
                let s = s.as_ref()?;
                let names: Vec<String> = nodes
                    .iter()
                    .map(|&n| {
                        let node = s.case.graph.node(n);
                        node.and_then(|n| n.label.clone()).unwrap_or_else(|| {
                            node.map(|n| short(n.address.as_str())).unwrap_or_default()
                        })
                    })
                    .collect();
                Some(names.join(" → "))
            });
            Listed {
                nodes: nodes.to_vec(),
                value,
                text: text.unwrap_or_default(),
                shortest: is_shortest,
            }
        };
        listed.set(vec![describe(&shortest, f64::NAN, true)]);
        status.set("Searching…".to_owned());
        running.set(true);
        let revision = ui.revision.get_untracked();
        leptos::task::spawn_local(async move {
            loop {
                if run_id.get_value() != me || ui.revision.get_untracked() != revision {
                    status.set("Search stopped".to_owned());
                    break;
                }
                let done = ui
                    .stage
                    .with_value(|s| s.as_ref().map(|s| search.step(&s.case, STEPS_PER_SLICE)))
                    .unwrap_or(true);
                if done {
                    let paths = search.paths();
                    let n = paths.len();
                    let mut list = vec![describe(&shortest, f64::NAN, true)];
                    list.extend(paths.iter().map(|p| describe(&p.nodes, p.value, false)));
                    listed.set(list);
                    status.set(if n >= MAX_PATHS {
                        format!("The first {MAX_PATHS} paths of at most {k} hops (there are more)")
                    } else {
                        format!("{n} paths of at most {k} hops")
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
                <Show when=move || running.get()>
                    <button data-testid="path-cancel" on:click=move |_| { run_id.update_value(|r| *r += 1); running.set(false); }>"Cancel"</button>
                </Show>
            </div>
            <p class="hint" data-testid="path-status">{move || status.get()}</p>
            <ol class="path-list" data-testid="path-list">
                {move || listed.get().into_iter().map(|p| {
                    let nodes = p.nodes.clone();
                    let hops = p.nodes.len().saturating_sub(1);
                    let head = if p.shortest {
                        format!("Shortest · {hops} hops")
                    } else {
                        format!("{hops} hops · {} bottleneck", amount(p.value))
                    };
                    view! {
                        <li>
                            <button class="link" on:click=move |_| { ui.act(|s| s.highlight_path(nodes.clone())); }>
                                <strong>{head}</strong>
                                <span class="path-text">{p.text}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
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
