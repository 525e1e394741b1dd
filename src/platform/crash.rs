//! What the user sees when the page's code panics: a message over the whole page ("hopscope
//! stopped: reload — your case was saved at …") with a link that reloads, never a page that
//! silently stops answering. After a panic the wasm instance has trapped and its state (locks,
//! borrowed values) cannot be trusted, so the message is built from the DOM alone and from two
//! atomics the autosave keeps up to date (when it last succeeded, and whether a change is
//! waiting): nothing here calls back into the app. The autosave saves each investigator's
//! action at once (`CaseStore::act`, `Saves`), so what was saved is the case up to the last change.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use wasm_bindgen::JsCast;

/// When the last autosave succeeded (ms since 1970, as `f64` bits; 0: never this page).
static SAVED_AT: AtomicU64 = AtomicU64::new(0);
/// A change is waiting to be saved.
static UNSAVED: AtomicBool = AtomicBool::new(false);
/// The message is up (a second panic adds nothing).
static STOPPED: AtomicBool = AtomicBool::new(false);

/// The open case changed and is not saved yet.
pub fn changed() {
    UNSAVED.store(true, Ordering::Relaxed);
}

/// The open case was saved at `at_ms` (ms since 1970).
pub fn saved(at_ms: f64) {
    SAVED_AT.store(at_ms.to_bits(), Ordering::Relaxed);
    UNSAVED.store(false, Ordering::Relaxed);
}

/// Installs the panic hook: the panic goes to the console (with its message and place), then
/// the message goes up.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_stopped(&info.to_string());
    }));
}

/// The sentence the user reads, from what the autosave last did; `at` formats a time.
pub fn stopped_text(saved_at_ms: Option<f64>, unsaved: bool, at: impl Fn(f64) -> String) -> String {
    match (saved_at_ms, unsaved) {
        (Some(ms), false) => format!(
            "hopscope stopped: reload — your case was saved at {} with every change.",
            at(ms)
        ),
        (Some(ms), true) => format!(
            "hopscope stopped: reload — your case was saved at {}; the change made after that may be lost.",
            at(ms)
        ),
        (None, false) => {
            "hopscope stopped: reload — nothing in the open case had changed since it was opened."
                .to_owned()
        }
        (None, true) => {
            "hopscope stopped: reload — the open case could not be saved before it stopped; save cases as files (Save case) to keep them."
                .to_owned()
        }
    }
}

/// Puts the message over the page, once.
pub fn show_stopped(detail: &str) {
    if STOPPED.swap(true, Ordering::Relaxed) {
        return;
    }
    let saved = f64::from_bits(SAVED_AT.load(Ordering::Relaxed));
    let text = stopped_text(
        (saved > 0.0).then_some(saved),
        UNSAVED.load(Ordering::Relaxed),
        local_time,
    );
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    panel.set_class_name("stopped");
    let _ = panel.set_attribute("role", "alertdialog");
    let _ = panel.set_attribute("aria-modal", "true");
    let _ = panel.set_attribute("data-testid", "stopped");
    let _ = panel.set_attribute("aria-labelledby", "stopped-text");
    let add = |tag: &str, class: &str, content: &str| {
        let element = document.create_element(tag).ok()?;
        element.set_class_name(class);
        // Text only: the panic's message may quote a file's contents.
        element.set_text_content(Some(content));
        panel.append_child(&element).ok()?;
        Some(element)
    };
    if let Some(p) = add("p", "stopped-text", &text) {
        p.set_id("stopped-text");
    }
    if let Some(link) = add("a", "stopped-reload", "Reload") {
        let href = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_else(|| "./".to_owned());
        let _ = link.set_attribute("href", &href);
        let _ = link.set_attribute("data-testid", "stopped-reload");
        if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
            let _ = link.focus();
        }
    }
    if let Some(details) = add("details", "stopped-detail", "") {
        for (tag, content) in [
            ("summary", "What went wrong (for a bug report)"),
            ("pre", detail),
        ] {
            if let Ok(element) = document.create_element(tag) {
                element.set_text_content(Some(content));
                let _ = details.append_child(&element);
            }
        }
    }
    let _ = body.append_child(&panel);
}

/// `HH:MM:SS` in the browser's local time.
fn local_time(ms: f64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{:02}:{:02}:{:02}",
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds()
    )
}

#[cfg(test)]
mod tests {
    use super::stopped_text;

    #[test]
    fn the_message_says_when_the_case_was_saved_and_what_may_be_lost() {
        let at = |ms: f64| format!("T{ms}");
        assert_eq!(
            stopped_text(Some(5.0), false, at),
            "hopscope stopped: reload — your case was saved at T5 with every change."
        );
        assert!(stopped_text(Some(5.0), true, at).contains("may be lost"));
        assert!(stopped_text(None, false, at).contains("nothing in the open case had changed"));
        assert!(stopped_text(None, true, at).contains("could not be saved"));
        for text in [
            stopped_text(Some(1.0), false, at),
            stopped_text(None, true, at),
        ] {
            assert!(text.starts_with("hopscope stopped: reload"));
        }
    }
}
