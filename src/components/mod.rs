//! Leptos components. They only wire signals to views; logic lives in `stage` and the core.

mod app;
mod banner;
mod graph_view;
mod inspector;
mod layout_panel;
mod legend;
mod mapping;
mod progress;
mod toolbar;

pub use app::{App, OpenMode, Ui};
