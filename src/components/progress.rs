//! The import progress bar with its cancel button, shown while files of more than a couple of
//! megabytes are read (smaller ones finish before a bar would be seen).

use leptos::prelude::*;

use super::ui::Ui;

/// Imports at least this big (all files together) show the bar.
pub const SHOW_FROM_BYTES: f64 = 2.0 * 1024.0 * 1024.0;

#[component]
pub fn ImportProgress() -> impl IntoView {
    let ui = expect_context::<Ui>();
    move || {
        ui.files
            .status
            .get()
            .filter(|s| s.total >= SHOW_FROM_BYTES)
            .map(|s| {
                let label = format!(
                    "Reading {} — {:.1} of {:.1} MB",
                    s.names,
                    s.done.min(s.total) / 1e6,
                    s.total / 1e6
                );
                view! {
                    <div class="import-progress" role="status" data-testid="import-progress">
                        <span class="label">{label}</span>
                        <progress max=s.total value=s.done.min(s.total)></progress>
                        <button data-testid="import-cancel" on:click=move |_| ui.cancel_import()>
                            "Cancel"
                        </button>
                    </div>
                }
            })
    }
}
