//! Leptos components. They only wire signals to views; logic lives in `stage` and the core.

mod actions;
mod addresses_panel;
mod app;
mod asset_choice;
mod banner;
mod case_menu;
mod case_store;
mod dialogs;
mod embed;
mod expand_settings;
mod explain_panel;
mod export_menu;
mod filters;
mod graph_view;
mod inspector;
mod keys;
mod layout_link;
mod layout_panel;
mod legend;
mod links_panel;
mod mapping;
mod node_actions;
mod opening;
mod paths_panel;
mod patterns_panel;
mod progress;
mod search_box;
mod story;
mod test_hook;
mod timeline;
mod toolbar;
mod trace_panel;
mod view_controls;

pub use app::{App, Ui};
pub use graph_view::Renderer;
pub use opening::OpenMode;
