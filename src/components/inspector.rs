//! The inspector: the selected node's actions (expand, collapse, hide, pin, group), address,
//! category, label, the traced amount, the investigator's note and colour, tags and transfers.

use hopscope_core::figures::format_utc;
use hopscope_core::inspect::{NodeSummary, TransferRow};
use hopscope_core::style::category_colour;
use leptos::prelude::*;

use super::explain_panel::ExplainPanel;
use super::node_actions::NodeActions;
use super::open_case::CaseStore;
use super::search_box::short;
use hopscope_core::view::Mark;
use hopscope_core::NodeId;

#[component]
pub fn Inspector() -> impl IntoView {
    let case = expect_context::<CaseStore>();
    view! {
        <aside class="inspector" data-testid="node-inspector">
            {(!case.read_only).then(|| view! { <ExplainPanel /> })}
            {move || match case.inspected.get() {
                Some(summary) => summary_view(summary).into_any(),
                None => {
                    let notes = case.case_notes.get();
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
    let case = expect_context::<CaseStore>();
    let draft = RwSignal::new(s.label.clone().unwrap_or_default());
    let heading = s
        .label
        .clone()
        .unwrap_or_else(|| "Unlabelled address".to_owned());
    let n_in = s.incoming.len();
    let n_out = s.outgoing.len();
    // The embed is read-only: no actions, notes or labels.
    let actions = (!case.read_only).then(|| view! { <NodeActions prefix="" /> });
    let editing = (!case.read_only).then(|| {
        view! {
            <NoteEditor />
            <LabelEditor draft=draft />
        }
    });
    view! {
        <h2>{heading}</h2>
        {actions}
        <GroupLine />
        <TraceLine />
        {editing}
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
                        // The number never breaks; a long unit (a token named by its contract)
                        // may.
                        let (number, unit) = match r.amount.strip_suffix(r.asset.as_str()) {
                            Some(n) if !r.asset.is_empty() => (n.trim_end().to_owned(), r.asset.clone()),
                            _ => (r.amount.clone(), String::new()),
                        };
                        view! {
                            <tr title=format!("tx {}", r.tx)>
                                <td class="amount" title=r.amount_exact>
                                    <span class="number">{number}</span>" "<span class="unit">{unit}</span>
                                    {r.usd.map(|u| view! { <div class="usd" data-testid="transfer-usd">{u}</div> })}
                                </td>
                                <td class="who">{format!("{direction} {who}")}</td>
                                <td class="time">{r.timestamp.map(format_utc).unwrap_or_else(|| "time unknown".to_owned())}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// The form that labels the selected address.
#[component]
fn LabelEditor(draft: RwSignal<String>) -> impl IntoView {
    let case = expect_context::<CaseStore>();
    view! {
        <form
            class="label-edit"
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                case.edit_selected_label(&draft.get_untracked());
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
    }
}

/// When the selected node is a group: its name and members.
#[component]
fn GroupLine() -> impl IntoView {
    let case = expect_context::<CaseStore>();
    move || {
        // The members' names follow label edits (`revision`), the group the view.
        case.view_revision.track();
        case.revision.track();
        let id = case.selected_id()?;
        case.peek(|s| {
            let s = s?;
            let g = s.view.group_of(id)?;
            let members: Vec<String> = g
                .members
                .iter()
                .filter_map(|&m| s.case.graph.node(m))
                .map(|n| n.label.clone().unwrap_or_else(|| short(n.address.as_str())))
                .collect();
            Some(view! {
                <p class="group-line" data-testid="inspector-group">
                    <strong>{g.name.clone()}</strong>
                    {format!(" — an entity of {} addresses: {}. Below: the first of them.", members.len(), members.join(", "))}
                </p>
            })
        })
    }
}

/// How much of the traced amount reached the selected node, and how much it still holds.
#[component]
fn TraceLine() -> impl IntoView {
    let case = expect_context::<CaseStore>();
    move || {
        case.view_revision.track();
        let id = case.selected_id()?;
        case.peek(|s| {
            let s = s?;
            let members: Vec<_> = match s.view.group_of(id) {
                Some(g) => g.members.iter().copied().collect(),
                None => vec![id],
            };
            let line = s.trace_line(&members)?;
            Some(view! {
                <p class="trace-line" data-testid="inspector-trace" title=line.exact>{line.text}</p>
            })
        })
    }
}

/// Flows offered for a note at most.
const MAX_NOTE_TARGETS: usize = 100;

/// The investigator's note and colour on the selected node or on one of its flows shown on
/// the canvas, kept in the case.
#[component]
fn NoteEditor() -> impl IntoView {
    let case = expect_context::<CaseStore>();
    // What a note can go on: the node, then each drawn flow to or from it (the first
    // `MAX_NOTE_TARGETS`: a hub's thousands of flows would make a list nobody can use).
    let targets = Memo::new(move |_| -> Vec<(Mark, String)> {
        // Flows follow the view, the names at their other ends label edits (`revision`).
        case.view_revision.track();
        case.revision.track();
        let Some(id) = case.selected_id() else {
            return Vec::new();
        };
        case.peek(|s| {
            let Some(s) = s else {
                return Vec::new();
            };
            let name = |n: NodeId| {
                s.case
                    .graph
                    .node(n)
                    .map(|node| {
                        node.label
                            .clone()
                            .unwrap_or_else(|| short(node.address.as_str()))
                    })
                    .unwrap_or_default()
            };
            let mut list = vec![(Mark::Node(id), "this address".to_owned())];
            let here = s.node_of(id);
            for e in &s.scene.edges {
                if list.len() > MAX_NOTE_TARGETS {
                    break;
                }
                if Some(e.source as usize) == here {
                    list.push((Mark::Flow(e.from, e.to), format!("flow to {}", name(e.to))));
                } else if Some(e.target as usize) == here {
                    list.push((
                        Mark::Flow(e.from, e.to),
                        format!("flow from {}", name(e.from)),
                    ));
                }
            }
            list
        })
    });
    let target = RwSignal::new(0usize);
    let mark = move || targets.with(|t| t.get(target.get()).map(|(m, _)| *m));
    let current = move |m: Option<Mark>| case.peek(|s| s.and_then(|s| s.view.note(m?).cloned()));
    let text = RwSignal::new(String::new());
    let colour = RwSignal::new("#ffcc00".to_owned());
    let coloured = RwSignal::new(false);
    // Load the note of the chosen target.
    Effect::new(move |_| {
        let note = current(mark());
        text.set(note.as_ref().map(|n| n.text.clone()).unwrap_or_default());
        coloured.set(note.as_ref().is_some_and(|n| n.colour.is_some()));
        if let Some(c) = note.and_then(|n| n.colour) {
            colour.set(c);
        }
    });
    view! {
        <form class="note-edit" on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let c = coloured.get_untracked().then(|| colour.get_untracked());
            if let Some(m) = mark() {
                case.set_note(m, &text.get_untracked(), c.as_deref());
            }
        }>
            <select data-testid="note-target" on:change=move |ev| target.set(event_target_value(&ev).parse().unwrap_or(0))>
                {move || targets.get().into_iter().enumerate().map(|(k, (_, label))| {
                    view! { <option value=k.to_string() selected=move || target.get() == k>{format!("Note on {label}")}</option> }
                }).collect_view()}
            </select>
            <textarea data-testid="note-text" placeholder="Note" rows="2"
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <label>
                <input type="checkbox" data-testid="note-coloured" prop:checked=move || coloured.get()
                    on:change=move |ev| coloured.set(event_target_checked(&ev)) />
                " colour "
                <input type="color" data-testid="note-colour" prop:value=move || colour.get()
                    on:input=move |ev| { colour.set(event_target_value(&ev)); coloured.set(true); } />
            </label>
            <button type="submit" class="button" data-testid="note-save">"Save note"</button>
        </form>
    }
}
