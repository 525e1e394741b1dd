//! The case controls in the top bar: undo and redo, save the case (data and investigation) as
//! a file, open a saved case file, reopen a recent (autosaved) case, show every address, and
//! the autosave state, including why it failed, and how much of the disk the browser lets
//! the site use; open a bundled teaching case. Both case lists
//! mark the open case ("● … (open)"); recent cases are named by title, time and size.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::case_store::{recent_label, size_text, Saves};
use super::imports::OpenMode;
use super::ui::Ui;
use crate::platform::files::file_list;

#[component]
pub fn CaseMenu() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let saves = expect_context::<Saves>();
    let can = move |redo: bool| {
        ui.case.view_revision.track();
        ui.case.revision.track();
        ui.case
            .peek(|s| s.is_some_and(|s| if redo { s.can_redo() } else { s.can_undo() }))
    };
    // The recent entry of the open case (its storage key), for the menu to show; "" (the
    // "Recent…" line) while the open case is not in the list (not saved yet, or the demo).
    let open_key = move || {
        ui.case.revision.track();
        let key = saves.case_key.get_value().unwrap_or_default();
        let listed = saves.recent.with(|list| list.iter().any(|r| r.key == key));
        if listed {
            key
        } else {
            String::new()
        }
    };
    let on_open = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        ui.import_files(file_list(input.files()), OpenMode::NewCase, None);
        input.set_value("");
    };
    view! {
        <span class="case-menu">
            <button
                data-testid="undo"
                title="Undo the last view change (Ctrl/Cmd-Z)"
                prop:disabled=move || !can(false)
                on:click=move |_| ui.case.undo()
            >
                "Undo"
            </button>
            <button
                data-testid="redo"
                title="Redo (Ctrl/Cmd-Shift-Z)"
                prop:disabled=move || !can(true)
                on:click=move |_| ui.case.redo()
            >
                "Redo"
            </button>
            <button
                data-testid="view-all"
                title="Show every address of the case"
                on:click=move |_| ui.case.show_all()
            >
                "Show all"
            </button>
            <button
                data-testid="save-case"
                title="Save the case with its investigation (view, positions, notes, trace) as a file"
                on:click=move |_| ui.saves.save_case_file()
            >
                "Save case"
            </button>
            <label class="button secondary" title="Open a saved case file, restoring its investigation">
                "Open case…"
                <input type="file" accept=".json,application/json" data-testid="open-case" on:change=on_open />
            </label>
            <select
                data-testid="recent-cases"
                title="Cases autosaved in this browser"
                on:change=move |ev| {
                    let key = event_target_value(&ev);
                    if !key.is_empty() {
                        leptos::task::spawn_local(async move {
                            ui.open_recent(&key).await;
                        });
                    }
                }
                prop:value=open_key
            >
                <option value="">"Recent…"</option>
                {move || {
                    let open = open_key();
                    saves.recent
                        .get()
                        .into_iter()
                        .map(|r| {
                            let label = recent_label(&r);
                            let label = if r.key == open { format!("● {label} (open)") } else { label };
                            let selected = r.key == open;
                            view! { <option value=r.key selected=selected>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <select
                data-testid="bundled-cases"
                title="Open a bundled teaching case (each marked illustrative where it is)"
                on:change=move |ev| {
                    let name = event_target_value(&ev);
                    ui.open_bundled(&name);
                }
                prop:value=move || ui.case.bundled.get().map(|b| format!("{b}.json")).unwrap_or_default()
            >
                <option value="">"Bundled cases…"</option>
                {move || {
                    let open = ui.case.bundled.get().map(|b| format!("{b}.json"));
                    crate::BUNDLED_CASES.iter().map(|(file, text)| {
                        let title = hopscope_core::parse_case(text).map(|c| c.value.title).unwrap_or_else(|_| (*file).to_owned());
                        let is_open = open.as_deref() == Some(*file);
                        let label = if is_open { format!("● {title} (open)") } else { title };
                        view! { <option value=*file selected=is_open>{label}</option> }
                    }).collect_view()
                }}
            </select>
            <span
                class="autosave"
                data-testid="autosave-state"
                data-saved-at=move || saves.saved_at.get().map(|t| t.to_string()).unwrap_or_default()
            >
                {move || match (saves.storage_error.get(), saves.saved_at.get()) {
                    (Some(_), _) => "not saved".to_owned(),
                    (None, Some(_)) => "saved in this browser".to_owned(),
                    (None, None) => String::new(),
                }}
            </span>
            <span
                class="storage-use"
                data-testid="storage-use"
                title=move || if saves.persisted.get() {
                    "The browser keeps this site's data until you clear it"
                } else {
                    "The browser may clear this site's data when the disk runs short: use Save case to keep a case as a file"
                }
            >
                {move || saves.estimate.get().map(|(usage, quota)| {
                    format!("{} of {} used", size_text(usage), size_text(quota))
                })}
            </span>
        </span>
        {move || {
            saves.storage_error
                .get()
                .map(|message| {
                    view! { <div class="storage-error" role="alert" data-testid="storage-error">{message}</div> }
                })
        }}
    }
}
