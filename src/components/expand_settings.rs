//! How expansion behaves: which categories end a trail (shown, not expanded through; by
//! default exchanges and sanctioned services), and how many new neighbours make a hub that asks
//! before adding them.

use hopscope_core::model::Category;
use hopscope_core::style::category_colour;
use leptos::prelude::*;

use super::open_case::CaseStore;

#[component]
pub fn ExpandSettings() -> impl IntoView {
    let case = expect_context::<CaseStore>();
    let options = move || {
        case.view_revision.track();
        case.revision.track();
        case.read(|s| s.expand.clone()).unwrap_or_default()
    };
    let change = move |f: Box<dyn FnOnce(&mut hopscope_core::view::ExpandOptions)>| {
        case.drive(|s| s.change_expand(f));
    };
    view! {
        <details class="panel-section expand-settings" data-testid="expand-settings">
            <summary>"Expansion"</summary>
            <p class="hint">"Trails end at these (shown, not expanded through):"</p>
            <div class="assets">
                {Category::ALL
                    .into_iter()
                    .map(|c| {
                        view! {
                            <label class="asset">
                                <input
                                    type="checkbox"
                                    data-testid=format!("terminal-{}", c.as_str())
                                    prop:checked=move || options().terminal.contains(&c)
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        change(Box::new(move |o| {
                                            if on { o.terminal.insert(c); } else { o.terminal.remove(&c); }
                                        }));
                                    }
                                />
                                <span class="swatch" style:background=category_colour(c)></span>
                                {c.title()}
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
            <label class="row">
                "Ask before adding more than "
                <input
                    type="number"
                    min="1"
                    class="narrow"
                    data-testid="hub-threshold"
                    prop:value=move || options().hub_threshold.to_string()
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).trim().parse::<usize>() {
                            change(Box::new(move |o| o.hub_threshold = n.max(1)));
                        }
                    }
                />
                " new neighbours"
            </label>
        </details>
    }
}
