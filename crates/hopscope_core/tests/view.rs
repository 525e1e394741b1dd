//! The view of a case: it starts at the seeds, grows hop by hop through admitted flows, stops
//! at terminal categories, holds hubs back for the user, collapses and hides, and undo gives
//! back exactly the earlier view.

mod common;

use common::{case_of, demo, id};

use std::collections::BTreeSet;

use hopscope_core::model::{Amount, Asset, Category};
use hopscope_core::view::{Direction, ExpandOptions, Filter, History, HubChoice, Mark, View};
use hopscope_core::{Case, NodeId};
use proptest::prelude::*;

#[test]
fn zero_hops_shows_only_the_seeds_and_hops_grow_the_view() {
    let case = demo();
    let seed = case.seeds[0];
    let mut sizes = Vec::new();
    for hops in 0..5 {
        let mut view = View::of(&case);
        let report = view.expand(
            &case,
            seed,
            &ExpandOptions {
                hops,
                hub_threshold: 1000,
                ..ExpandOptions::default()
            },
        );
        if hops == 0 {
            assert!(report.added.is_empty());
            assert_eq!(
                view.visible().collect::<BTreeSet<_>>(),
                case.seeds.iter().copied().collect()
            );
        }
        sizes.push(view.n_visible());
    }
    assert!(sizes.windows(2).all(|w| w[0] <= w[1]), "{sizes:?}");
    assert!(
        sizes[3] > sizes[1],
        "three hops reach further than one: {sizes:?}"
    );
}

#[test]
fn exchanges_are_shown_but_not_expanded_through() {
    // n0 → n1 (exchange) → n2; n0 → n3 → n4.
    let case = case_of(
        5,
        &[(0, 1, 5, 1), (1, 2, 5, 2), (0, 3, 5, 1), (3, 4, 5, 2)],
        &[(1, Category::Exchange)],
    );
    let mut view = View::of(&case);
    view.expand(
        &case,
        case.seeds[0],
        &ExpandOptions {
            hops: 3,
            ..ExpandOptions::default()
        },
    );
    let shown: BTreeSet<NodeId> = view.visible().collect();
    assert!(shown.contains(&id(&case, "n1")) && shown.contains(&id(&case, "n4")));
    assert!(
        !shown.contains(&id(&case, "n2")),
        "the trail ends at the exchange"
    );
    // Asked for directly, an exchange is expanded.
    view.expand(&case, id(&case, "n1"), &ExpandOptions::default());
    assert!(view.is_visible(id(&case, "n2")));
}

#[test]
fn a_hub_is_held_back_or_gives_its_top_neighbours() {
    let rows: Vec<(usize, usize, u32, i64)> = (1..=60).map(|i| (0, i, i as u32, 1)).collect();
    let case = case_of(61, &rows, &[]);
    let seed = case.seeds[0];
    let mut view = View::of(&case);
    let report = view.expand(&case, seed, &ExpandOptions::default());
    assert_eq!(report.held_back, vec![(seed, 60)]);
    assert!(report.added.is_empty());
    let report = view.expand(
        &case,
        seed,
        &ExpandOptions {
            hubs: HubChoice::TopN(5),
            ..ExpandOptions::default()
        },
    );
    let mut got: Vec<String> = report
        .added
        .iter()
        .map(|&n| case.graph.node(n).unwrap().address.as_str().to_owned())
        .collect();
    got.sort();
    assert_eq!(
        got,
        ["n56", "n57", "n58", "n59", "n60"],
        "the five largest flows"
    );
    let report = view.expand(
        &case,
        seed,
        &ExpandOptions {
            hubs: HubChoice::All,
            ..ExpandOptions::default()
        },
    );
    assert_eq!(report.added.len(), 55);
}

#[test]
fn filters_direction_collapse_and_hide() {
    // n0 → n1 at t=10 (5), n0 → n2 at t=100 (1), n3 → n0 at t=5.
    let case = case_of(4, &[(0, 1, 5, 10), (0, 2, 1, 100), (3, 0, 7, 5)], &[]);
    let seed = case.seeds[0];
    let mut view = View::of(&case);
    view.filter = Filter {
        time: Some((0, 50)),
        ..Filter::default()
    };
    view.expand(&case, seed, &ExpandOptions::default());
    assert!(
        view.is_visible(id(&case, "n1")) && !view.is_visible(id(&case, "n2")),
        "time window"
    );
    view.filter = Filter::default();
    view.filter
        .min_value
        .insert(Asset::new("ETH"), Amount::parse("2").unwrap());
    view.expand(&case, seed, &ExpandOptions::default());
    assert!(!view.is_visible(id(&case, "n2")), "too small");
    view.expand(
        &case,
        seed,
        &ExpandOptions {
            direction: Direction::In,
            ..ExpandOptions::default()
        },
    );
    assert!(view.is_visible(id(&case, "n3")), "money in");
    view.collapse(seed);
    assert_eq!(
        view.n_visible(),
        1,
        "collapsing the seed removes what its expansions added"
    );
    view.hide(id(&case, "n1"));
    view.filter = Filter::default();
    view.expand(
        &case,
        seed,
        &ExpandOptions {
            direction: Direction::Both,
            ..ExpandOptions::default()
        },
    );
    assert!(
        !view.is_visible(id(&case, "n1")),
        "a hidden address is passed by"
    );
    assert!(view.is_visible(id(&case, "n2")) && view.is_visible(id(&case, "n3")));
}

#[derive(Clone, Debug)]
enum Op {
    Expand(usize, u32, u8),
    Collapse(usize),
    Hide(usize),
    Group(usize, usize),
    Ungroup(usize),
    Note(usize, bool),
    Reveal(usize),
    ShowAll,
    Pin(usize, bool),
    Undo,
    Redo,
}

fn arb_case() -> impl Strategy<Value = Case> {
    (2usize..25).prop_flat_map(|n| {
        prop::collection::vec((0..n, 0..n, 1u32..100, 0i64..50), 0..60)
            .prop_map(move |rows| case_of(n, &rows, &[(1, Category::Exchange)]))
    })
}

fn arb_ops() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(
        prop_oneof![
            (0usize..25, 0u32..4, 0u8..3).prop_map(|(n, h, d)| Op::Expand(n, h, d)),
            (0usize..25).prop_map(Op::Collapse),
            (0usize..25).prop_map(Op::Hide),
            (0usize..25, 0usize..25).prop_map(|(a, b)| Op::Group(a, b)),
            (0usize..25).prop_map(Op::Ungroup),
            (0usize..25, any::<bool>()).prop_map(|(n, c)| Op::Note(n, c)),
            (0usize..25).prop_map(Op::Reveal),
            Just(Op::ShowAll),
            (0usize..25, any::<bool>()).prop_map(|(n, p)| Op::Pin(n, p)),
            Just(Op::Undo),
            Just(Op::Redo),
        ],
        0..20,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(300)))]

    #[test]
    fn more_hops_never_show_fewer_addresses(case in arb_case(), hops in 0u32..5) {
        let seed = case.seeds[0];
        let options = |hops| ExpandOptions { hops, direction: Direction::Both, hub_threshold: 1000, ..ExpandOptions::default() };
        let mut fewer = View::of(&case);
        fewer.expand(&case, seed, &options(hops));
        let mut more = View::of(&case);
        more.expand(&case, seed, &options(hops + 1));
        let (a, b): (BTreeSet<_>, BTreeSet<_>) = (fewer.visible().collect(), more.visible().collect());
        prop_assert!(a.is_subset(&b));
    }

    #[test]
    fn undo_gives_back_exactly_the_earlier_view(case in arb_case(), ops in arb_ops()) {
        let ids: Vec<NodeId> = case.graph.node_ids().collect();
        let mut view = View::of(&case);
        let mut history = History::default();
        // The views reachable by undo, newest last, and by redo.
        let mut past: Vec<View> = Vec::new();
        let mut future: Vec<View> = Vec::new();
        for op in ops {
            let pick = |n: usize| ids[n % ids.len()];
            let before = view.clone();
            match op {
                Op::Expand(n, hops, d) => {
                    let direction = [Direction::Out, Direction::In, Direction::Both][d as usize];
                    history.change(&mut view, |v| { v.expand(&case, pick(n), &ExpandOptions { hops, direction, ..ExpandOptions::default() }); });
                }
                Op::Collapse(n) => history.change(&mut view, |v| v.collapse(pick(n))),
                Op::Hide(n) => history.change(&mut view, |v| v.hide(pick(n))),
                Op::Group(a, b) => history.change(&mut view, |v| { v.group([pick(a), pick(b)], "g"); }),
                Op::Ungroup(n) => history.change(&mut view, |v| { v.ungroup(pick(n)); }),
                Op::Note(n, colour) => history.change(&mut view, |v| v.set_note(Mark::Node(pick(n)), "seen", colour.then_some("#aa0000"))),
                Op::Reveal(n) => history.change(&mut view, |v| { v.reveal_path(&case, pick(n)); }),
                Op::ShowAll => history.change(&mut view, |v| v.show_all(&case)),
                Op::Pin(n, p) => history.change(&mut view, |v| v.set_pinned(pick(n), p)),
                Op::Undo => {
                    let did = history.undo(&mut view);
                    prop_assert_eq!(did, !past.is_empty());
                    if did {
                        future.push(before.clone());
                        prop_assert_eq!(&view, &past.pop().unwrap());
                    }
                    continue;
                }
                Op::Redo => {
                    let did = history.redo(&mut view);
                    prop_assert_eq!(did, !future.is_empty());
                    if did {
                        past.push(before.clone());
                        prop_assert_eq!(&view, &future.pop().unwrap());
                    }
                    continue;
                }
            }
            if view != before {
                past.push(before);
                future.clear();
            }
        }
    }
}

#[test]
fn a_searched_address_is_revealed_with_the_path_from_the_nearest_visible_one() {
    // n0 → n1 → n2 → n3, and n4 → n3.
    let case = case_of(
        5,
        &[(0, 1, 5, 1), (1, 2, 5, 2), (2, 3, 5, 3), (4, 3, 1, 4)],
        &[],
    );
    let mut view = View::of(&case);
    let added = view.reveal_path(&case, id(&case, "n3")).unwrap();
    assert_eq!(
        added,
        vec![id(&case, "n1"), id(&case, "n2"), id(&case, "n3")],
        "the path from the seed, in order"
    );
    assert!(!view.is_visible(id(&case, "n4")));
    // Collapsing the seed takes the path away again.
    view.collapse(case.seeds[0]);
    assert_eq!(view.n_visible(), 1);
    // Unreachable through the filter: shown on its own.
    view.filter.time = Some((100, 200));
    assert_eq!(
        view.reveal_path(&case, id(&case, "n4")),
        Some(vec![id(&case, "n4")])
    );
    assert!(!view.is_visible(id(&case, "n3")));
    assert_eq!(
        view.origin(id(&case, "n4")),
        Some(hopscope_core::view::Origin::Shown),
        "shown on its own, it is not a seed of the trace"
    );
    assert_eq!(view.seeds(&case), case.seeds);
    view.hide(id(&case, "n2"));
    assert_eq!(
        view.reveal_path(&case, id(&case, "n2")),
        None,
        "hidden stays hidden"
    );
}

#[test]
fn groups_draw_as_one_node_with_the_flows_of_their_members() {
    use hopscope_core::style::Scene;
    // n0 → n1, n0 → n2, n1 → n3, n2 → n3.
    let case = case_of(
        4,
        &[(0, 1, 5, 1), (0, 2, 5, 1), (1, 3, 4, 2), (2, 3, 4, 2)],
        &[],
    );
    let mut view = View::all(&case);
    assert_eq!(Scene::of_view(&case, &view).nodes.len(), 4);
    view.group([id(&case, "n1"), id(&case, "n2")], "Peel wallets");
    let scene = Scene::of_view(&case, &view);
    assert_eq!(scene.nodes.len(), 3);
    let g = scene.nodes.iter().position(|n| n.group.is_some()).unwrap();
    assert_eq!(scene.nodes[g].label.as_deref(), Some("Peel wallets"));
    assert_eq!(scene.edges.len(), 2, "n0 → group and group → n3");
    assert!(scene.edges.iter().all(|e| e.n_transfers == 2));
    assert!(
        view.group([id(&case, "n1")], "one").is_none(),
        "a group has two or more"
    );
    assert!(view.ungroup(id(&case, "n2")));
    assert_eq!(Scene::of_view(&case, &view).nodes.len(), 4);
}

#[test]
fn search_finds_by_address_prefix_label_and_transaction() {
    use hopscope_core::search::{find, Matched};
    let case = demo();
    let hits = find(&case, "0x8B2DB5", 10);
    assert_eq!(hits[0].node, case.seeds[0]);
    assert_eq!(hits[0].matched, Matched::Address);
    let hits = find(&case, "tornado", 10);
    assert!(!hits.is_empty() && hits.iter().all(|h| matches!(h.matched, Matched::Label(_))));
    let tx = case.graph.transfers()[0].tx.as_str().to_owned();
    let hits = find(&case, &tx[..12], 10);
    assert!(hits.iter().any(|h| h.node == case.graph.transfers()[0].to));
    assert!(find(&case, "0x", 10).is_empty(), "too short to search");
}

#[test]
fn expanding_again_by_more_hops_reaches_through_what_is_shown() {
    // n0 → n1 → n2 → n3.
    let case = case_of(4, &[(0, 1, 5, 1), (1, 2, 5, 2), (2, 3, 5, 3)], &[]);
    let seed = case.seeds[0];
    let mut view = View::of(&case);
    view.expand(&case, seed, &ExpandOptions::default());
    assert_eq!(view.n_visible(), 2);
    let report = view.expand(
        &case,
        seed,
        &ExpandOptions {
            hops: 3,
            ..ExpandOptions::default()
        },
    );
    assert_eq!(report.added, vec![id(&case, "n2"), id(&case, "n3")]);
    assert_eq!(
        view.origin(id(&case, "n2")),
        Some(hopscope_core::view::Origin::ExpandedFrom(id(&case, "n1")))
    );
}

#[test]
fn a_view_keeps_only_the_ids_its_case_holds_and_a_scene_passes_over_the_rest() {
    let small = case_of(3, &[(0, 1, 5, 10), (1, 2, 4, 20)], &[]);
    let big = demo();
    // An id of the bigger case, past the end of the small one.
    let foreign = big.graph.node_ids().last().unwrap();
    assert!(foreign.index() >= small.graph.node_bound());
    let seed = small.seeds[0];
    let mut view = View::of(&small);
    view.show(foreign, hopscope_core::view::Origin::ExpandedFrom(seed));
    view.hide(foreign);
    view.show(foreign, hopscope_core::view::Origin::ExpandedFrom(seed));
    view.set_pinned(foreign, true);
    view.set_note(Mark::Node(foreign), "stale", None);
    assert!(view.group([seed, foreign], "mixed").is_some());
    // The scene never indexes past the case: no panic, the foreign id drawn nowhere.
    let scene = hopscope_core::style::Scene::of_view(&small, &view);
    assert!(scene.nodes.iter().all(|n| n.id != foreign));
    let dropped = view.keep_known(&small);
    assert_eq!(dropped, 4, "shown, pinned, noted and a group member");
    assert!(!view.is_visible(foreign) && !view.is_pinned(foreign));
    assert!(view.note(Mark::Node(foreign)).is_none());
    assert!(view.visible().all(|id| small.graph.node(id).is_some()));
    assert!(view.is_visible(seed));
    assert_eq!(view.keep_known(&small), 0, "nothing left to drop");
}

#[test]
fn the_seed_button_toggles_a_marked_seed_and_keeps_the_case_seeds() {
    use hopscope_core::view::SeedKind;
    let case = case_of(3, &[(0, 1, 5, 10), (1, 2, 5, 20)], &[]);
    let (seed, other) = (case.seeds[0], id(&case, "n1"));
    let mut view = View::of(&case);
    view.expand(&case, seed, &ExpandOptions::default());
    assert_eq!(view.seed_kind(&case, seed), Some(SeedKind::OfCase));
    assert_eq!(view.seed_kind(&case, other), None);
    assert!(view.toggle_seed(&case, other), "marked");
    assert_eq!(view.seed_kind(&case, other), Some(SeedKind::Marked));
    assert!(view.seeds(&case).contains(&other));
    assert!(!view.toggle_seed(&case, other), "unmarked");
    assert_eq!(view.seed_kind(&case, other), None);
    assert!(view.is_visible(other), "it stays shown");
    assert!(
        view.toggle_seed(&case, seed),
        "a case file's seed stays one"
    );
    assert_eq!(view.seeds(&case), vec![seed]);
}
