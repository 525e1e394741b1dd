//! The keymap's tests: every binding in every context, and no two commands on one press.
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
    let readme = include_str!("../../../README.md");
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
    let on_button = |key: &str| command(&with(Press::key(key), |p| p.target = Target::Other), &app);
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
