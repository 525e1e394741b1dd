//! The error banner (one message, dismissable) and the list of import warnings. All text is
//! set as text nodes, never as HTML.

use leptos::prelude::*;

use super::app::Ui;

#[component]
pub fn ErrorBanner() -> impl IntoView {
    let ui = expect_context::<Ui>();
    move || {
        ui.error.get().map(|message| {
            view! {
                <div class="error-banner" role="alert" data-testid="error-banner">
                    <span class="message">{message}</span>
                    <button class="dismiss" title="Dismiss" on:click=move |_| ui.error.set(None)>
                        "×"
                    </button>
                </div>
            }
        })
    }
}

#[component]
pub fn ImportWarnings() -> impl IntoView {
    let ui = expect_context::<Ui>();
    move || {
        let warnings = ui.warnings.get();
        (!warnings.is_empty()).then(|| {
            let n = warnings.len();
            view! {
                <details class="import-warnings" data-testid="import-warnings">
                    <summary>{format!("{n} import warning{}", if n == 1 { "" } else { "s" })}</summary>
                    <ul>{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                </details>
            }
        })
    }
}
