//! The error banner (one message, dismissable) and the import report: each file of the last
//! import with its format, what it added and its warnings. All text is set as text nodes,
//! never as HTML.

use hopscope_core::format::batch::FileReport;
use leptos::prelude::*;

/// What the app tells the user about the last thing that happened: an error (shown until
/// dismissed), the report of the last import (one entry per file), notices about the open case
/// as a whole (e.g. too large to lay out) and the status line over the canvas. One small store,
/// provided on its own.
#[derive(Clone, Copy)]
pub struct Messages {
    pub error: RwSignal<Option<String>>,
    pub report: RwSignal<Vec<FileReport>>,
    pub notices: RwSignal<Vec<String>>,
    /// What the last action did, in a line over the canvas.
    pub status: RwSignal<String>,
}

impl Messages {
    pub fn new() -> Messages {
        Messages {
            error: RwSignal::new(None),
            report: RwSignal::new(Vec::new()),
            notices: RwSignal::new(Vec::new()),
            status: RwSignal::new(String::new()),
        }
    }
}

#[component]
pub fn ErrorBanner() -> impl IntoView {
    let messages = expect_context::<Messages>();
    move || {
        messages.error.get().map(|message| {
            view! {
                <div class="error-banner" role="alert" data-testid="error-banner">
                    <span class="message">{message}</span>
                    <button class="dismiss" title="Dismiss" on:click=move |_| messages.error.set(None)>
                        "×"
                    </button>
                </div>
            }
        })
    }
}

#[component]
pub fn ImportReport() -> impl IntoView {
    let messages = expect_context::<Messages>();
    move || {
        let reports = messages.report.get();
        let notices = messages.notices.get();
        (!reports.is_empty() || !notices.is_empty()).then(|| {
            let n_warnings: usize = reports.iter().map(|r| r.warnings.len()).sum();
            let summary = format!(
                "Import report: {} file{} · {n_warnings} warning{}",
                reports.len(),
                if reports.len() == 1 { "" } else { "s" },
                if n_warnings == 1 { "" } else { "s" }
            );
            view! {
                <details class="import-report" data-testid="import-report">
                    <summary>{summary}</summary>
                    <ul class="notices">{notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                    <ul class="files">{reports.into_iter().map(file_view).collect_view()}</ul>
                </details>
            }
        })
    }
}

fn file_view(r: FileReport) -> impl IntoView {
    let format = r.format.map(|f| f.name()).unwrap_or("not recognised");
    let outcome = r.outcome();
    view! {
        <li class:failed=r.error.is_some()>
            <strong>{r.name}</strong>
            {format!(" — {format} — {outcome}")}
            <ul>{r.warnings.into_iter().map(|w| view! { <li>{w.to_string()}</li> }).collect_view()}</ul>
        </li>
    }
}
