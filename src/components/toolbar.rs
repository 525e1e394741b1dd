//! The top bar: app name, case title, the graph-stats line and "Open file…".

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::app::Ui;
use crate::platform::files::file_list;

#[component]
pub fn Toolbar() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        ui.open_files(file_list(input.files()));
        // Let the same file be picked again later.
        input.set_value("");
    };
    view! {
        <header class="toolbar">
            <span class="brand">"hopscope"</span>
            <span class="case-title" title=move || ui.title.get()>{move || ui.title.get()}</span>
            <span class="stats" data-testid="graph-stats">{move || ui.stats.get()}</span>
            <label class="button">
                "Open file…"
                <input
                    type="file"
                    accept=".json,application/json"
                    data-testid="file-input"
                    on:change=on_change
                />
            </label>
        </header>
    }
}
