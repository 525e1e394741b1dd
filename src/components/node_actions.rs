//! What can be done to the selected node, as buttons: expand out / in / both by N hops,
//! collapse, hide, pin, seed (pressed while it is one: Unseed for a seed the investigator
//! marked; a case file's seed stays one), pick for a group, group, ungroup. The inspector shows
//! them with stable test ids; the context menu shows the same set (with `menu-` ids).
//! Keyboard: O, I, B expand; C collapse; H hide; P pin; S seed; M pick; G group.

use hopscope_core::view::{Direction, SeedKind};
use leptos::prelude::*;

use super::actions::Prompts;
use super::layout_link::LayoutLink;
use super::open_case::CaseStore;

#[component]
pub fn NodeActions(#[prop(into)] prefix: String) -> impl IntoView {
    let case = expect_context::<CaseStore>();
    let prompts = expect_context::<Prompts>();
    let layout = expect_context::<LayoutLink>();
    let id = move |name: &str| format!("{prefix}{name}");
    let done = move || prompts.context_menu.set(None);
    let pinned = move || {
        case.view_revision.track();
        layout.status.track();
        case.peek(|s| {
            s.and_then(|s| s.selected().map(|i| s.is_pinned(i)))
                .unwrap_or(false)
        })
    };
    let seed = move || {
        case.view_revision.track();
        let id = case.selected_id()?;
        case.peek(|s| s.and_then(|s| s.view.seed_kind(&s.case, id)))
    };
    let grouped = move || {
        case.view_revision.track();
        case.selected_id().is_some_and(|id| {
            case.peek(|s| s.as_ref().is_some_and(|s| s.view.group_of(id).is_some()))
        })
    };
    let n_marked = move || {
        case.view_revision.track();
        case.peek(|s| s.map_or(0, |s| s.marked.len()))
    };
    let expand = move |d: Direction| {
        move |_| {
            prompts.expand_selected(d);
            done();
        }
    };
    view! {
        <div class="node-actions">
            <div class="row">
                <button data-testid=id("expand-out") title="Expand where the money went (O)" on:click=expand(Direction::Out)>"Out →"</button>
                <button data-testid=id("expand-in") title="Expand where the money came from (I)" on:click=expand(Direction::In)>"← In"</button>
                <button data-testid=id("expand-both") title="Expand both ways (B)" on:click=expand(Direction::Both)>"Both"</button>
                <label class="hops" title="Hops to expand">
                    <input
                        type="number"
                        min="1"
                        max="10"
                        class="narrow"
                        data-testid=id("hops-input")
                        prop:value=move || prompts.hops.get().to_string()
                        on:change=move |ev| {
                            if let Ok(h) = event_target_value(&ev).trim().parse::<u32>() {
                                prompts.hops.set(h.clamp(1, 10));
                            }
                        }
                    />
                    " hops"
                </label>
            </div>
            <div class="row">
                <button data-testid=id("collapse") title="Take away what expanding this node added (C)" on:click=move |_| { case.collapse_selected(); done(); }>"Collapse"</button>
                <button data-testid=id("hide") title="Hide this address; expansions pass it by (H)" on:click=move |_| { case.hide_selected(); done(); }>"Hide"</button>
                <button data-testid=id("pin") title="Pin it where it is, or free it (P)" on:click=move |_| { case.toggle_pin_selected(); done(); }>
                    {move || if pinned() { "Unpin" } else { "Pin" }}
                </button>
                <button
                    data-testid=id("mark-seed")
                    aria-pressed=move || if seed().is_some() { "true" } else { "false" }
                    prop:disabled=move || seed() == Some(SeedKind::OfCase)
                    title=move || match seed() {
                        None => "Treat it as a source of the stolen funds (S)",
                        Some(SeedKind::Marked) => "A seed you marked: press to unmark it (S)",
                        Some(SeedKind::OfCase) => "A seed named by the case file",
                    }
                    on:click=move |_| { case.toggle_seed_selected(); done(); }
                >
                    {move || match seed() {
                        None => "Seed",
                        Some(SeedKind::Marked) => "Unseed",
                        Some(SeedKind::OfCase) => "Seed (case)",
                    }}
                </button>
            </div>
            <div class="row">
                <button data-testid=id("pick") title="Pick it for a group (M, or shift-click)" on:click=move |_| { case.toggle_marked_selected(); done(); }>"Pick"</button>
                <button
                    data-testid=id("group")
                    title="Group the picked addresses and this one into one entity (G)"
                    prop:disabled=move || n_marked() == 0
                    on:click=move |_| { case.group_marked(""); done(); }
                >
                    {move || format!("Group ({})", n_marked())}
                </button>
                <Show when=grouped>
                    <button data-testid=id("ungroup") on:click=move |_| { case.ungroup_selected(); done(); }>"Ungroup"</button>
                </Show>
            </div>
        </div>
    }
}
