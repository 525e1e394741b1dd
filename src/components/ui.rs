//! `Ui`: the app's small stores together, for the few places whose work spans several of
//! them (opening files and cases, the tour, the keyboard, the embed, the test hook). It holds
//! no state of its own. A panel takes only the stores it uses from the context
//! (`expect_context::<CaseStore>()` and so on); most need the open case alone.
//!
//! The stores, each with one way to read and one way to change it, bottom first (a store
//! knows only those before it):
//!
//! | store | file | holds |
//! |---|---|---|
//! | `Messages` | `banner.rs` | error banner, import report, notices, status line |
//! | `CaseStore` | `open_case.rs` | the stage; the case's signals; `act` and `drive` |
//! | `Saves` | `case_store.rs` | autosave, recent cases (follows every `act`) |
//! | `LayoutLink` | `layout_link.rs` | the layout worker, its status (follows every `act`) |
//! | `Prompts` | `actions.rs` | expansion hops, the hub prompt, the context menu |
//! | `Imports` | `opening.rs` | the import worker, progress, the column dialog |
//! | `Tour` | `story.rs` | the story step shown, presenting, playing |
//! | `ThemeStore` | `view_controls.rs` | light or dark |

use leptos::prelude::*;

use super::actions::Prompts;
use super::banner::Messages;
use super::case_store::Saves;
use super::imports::Imports;
use super::layout_link::LayoutLink;
use super::open_case::CaseStore;
use super::theme::ThemeStore;
use super::tour::Tour;
use crate::import::client::ImportClient;

/// The stores, for work that spans them.
#[derive(Clone, Copy)]
pub struct Ui {
    pub messages: Messages,
    pub case: CaseStore,
    pub saves: Saves,
    pub layout: LayoutLink,
    pub prompts: Prompts,
    pub files: Imports,
    pub tour: Tour,
    pub theme: ThemeStore,
}

impl Ui {
    /// Makes the stores (starting the layout and import workers where the browser can run
    /// them) and provides each to the components on its own.
    pub fn start(read_only: bool, presenting: bool) -> Ui {
        // Before any case is read: every case the page shows carries the bundled book.
        hopscope_core::format::label_list::load_bundled();
        let messages = Messages::new();
        let case = CaseStore::new(read_only, messages);
        let saves = Saves::new(case, messages);
        let layout = LayoutLink::start(case, saves, messages);
        let ui = Ui {
            messages,
            case,
            saves,
            layout,
            prompts: Prompts::new(case, messages),
            files: Imports::new(),
            tour: Tour::new(presenting, case),
            theme: ThemeStore::new(read_only),
        };
        ui.files
            .connect(ImportClient::new(move |event| ui.on_import_event(event)));
        provide_context(ui.messages);
        provide_context(ui.case);
        provide_context(ui.saves);
        provide_context(ui.layout);
        provide_context(ui.prompts);
        provide_context(ui.files);
        provide_context(ui.tour);
        provide_context(ui.theme);
        provide_context(ui);
        ui
    }

    /// The read-only embed.
    pub fn read_only(&self) -> bool {
        self.case.read_only
    }
}
