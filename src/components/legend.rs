//! The legend: the categories present in the open case, their colours and counts.

use hopscope_core::style::category_colour;
use leptos::prelude::*;

use super::app::Ui;

#[component]
pub fn Legend() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let entries = move || {
        ui.revision.track();
        ui.view_revision.track();
        ui.stage
            .with_value(|s| s.as_ref().map(|s| s.legend()).unwrap_or_default())
    };
    view! {
        <ul class="legend" data-testid="legend">
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
        </ul>
    }
}
