//! The read-only embed: `?embed` shows a saved case with pan, zoom, hover, keyboard
//! navigation and the inspector, sized to its iframe, with no editing, no file access and no
//! autosave (the reader's own cases in this browser are never touched). The case comes in the
//! address's fragment (`#case=` and the case file in URL-safe base64, which never reaches a
//! server) or names a bundled case (`?embed&case=textbook-ten`). A case with saved positions
//! is shown as it was saved: the layout stays paused.

use base64::Engine;
use hopscope_core::layout::Command;
use leptos::prelude::*;

use super::app::Ui;
use super::banner::ErrorBanner;
use super::graph_view::GraphView;
use super::inspector::Inspector;
use super::legend::Legend;
use super::opening::OpenMode;
use super::view_controls::ViewControls;

/// A parameter of the page's query string, decoded.
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// The story step the address asks for (`&step=K`, counted from 1), as an index.
pub fn step_asked() -> Option<usize> {
    let k = query_param("step")?.trim().parse::<usize>().ok()?;
    Some(k.saturating_sub(1))
}

/// Whether the page was opened as an embed (`?embed`).
pub fn embed_asked() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .is_some_and(|p| p.has("embed"))
}

/// The case file in the fragment (`#case=…`, URL-safe base64, padding optional).
pub fn fragment_case(hash: &str) -> Option<Result<String, String>> {
    let encoded = hash.trim_start_matches('#').strip_prefix("case=")?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded.trim_end_matches('='))
        .map_err(|e| format!("the case in the address (#case=…) is not URL-safe base64: {e}"));
    Some(bytes.and_then(|b| {
        String::from_utf8(b)
            .map_err(|_| "the case in the address (#case=…) is not UTF-8 text".to_owned())
    }))
}

/// The fragment that carries a case file: `case=` and its URL-safe base64.
pub fn case_fragment(case_file: &str) -> String {
    format!(
        "case={}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(case_file)
    )
}

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
                ui.bundled.set(query_param("case"));
            }
            // A saved picture is shown as saved.
            ui.stage.update_value(|s| {
                if let Some(s) = s {
                    s.locked = true;
                    let saved = s
                        .case
                        .investigation
                        .as_ref()
                        .is_some_and(|i| !i.positions.is_empty());
                    if saved {
                        s.command(Command::Pause);
                    }
                }
            });
            ui.send_layout_commands();
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
                <span class="case-title" title=move || ui.title.get()>{move || ui.title.get()}</span>
                <span class="stats" data-testid="graph-stats">{move || ui.stats.get()}</span>
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_survives_the_fragment_and_bad_fragments_say_why() {
        let text = "{\"title\": \"Ünïcode ]]> <b>\"}";
        let fragment = case_fragment(text);
        assert!(fragment
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "=-_".contains(c)));
        assert_eq!(
            fragment_case(&format!("#{fragment}")),
            Some(Ok(text.to_owned()))
        );
        assert_eq!(fragment_case("#other=1"), None);
        assert!(fragment_case("#case=***")
            .unwrap()
            .unwrap_err()
            .contains("base64"));
        let not_utf8 = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([0xff, 0xfe]);
        assert!(fragment_case(&format!("#case={not_utf8}"))
            .unwrap()
            .unwrap_err()
            .contains("UTF-8"));
    }
}
