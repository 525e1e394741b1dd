//! The read-only embed: `?embed` shows a saved case with pan, zoom, hover, keyboard
//! navigation and the inspector, sized to its iframe, with no editing, no file access and no
//! autosave (the reader's own cases in this browser are never touched). The case comes in the
//! address's fragment (`#case=` and the case file in URL-safe base64, which never reaches a
//! server) or names a bundled case (`?embed&case=textbook-ten`). A case with saved positions
//! is shown as it was saved: the layout stays paused.

use hopscope_core::layout::Command;
use leptos::prelude::*;

use super::banner::ErrorBanner;
use super::graph_view::GraphView;
use super::imports::OpenMode;
use super::inspector::Inspector;
use super::legend::Legend;
use super::page_address::{fragment_case, query_param, step_asked};
use super::ui::Ui;
use super::view_controls::ViewControls;

#[component]
pub fn EmbedShell() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let source = match fragment_case(&hash) {
        Some(Ok(text)) => Ok(("embedded case".to_owned(), text)),
        Some(Err(e)) => Err(e),
        None => match query_param("case").and_then(|n| crate::bundled_case(&n)) {
            Some((file, text)) => Ok((file.to_owned(), text.to_owned())),
            None => Err(
                "No case to show: give one as #case=… (the case file in URL-safe base64) or ?embed&case=NAME (a bundled case)"
                    .to_owned(),
            ),
        },
    };
    match source {
        Ok((name, text)) => {
            ui.open_texts(vec![(name, text)], OpenMode::NewCase);
            ui.messages.report.set(Vec::new());
            if hash.is_empty() {
                // A bundled case by name: links to a step open it in the full app.
                ui.case.set_bundled(query_param("case"));
            }
            // A saved picture is shown as saved.
            ui.case.drive(|s| {
                s.lock();
                let saved = s
                    .case
                    .investigation
                    .as_ref()
                    .is_some_and(|i| !i.positions.is_empty());
                if saved {
                    s.command(Command::Pause);
                }
            });
            ui.layout.send_commands();
            // `&step=K`: the case's story, at step K (counted from 1).
            if let Some(k) = step_asked() {
                ui.show_step(k);
            }
        }
        Err(message) => ui.messages.error.set(Some(message)),
    }
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        if ui.run_key(&ev) {
            ev.prevent_default();
        }
    });
    // Files dropped on the embed are refused, not opened by the browser in its place.
    let _ = window_event_listener(leptos::ev::dragover, move |ev| ev.prevent_default());
    let _ = window_event_listener(leptos::ev::drop, move |ev| ev.prevent_default());
    view! {
        <div class="app embed" data-testid="embed">
            <header class="embed-bar">
                <span class="brand">"hopscope"</span>
                <span class="case-title" title=move || ui.case.title.get()>{move || ui.case.title.get()}</span>
                <span class="stats" data-testid="graph-stats">{move || ui.case.stats.get()}</span>
                <super::story::StoryStart hide_without_story=true />
                <span class="read-only" title="This picture can be explored but not changed">"read-only"</span>
            </header>
            <ErrorBanner />
            <div class="body">
                <main class="stage">
                    <div class="stage-area">
                        <GraphView />
                        <ViewControls />
                        <super::story::StoryPanel />
                        <Legend />
                    </div>
                    <super::timeline::Timeline />
                </main>
                <Inspector />
            </div>
        </div>
    }
}
