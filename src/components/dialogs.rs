//! Small overlays: the question a hub raises when an expansion reaches it (add all its new
//! neighbours, or only the largest flows), and the node context menu.

use leptos::prelude::*;

use super::actions::Prompts;
use super::actions::HUB_TOP_N;
use super::node_actions::NodeActions;

#[component]
pub fn HubDialog() -> impl IntoView {
    let prompts = expect_context::<Prompts>();
    move || {
        prompts.hub.get().map(|p| {
            view! {
                <div class="hub-dialog" role="dialog" data-testid="hub-dialog">
                    <p>
                        <strong>{p.name.clone()}</strong>
                        {format!(" has {} new neighbours: a hub such as an exchange hot wallet. Add them all?", p.new_neighbours)}
                    </p>
                    <button data-testid="hub-top" on:click=move |_| prompts.answer_hub(false)>
                        {format!("Top {} by value", HUB_TOP_N.min(p.new_neighbours))}
                    </button>
                    <button data-testid="hub-all" on:click=move |_| prompts.answer_hub(true)>
                        {format!("All {}", p.new_neighbours)}
                    </button>
                    <button class="secondary" data-testid="hub-cancel" on:click=move |_| prompts.hub.set(None)>"Not now"</button>
                </div>
            }
        })
    }
}

#[component]
pub fn ContextMenu() -> impl IntoView {
    let prompts = expect_context::<Prompts>();
    move || {
        prompts.context_menu.get().map(|[x, y]| {
            view! {
                <div
                    class="context-menu"
                    role="menu"
                    data-testid="context-menu"
                    style:left=format!("{x}px")
                    style:top=format!("{y}px")
                    on:pointerleave=move |_| prompts.context_menu.set(None)
                >
                    <NodeActions prefix="menu-" />
                </div>
            }
        })
    }
}
