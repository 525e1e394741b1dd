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
mod tests;
