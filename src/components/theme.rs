//! The theme store: light or dark, remembered by the browser (else the system's preference);
//! the page's style sheet (`data-theme` on the root) and the canvas follow it.

use hopscope_core::export::Theme;
use leptos::prelude::*;

/// Where the theme is remembered.
const THEME_KEY: &str = "hopscope.theme";

/// The theme the browser remembers, else the system's preference.
fn initial_theme() -> Theme {
    let window = web_sys::window();
    let saved = window
        .as_ref()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten());
    match saved.as_deref() {
        Some("dark") => Theme::Dark,
        Some("light") => Theme::Light,
        _ => {
            let dark = window
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .is_some_and(|m| m.matches());
            if dark {
                Theme::Dark
            } else {
                Theme::Light
            }
        }
    }
}

/// Shows `theme` on the page (`data-theme` on the root, for the style sheet).
fn apply_theme(theme: Theme) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", theme_name(theme));
    }
}

pub fn theme_name(theme: Theme) -> &'static str {
    match theme {
        Theme::Light => "light",
        Theme::Dark => "dark",
    }
}

/// The light or dark theme: the page's style sheet and the canvas follow it. Only `toggle`
/// changes it.
#[derive(Clone, Copy)]
pub struct ThemeStore {
    pub theme: ReadSignal<Theme>,
    set_theme: WriteSignal<Theme>,
    /// The read-only embed does not remember a choice.
    read_only: bool,
}

impl ThemeStore {
    /// The theme the browser remembers (else the system's), shown on the page.
    pub fn new(read_only: bool) -> ThemeStore {
        let theme = initial_theme();
        apply_theme(theme);
        let (theme, set_theme) = signal(theme);
        ThemeStore {
            theme,
            set_theme,
            read_only,
        }
    }

    pub fn toggle(&self) {
        let next = match self.theme.get_untracked() {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        };
        self.set_theme.set(next);
        apply_theme(next);
        if !self.read_only {
            if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten())
            {
                let _ = storage.set_item(THEME_KEY, theme_name(next));
            }
        }
    }
}
