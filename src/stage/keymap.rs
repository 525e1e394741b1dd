//! Every keyboard shortcut, in one table: a key (as `KeyboardEvent.key` gives it, lower case),
//! the modifiers it wants, and the context it works in, to a `Command`. Contexts are looked
//! at in order — an open menu, the start screen, presentation mode, the story tour, the graph
//! (focus on the canvas or the page), the page — and the first binding that matches wins, so a
//! key keeps its meaning in each. The app and the embed turn a key event into a `Press` and
//! run what `command` gives; no browser types here.

use hopscope_core::view::Direction;

/// What a shortcut does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Closes the context menu and the hub question.
    CloseMenus,
    CloseStart,
    LeavePresentation,
    EndStory,
    NextStep,
    PreviousStep,
    FirstStep,
    LastStep,
    /// Steps the selection to the neighbour in a screen direction (x right, y down).
    StepSelection([i8; 2]),
    Fit,
    ZoomToSelection,
    PlayPause,
    Undo,
    Redo,
    Expand(Direction),
    Collapse,
    Hide,
    Pin,
    Seed,
    Pick,
    Group,
}

impl Command {
    /// The screen direction of a selection step, as the stage's `step` wants it.
    pub fn direction(self) -> Option<[f32; 2]> {
        match self {
            Command::StepSelection([x, y]) => Some([f32::from(x), f32::from(y)]),
            _ => None,
        }
    }
}

/// Where a shortcut works. Listed in the order they are looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Context {
    /// A context menu or the hub question is open.
    Menu,
    /// The start screen is open.
    Start,
    Presenting,
    /// A story step is shown.
    Story,
    /// The key went to the graph: the canvas or the page itself, not a panel, field or menu.
    Graph,
    /// Anywhere in the app but a text field (the embed has no page shortcuts).
    Page,
}

/// What the key went to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// An input, text area or list.
    Field,
    /// Another element that edits text (`contenteditable`).
    Editable,
    /// The canvas or the page itself (body, html, or no element).
    Graph,
    /// Anything else: a button, a panel.
    Other,
}

/// A key pressed, as the page saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Press {
    /// `KeyboardEvent.key` in lower case (" " for Space).
    pub key: String,
    /// Ctrl, or Cmd on a Mac.
    pub command: bool,
    pub alt: bool,
    pub shift: bool,
    pub target: Target,
}

impl Press {
    /// A key with no modifiers, pressed on the graph.
    pub fn key(key: &str) -> Press {
        Press {
            key: key.to_lowercase(),
            command: false,
            alt: false,
            shift: false,
            target: Target::Graph,
        }
    }
}

/// What is open when a key is pressed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct State {
    pub menu_open: bool,
    pub start_open: bool,
    pub presenting: bool,
    /// A story step is shown.
    pub story: bool,
    /// The editing app (the page's shortcuts), not the read-only embed.
    pub editing: bool,
}

impl State {
    /// Whether a context applies, apart from where the key went.
    fn has(&self, context: Context) -> bool {
        match context {
            Context::Menu => self.menu_open,
            Context::Start => self.start_open,
            Context::Presenting => self.presenting,
            Context::Story => self.story,
            Context::Graph => true,
            Context::Page => self.editing,
        }
    }
}

/// A modifier a binding wants held (`Some(true)`), not held (`Some(false)`), or either.
type Want = Option<bool>;

/// One shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub key: &'static str,
    pub command_key: Want,
    pub alt: Want,
    pub shift: Want,
    pub does: Command,
}

const fn bind(context: Context, key: &'static str, does: Command) -> Binding {
    // The tour's and the graph's keys: no Alt, Ctrl or Cmd; Shift does not matter.
    let (command_key, alt) = match context {
        Context::Menu | Context::Page => (Some(false), None),
        _ => (Some(false), Some(false)),
    };
    Binding {
        context,
        key,
        command_key,
        alt,
        shift: None,
        does,
    }
}

const fn with_command(key: &'static str, shift: bool, does: Command) -> Binding {
    Binding {
        context: Context::Page,
        key,
        command_key: Some(true),
        alt: None,
        shift: Some(shift),
        does,
    }
}

/// Every shortcut (README.md names them).
pub const BINDINGS: &[Binding] = &[
    // An open menu or question closes first.
    bind(Context::Menu, "escape", Command::CloseMenus),
    bind(Context::Start, "escape", Command::CloseStart),
    bind(Context::Presenting, "escape", Command::LeavePresentation),
    // The tour: → / PageDown next, ← / PageUp previous, Home first, End last; Escape leaves.
    bind(Context::Story, "escape", Command::EndStory),
    bind(Context::Story, "arrowright", Command::NextStep),
    bind(Context::Story, "pagedown", Command::NextStep),
    bind(Context::Story, "arrowleft", Command::PreviousStep),
    bind(Context::Story, "pageup", Command::PreviousStep),
    bind(Context::Story, "home", Command::FirstStep),
    bind(Context::Story, "end", Command::LastStep),
    // Looking around: arrows step to the neighbour that way, F fits, Z zooms to the selection.
    bind(Context::Graph, "arrowleft", Command::StepSelection([-1, 0])),
    bind(Context::Graph, "arrowright", Command::StepSelection([1, 0])),
    bind(Context::Graph, "arrowup", Command::StepSelection([0, -1])),
    bind(Context::Graph, "arrowdown", Command::StepSelection([0, 1])),
    bind(Context::Graph, "f", Command::Fit),
    bind(Context::Graph, "z", Command::ZoomToSelection),
    // The timeline plays and pauses, whatever is held.
    Binding {
        context: Context::Graph,
        key: " ",
        command_key: None,
        alt: None,
        shift: None,
        does: Command::PlayPause,
    },
    // Undo and redo: Ctrl/Cmd-Z, Ctrl/Cmd-Shift-Z or Ctrl/Cmd-Y.
    with_command("z", false, Command::Undo),
    with_command("z", true, Command::Redo),
    with_command("y", false, Command::Redo),
    // The selected node's actions.
    bind(Context::Page, "o", Command::Expand(Direction::Out)),
    bind(Context::Page, "i", Command::Expand(Direction::In)),
    bind(Context::Page, "b", Command::Expand(Direction::Both)),
    bind(Context::Page, "c", Command::Collapse),
    bind(Context::Page, "h", Command::Hide),
    bind(Context::Page, "p", Command::Pin),
    bind(Context::Page, "s", Command::Seed),
    bind(Context::Page, "m", Command::Pick),
    bind(Context::Page, "g", Command::Group),
    bind(Context::Page, "escape", Command::CloseMenus),
];

impl Binding {
    fn matches(&self, press: &Press) -> bool {
        let held = |want: Want, is: bool| want.is_none_or(|w| w == is);
        self.key == press.key
            && held(self.command_key, press.command)
            && held(self.alt, press.alt)
            && held(self.shift, press.shift)
            && reaches(self.context, press.target)
    }
}

/// Whether a key that went to `target` can work in `context`: the tour's keys anywhere but
/// where text is typed, the graph's only on the canvas or the page, the page's anywhere but a
/// field.
fn reaches(context: Context, target: Target) -> bool {
    match context {
        Context::Start | Context::Presenting | Context::Story => {
            !matches!(target, Target::Field | Target::Editable)
        }
        Context::Graph => target == Target::Graph,
        Context::Menu | Context::Page => target != Target::Field,
    }
}

/// What a key does in `state`: the first binding that matches, contexts in order.
pub fn command(press: &Press, state: &State) -> Option<Command> {
    BINDINGS
        .iter()
        .filter(|b| state.has(b.context) && b.matches(press))
        .min_by_key(|b| b.context)
        .map(|b| b.does)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every combination of modifiers a binding could be pressed with.
    fn presses(key: &str, target: Target) -> Vec<Press> {
        let mut out = Vec::new();
        for bits in 0..8u8 {
            out.push(Press {
                key: key.to_owned(),
                command: bits & 1 != 0,
                alt: bits & 2 != 0,
                shift: bits & 4 != 0,
                target,
            });
        }
        out
    }

    const TARGETS: [Target; 4] = [
        Target::Field,
        Target::Editable,
        Target::Graph,
        Target::Other,
    ];

    #[test]
    fn no_two_bindings_of_one_context_answer_the_same_press() {
        for (k, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[k + 1..] {
                if a.context != b.context || a.key != b.key {
                    continue;
                }
                let clash = TARGETS
                    .iter()
                    .flat_map(|&t| presses(a.key, t))
                    .any(|p| a.matches(&p) && b.matches(&p));
                assert!(!clash, "{a:?} and {b:?} answer the same press");
            }
        }
    }

    fn editing() -> State {
        State {
            editing: true,
            ..State::default()
        }
    }

    fn with(press: Press, f: impl FnOnce(&mut Press)) -> Press {
        let mut p = press;
        f(&mut p);
        p
    }

    #[test]
    fn the_documented_shortcuts_do_what_readme_says() {
        let app = editing();
        let on = |key: &str| command(&Press::key(key), &app);
        // Node actions: O / I / B expand, C collapse, H hide, P pin, S seed, M pick, G group.
        assert_eq!(on("o"), Some(Command::Expand(Direction::Out)));
        assert_eq!(on("O"), Some(Command::Expand(Direction::Out)));
        assert_eq!(on("i"), Some(Command::Expand(Direction::In)));
        assert_eq!(on("b"), Some(Command::Expand(Direction::Both)));
        assert_eq!(on("c"), Some(Command::Collapse));
        assert_eq!(on("h"), Some(Command::Hide));
        assert_eq!(on("p"), Some(Command::Pin));
        assert_eq!(on("s"), Some(Command::Seed));
        assert_eq!(on("m"), Some(Command::Pick));
        assert_eq!(on("g"), Some(Command::Group));
        // Undo / redo: Ctrl/Cmd-Z, Shift-Z (and Ctrl/Cmd-Y).
        let ctrl = |key: &str, shift: bool| {
            command(
                &with(Press::key(key), |p| {
                    p.command = true;
                    p.shift = shift;
                }),
                &app,
            )
        };
        assert_eq!(ctrl("z", false), Some(Command::Undo));
        assert_eq!(ctrl("Z", true), Some(Command::Redo));
        assert_eq!(ctrl("y", false), Some(Command::Redo));
        assert_eq!(ctrl("y", true), None);
        assert_eq!(ctrl("o", false), None, "Ctrl-O is the browser's");
        // F fits, Z zooms to the selection, arrows step to a neighbour, Space plays.
        assert_eq!(on("f"), Some(Command::Fit));
        assert_eq!(on("z"), Some(Command::ZoomToSelection));
        assert_eq!(on("ArrowLeft"), Some(Command::StepSelection([-1, 0])));
        assert_eq!(on("ArrowRight"), Some(Command::StepSelection([1, 0])));
        assert_eq!(on("ArrowUp"), Some(Command::StepSelection([0, -1])));
        assert_eq!(on("ArrowDown"), Some(Command::StepSelection([0, 1])));
        assert_eq!(
            Command::StepSelection([0, -1]).direction(),
            Some([0.0, -1.0])
        );
        assert_eq!(on(" "), Some(Command::PlayPause));
        assert_eq!(
            command(&with(Press::key(" "), |p| p.command = true), &app),
            Some(Command::PlayPause)
        );
        // Escape closes the menus when nothing else is open.
        assert_eq!(on("Escape"), Some(Command::CloseMenus));
        assert_eq!(on("x"), None);
    }

    /// A key, whether a story step is shown, and what the key must do then.
    type Documented = (&'static str, bool, Command);

    /// What README.md says of the keys, and the presses that say it.
    const DOCUMENTED: &[(&str, &[Documented])] = &[
        (
            "keys O / I / B",
            &[
                ("o", false, Command::Expand(Direction::Out)),
                ("i", false, Command::Expand(Direction::In)),
                ("b", false, Command::Expand(Direction::Both)),
            ],
        ),
        ("**Collapse** (C)", &[("c", false, Command::Collapse)]),
        ("**Hide** (H)", &[("h", false, Command::Hide)]),
        ("**Pin** (P)", &[("p", false, Command::Pin)]),
        ("**Seed** (S", &[("s", false, Command::Seed)]),
        ("**Pick** (M", &[("m", false, Command::Pick)]),
        ("**Group** (G)", &[("g", false, Command::Group)]),
        ("**Fit** (F)", &[("f", false, Command::Fit)]),
        (
            "**Zoom to selection** (Z)",
            &[("z", false, Command::ZoomToSelection)],
        ),
        (
            "the arrow keys step",
            &[
                ("arrowleft", false, Command::StepSelection([-1, 0])),
                ("arrowdown", false, Command::StepSelection([0, 1])),
            ],
        ),
        ("▶ Play or Space", &[(" ", false, Command::PlayPause)]),
        (
            "(or ← / →, Home / End; Escape ends it)",
            &[
                ("arrowleft", true, Command::PreviousStep),
                ("arrowright", true, Command::NextStep),
                ("home", true, Command::FirstStep),
                ("end", true, Command::LastStep),
                ("escape", true, Command::EndStory),
            ],
        ),
    ];

    #[test]
    fn every_shortcut_readme_names_is_in_the_table() {
        let readme = include_str!("../../README.md");
        for (words, presses) in DOCUMENTED {
            assert!(readme.contains(words), "README.md says {words:?}");
            for &(key, story, does) in *presses {
                let state = State { story, ..editing() };
                assert_eq!(command(&Press::key(key), &state), Some(does), "{words}");
            }
        }
        // "(Ctrl/Cmd-Z, Shift-Z)" and "side panels (Escape leaves)".
        assert!(readme.contains("(Ctrl/Cmd-Z, Shift-Z)"));
        let undo = |shift| Press {
            command: true,
            shift,
            ..Press::key("z")
        };
        assert_eq!(command(&undo(false), &editing()), Some(Command::Undo));
        assert_eq!(command(&undo(true), &editing()), Some(Command::Redo));
        assert!(readme.contains("side panels (Escape leaves)"));
        let presenting = State {
            presenting: true,
            story: true,
            ..editing()
        };
        assert_eq!(
            command(&Press::key("escape"), &presenting),
            Some(Command::LeavePresentation)
        );
    }

    #[test]
    fn the_tour_takes_the_arrows_and_escape_closes_the_innermost_first() {
        let touring = State {
            story: true,
            ..editing()
        };
        let on = |key: &str, state: &State| command(&Press::key(key), state);
        assert_eq!(on("ArrowRight", &touring), Some(Command::NextStep));
        assert_eq!(on("PageDown", &touring), Some(Command::NextStep));
        assert_eq!(on("ArrowLeft", &touring), Some(Command::PreviousStep));
        assert_eq!(on("PageUp", &touring), Some(Command::PreviousStep));
        assert_eq!(on("Home", &touring), Some(Command::FirstStep));
        assert_eq!(on("End", &touring), Some(Command::LastStep));
        assert_eq!(
            on("ArrowUp", &touring),
            Some(Command::StepSelection([0, -1]))
        );
        // Escape: a menu, then the start screen, presentation mode, the tour.
        let all = State {
            menu_open: true,
            start_open: true,
            presenting: true,
            ..touring
        };
        assert_eq!(on("Escape", &all), Some(Command::CloseMenus));
        let all = State {
            menu_open: false,
            ..all
        };
        assert_eq!(on("Escape", &all), Some(Command::CloseStart));
        let all = State {
            start_open: false,
            ..all
        };
        assert_eq!(on("Escape", &all), Some(Command::LeavePresentation));
        assert_eq!(on("Escape", &touring), Some(Command::EndStory));
        // With Alt the tour leaves the arrows alone; in a field no key does anything.
        assert_eq!(
            command(&with(Press::key("ArrowRight"), |p| p.alt = true), &touring),
            None
        );
        let in_field = |key: &str| {
            command(
                &with(Press::key(key), |p| p.target = Target::Field),
                &touring,
            )
        };
        for key in ["ArrowRight", "Escape", "o", " ", "f", "z"] {
            assert_eq!(in_field(key), None, "{key} in a field");
        }
    }

    #[test]
    fn graph_keys_work_only_on_the_graph_and_the_embed_has_no_page_keys() {
        let app = editing();
        let on_button =
            |key: &str| command(&with(Press::key(key), |p| p.target = Target::Other), &app);
        assert_eq!(on_button("f"), None);
        assert_eq!(on_button("ArrowLeft"), None);
        assert_eq!(on_button(" "), None);
        assert_eq!(on_button("o"), Some(Command::Expand(Direction::Out)));
        // Alt does not stop the page's keys, but stops the graph's.
        let alt = |key: &str| command(&with(Press::key(key), |p| p.alt = true), &app);
        assert_eq!(alt("o"), Some(Command::Expand(Direction::Out)));
        assert_eq!(alt("f"), None);
        let embed = State::default();
        assert_eq!(command(&Press::key("f"), &embed), Some(Command::Fit));
        assert_eq!(command(&Press::key("o"), &embed), None);
        assert_eq!(command(&Press::key("Escape"), &embed), None);
        let touring = State {
            story: true,
            ..embed
        };
        assert_eq!(
            command(&Press::key("Escape"), &touring),
            Some(Command::EndStory)
        );
    }
}
