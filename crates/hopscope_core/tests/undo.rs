//! Undo on a big view: 100,000 shown addresses through 150 recorded steps and back, the
//! 200-step limit, and changes that change nothing recording nothing. (The history keeps a
//! copy of the view per step; the copies share what a step left alone, `view/shared.rs`.)

mod common;

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use hopscope_core::view::{ExpandOptions, History, Mark, Origin, View};
use hopscope_core::{Case, NodeId};

/// Shown addresses in the big view.
const N: usize = 100_000;
/// Steps recorded; the first `STEPS` addresses each pay `reached(i)` addresses of their own.
const STEPS: usize = 150;

/// How many new addresses expanding address `i` shows: 1 to 10.
fn reached(i: usize) -> usize {
    i % 50 / 5 + 1
}

/// `N` addresses each paying the next, and `reached(i)` more addresses paid by each `i` of
/// the first `STEPS`; with the view that shows the `N` (and none of the others).
fn big() -> (Case, Vec<NodeId>, View) {
    let mut rows: Vec<(usize, usize, u32, i64)> = (0..N).map(|i| (i, (i + 1) % N, 1, 0)).collect();
    let mut extra = N;
    for i in 0..STEPS {
        for _ in 0..reached(i) {
            rows.push((i, extra, 1, 0));
            extra += 1;
        }
    }
    let (case, ids) = common::small_case(extra, &rows, &[]);
    let mut view = View::default();
    for &id in &ids[..N] {
        view.show(id, Origin::Shown);
    }
    (case, ids, view)
}

/// Step `k` as the app's stage makes it: one change, then `keep_known`.
fn step(k: usize, case: &Case, ids: &[NodeId], v: &mut View) {
    let other = ids[N / 2 + (k * 7919) % (N / 2)];
    match k % 5 {
        0 => {
            let report = v.expand(case, ids[k], &ExpandOptions::default());
            assert_eq!(report.added.len(), reached(k), "step {k}");
        }
        1 => v.hide(other),
        2 => v.set_note(Mark::Node(other), &format!("note {k}"), None),
        3 => v.set_pinned(other, true),
        _ => {
            v.toggle_seed(case, other);
        }
    }
    v.keep_known(case);
}

/// A digest of everything the view shows, read through its public API (not its `==`).
fn digest(v: &View) -> u64 {
    let mut h = DefaultHasher::new();
    for id in v.visible() {
        let origin = match v.origin(id) {
            Some(Origin::Seed) => (0, 0),
            Some(Origin::Shown) => (1, 0),
            Some(Origin::ExpandedFrom(from)) => (2, from.index()),
            None => (3, 0),
        };
        (id, origin).hash(&mut h);
    }
    v.hidden().collect::<Vec<_>>().hash(&mut h);
    v.found().collect::<Vec<_>>().hash(&mut h);
    for (mark, note) in v.notes() {
        format!("{mark:?} {note:?}").hash(&mut h);
    }
    v.visible()
        .filter(|&id| v.is_pinned(id))
        .count()
        .hash(&mut h);
    v.n_visible().hash(&mut h);
    h.finish()
}

#[test]
fn a_hundred_and_fifty_steps_on_100k_addresses_undo_and_redo_to_the_recorded_states() {
    let (case, ids, mut view) = big();
    let mut history = History::default();
    let mut states = vec![view.clone()];
    // Digests of every 15th state, read through the public API (each reads 100,000 addresses).
    let digest_of = |k: usize, v: &View| (k % 15 == 0).then(|| digest(v));
    let mut digests = vec![digest_of(0, &view)];
    for k in 0..STEPS {
        history.change(&mut view, |v| step(k, &case, &ids, v));
        assert!(view != states[k], "step {k} changed the view");
        states.push(view.clone());
        digests.push(digest_of(k + 1, &view));
    }
    let added: usize = (0..STEPS).step_by(5).map(reached).sum();
    assert_eq!(
        view.n_visible(),
        N + added - STEPS / 5,
        "expanded, less the hidden"
    );
    for k in (0..STEPS).rev() {
        assert!(history.undo(&mut view), "undo {k}");
        assert!(view == states[k], "undone to the state before step {k}");
        assert_eq!(digest_of(k, &view), digests[k], "undone before step {k}");
    }
    assert!(!history.can_undo() && !history.undo(&mut view));
    for k in 1..=STEPS {
        assert!(history.redo(&mut view), "redo {k}");
        assert!(
            view == states[k],
            "redone to the state after step {}",
            k - 1
        );
        assert_eq!(
            digest_of(k, &view),
            digests[k],
            "redone after step {}",
            k - 1
        );
    }
    assert!(!history.can_redo() && !history.redo(&mut view));
}

#[test]
fn the_history_keeps_the_last_200_steps_of_a_big_view() {
    let (_, ids, mut view) = big();
    let mut history = History::default();
    let mut states = vec![view.clone()];
    for (k, &id) in ids.iter().enumerate().take(210) {
        // Notes only, so every step changes the view.
        history.change(&mut view, |v| {
            v.set_note(Mark::Node(id), &format!("note {k}"), None)
        });
        states.push(view.clone());
    }
    let mut n_undone = 0;
    while history.undo(&mut view) {
        n_undone += 1;
    }
    assert_eq!(n_undone, 200, "the limit");
    assert!(
        view == states[10],
        "the oldest state kept: before the 11th step"
    );
    assert_eq!(view.notes().count(), 10);
}

#[test]
fn a_change_that_changes_nothing_records_nothing_and_keeps_redo() {
    let (case, ids, mut view) = big();
    let mut history = History::default();
    let (a, b) = (ids[10], ids[20]);
    history.change(&mut view, |v| v.hide(a));
    history.change(&mut view, |v| v.set_pinned(b, true));
    assert!(history.undo(&mut view) && history.can_redo());
    let before = view.clone();
    // Each changes nothing: hiding what is hidden, unpinning what is not pinned, showing what
    // is shown as it is, a note removed that was never there, a seed toggled twice, the
    // boundary with nothing to drop; and one that hides and shows again (built apart, equal).
    history.change(&mut view, |v| v.hide(a));
    history.change(&mut view, |v| v.set_pinned(b, false));
    history.change(&mut view, |v| v.show(ids[30], Origin::Shown));
    history.change(&mut view, |v| v.set_note(Mark::Node(b), "", None));
    history.change(&mut view, |v| {
        v.toggle_seed(&case, b);
        v.toggle_seed(&case, b);
    });
    history.change(&mut view, |v| {
        assert_eq!(v.keep_known(&case), 0);
    });
    history.change(&mut view, |v| {
        v.hide(ids[40]);
        v.unhide(ids[40]);
        v.show(ids[40], Origin::Shown);
    });
    assert!(view == before && digest(&view) == digest(&before));
    assert!(
        history.can_redo(),
        "nothing was recorded, so redo is still there"
    );
    assert!(
        history.undo(&mut view) && !history.can_undo(),
        "one step back: the hide"
    );
    assert!(view.is_visible(a));
    assert!(history.redo(&mut view) && history.redo(&mut view) && view.is_pinned(b));
    // A real change drops what could be redone.
    assert!(history.undo(&mut view));
    history.change(&mut view, |v| v.hide(ids[50]));
    assert!(!history.can_redo());
}
