//! The top bar: app name, case title, the graph-stats line, "Open…" (a new case from one or
//! more files), "Add files…" (merge into the open case), and the chain for files that do not
//! name theirs.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::case_menu::CaseMenu;
use super::imports::OpenMode;
use super::ui::Ui;
use crate::platform::files::file_list;

/// Chains offered for files that do not name theirs.
const CHAINS: &[&str] = &[
    "ethereum",
    "bsc",
    "polygon",
    "arbitrum",
    "optimism",
    "base",
    "avalanche",
    "fantom",
    "bitcoin",
    "tron",
];

#[component]
pub fn Toolbar() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let on_change = move |mode: OpenMode| {
        move |ev: leptos::ev::Event| {
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            ui.import_files(file_list(input.files()), mode, None);
            // Let the same files be picked again later.
            input.set_value("");
        }
    };
    view! {
        <header class="toolbar">
            <span class="brand">"hopscope"</span>
            <span class="case-title" title=move || ui.case.title.get()>{move || ui.case.title.get()}</span>
            <span class="stats" data-testid="graph-stats">{move || ui.case.stats.get()}</span>
            <CaseMenu />
            <super::story::StoryButtons />
            <label class="chain-choice" title="The chain of files that do not name theirs (explorer exports and API responses)">
                "Chain "
                <select
                    data-testid="chain-option"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        ui.files.chain.set((!value.is_empty()).then_some(value));
                    }
                >
                    <option value="">"as the file says"</option>
                    {CHAINS.iter().map(|c| view! { <option value=*c>{*c}</option> }).collect_view()}
                </select>
            </label>
            <label class="button" title="Open files as a new case (several are merged)">
                "Open…"
                <input type="file" multiple data-testid="file-input" on:change=on_change(OpenMode::NewCase) />
            </label>
            <label class="button secondary" title="Add files to the open case">
                "Add files…"
                <input
                    type="file"
                    multiple
                    data-testid="add-files-input"
                    on:change=on_change(OpenMode::AddToCase)
                />
            </label>
        </header>
    }
}
