//! The view of a case: it starts at the seeds, grows hop by hop through admitted flows, stops
//! at terminal categories, holds hubs back for the user, collapses and hides, and undo gives
//! back exactly the earlier view.

mod common;

/// A case from (from, to, amount, time) rows over addresses `n0…`, with `n0` the seed.
fn case_of(n: usize, rows: &[(usize, usize, u32, i64)], categories: &[(usize, Category)]) -> Case {
    common::small_case(n, rows, categories).0
}

use std::collections::BTreeSet;

use hopscope_core::model::{Amount, Asset, Category};
use hopscope_core::view::{
    Direction, ExpandOptions, Filter, Histogram, History, HubChoice, Mark, View,
};
use hopscope_core::{parse_case, Case, NodeId};
use proptest::prelude::*;

fn demo() -> Case {
    parse_case(&common::repo_file("cases/htx-2023-tornado.json"))
        .unwrap()
        .value
}

fn id(case: &Case, address: &str) -> NodeId {
    case.graph.node_by_text(address).unwrap()
}

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
fn the_filter_removes_flows_from_the_picture_and_notes_colour_it() {
    use hopscope_core::style::Scene;
    let case = case_of(3, &[(0, 1, 5, 10), (0, 2, 1, 100)], &[]);
    let mut view = View::all(&case);
    view.filter.time = Some((0, 50));
    let scene = Scene::of_view(&case, &view);
    assert_eq!(
        scene.nodes.len(),
        2,
        "n2, left with no counted flow, leaves the picture"
    );
    assert_eq!(scene.edges.len(), 1, "the late flow is filtered out");
    view.set_note(
        Mark::Node(id(&case, "n1")),
        "<b>cash-out?</b>",
        Some("#FF0000"),
    );
    view.set_note(
        Mark::Flow(id(&case, "n0"), id(&case, "n1")),
        "",
        Some("#00ff00"),
    );
    view.set_note(Mark::Node(id(&case, "n2")), "", Some("javascript:alert(1)"));
    assert!(
        view.note(Mark::Node(id(&case, "n2"))).is_none(),
        "a bad colour and no text: no note"
    );
    let scene = Scene::of_view(&case, &view);
    let n1 = scene
        .nodes
        .iter()
        .find(|n| n.id == id(&case, "n1"))
        .unwrap();
    assert_eq!(n1.note_colour.as_deref(), Some("#ff0000"));
    assert_eq!(scene.edges[0].note_colour.as_deref(), Some("#00ff00"));
    assert_eq!(
        view.note(Mark::Node(id(&case, "n1"))).unwrap().text,
        "<b>cash-out?</b>"
    );
}

#[test]
fn the_time_histogram_counts_every_timed_transfer_once() {
    let case = demo();
    let h = Histogram::of(&case.graph, 40).unwrap();
    let timed = case
        .graph
        .transfers()
        .iter()
        .filter(|t| t.timestamp.is_some())
        .count();
    assert_eq!(h.counts.iter().map(|&c| c as usize).sum::<usize>(), timed);
    assert_eq!(h.bin_start(0), h.from);
    assert_eq!(h.bin_start(40), h.to + 1);
    assert!(Histogram::of(&case_of(2, &[], &[]).graph, 10).is_none());
    // Times at both ends of i64 (a hostile file): no overflow.
    let extreme = case_of(3, &[(0, 1, 1, i64::MIN), (1, 2, 1, i64::MAX)], &[]);
    let h = Histogram::of(&extreme.graph, 7).unwrap();
    assert_eq!((h.counts[0], h.counts[6]), (1, 1));
    assert_eq!(h.bin_start(7), i64::MAX);
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
fn refiltering_a_scene_gives_the_scene_built_afresh() {
    use hopscope_core::infer::Patterns;
    use hopscope_core::style::{FlowScale, Scene};
    let case = demo();
    let scale = FlowScale::of(&case.graph);
    let patterns = Patterns::of(&case);
    for all in [true, false] {
        let mut view = if all {
            View::all(&case)
        } else {
            View::of(&case)
        };
        if !all {
            view.expand(
                &case,
                case.seeds[0],
                &ExpandOptions {
                    hops: 4,
                    hub_threshold: 1000,
                    ..ExpandOptions::default()
                },
            );
        }
        let shown: Vec<NodeId> = view.visible().collect();
        view.group([shown[1], shown[2]], "g");
        let before = Scene::of_view_scaled(&case, &view, &scale, &patterns);
        let h = Histogram::of(&case.graph, 10).unwrap();
        view.filter.time = Some((h.bin_start(3), h.bin_start(7)));
        let fresh = Scene::of_view_scaled(&case, &view, &scale, &patterns);
        assert!(fresh.edges.len() < before.edges.len());
        assert_eq!(fresh, Scene::of_view(&case, &view));
        // Refiltering keeps the nodes: right while the filter leaves out the same addresses.
        let mut kept = view.clone();
        for id in view.left_out(&case) {
            kept.set_pinned(id, true);
        }
        assert!(kept.left_out(&case).is_empty());
        let mut unfiltered = kept.clone();
        unfiltered.filter.time = None;
        assert_eq!(
            Scene::of_view_scaled(&case, &unfiltered, &scale, &patterns)
                .refiltered(&case, &kept, &scale),
            Scene::of_view_scaled(&case, &kept, &scale, &patterns)
        );
        // A hidden member's flows stay out of the group's node when the filter changes.
        kept.hide(shown[2]);
        let hidden = Scene::of_view_scaled(&case, &kept, &scale, &patterns);
        kept.filter.time = None;
        assert_eq!(
            hidden.refiltered(&case, &kept, &scale),
            Scene::of_view_scaled(&case, &kept, &scale, &patterns)
        );
    }
}

#[test]
fn the_direction_filter_keeps_money_leaving_or_reaching_the_seeds() {
    use hopscope_core::style::Scene;
    use hopscope_core::view::Flowing;
    // n3 → n0 (funding the seed), n0 → n1 → n2 (the stolen money), n4 → n1 (other money in).
    let case = case_of(
        5,
        &[(3, 0, 1, 1), (0, 1, 5, 2), (1, 2, 5, 3), (4, 1, 2, 4)],
        &[],
    );
    let mut view = View::all(&case);
    let flows = |view: &View| {
        let scene = Scene::of_view(&case, view);
        let name = |i: u32| {
            case.graph
                .node(scene.nodes[i as usize].id)
                .unwrap()
                .address
                .as_str()
                .to_owned()
        };
        let mut list: Vec<String> = scene
            .edges
            .iter()
            .map(|e| format!("{}>{}", name(e.source), name(e.target)))
            .collect();
        list.sort();
        list
    };
    assert_eq!(flows(&view).len(), 4);
    view.filter.direction = Flowing::FromSeeds;
    assert_eq!(flows(&view), ["n0>n1", "n1>n2"]);
    view.filter.direction = Flowing::ToSeeds;
    assert_eq!(flows(&view), ["n3>n0"]);
    // Expansion follows the same rule: from n1, money in from n4 is not the trail.
    let mut small = View::of(&case);
    small.filter.direction = Flowing::FromSeeds;
    small.expand(
        &case,
        case.seeds[0],
        &ExpandOptions {
            hops: 3,
            direction: Direction::Both,
            ..ExpandOptions::default()
        },
    );
    let shown: BTreeSet<NodeId> = small.visible().collect();
    assert_eq!(
        shown,
        [id(&case, "n0"), id(&case, "n1"), id(&case, "n2")]
            .into_iter()
            .collect()
    );
}

#[test]
fn a_brushed_bin_window_holds_exactly_the_transfers_counted_in_it() {
    // Times that do not divide evenly into bins, and a single shared time.
    for rows in [
        vec![
            (0, 1, 1, 100),
            (1, 2, 1, 101),
            (2, 3, 1, 137),
            (3, 4, 1, 150),
            (0, 4, 1, 199),
        ],
        vec![(0, 1, 1, 5000), (1, 2, 1, 5000)],
    ] {
        let case = case_of(5, &rows, &[]);
        let h = Histogram::of(&case.graph, 48).unwrap();
        for k in 0..48 {
            let (from, to) = h.window(k, k);
            let inside = rows.iter().filter(|r| (from..=to).contains(&r.3)).count();
            assert_eq!(inside, h.counts[k] as usize, "bin {k}: {from}..={to}");
        }
        let (from, to) = h.window(0, 47);
        assert_eq!((from, to), (h.from, h.to));
    }
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

#[test]
fn a_minimum_value_takes_addresses_without_a_counted_flow_out_of_the_picture() {
    use hopscope_core::style::Scene;
    use hopscope_core::view::Mark;
    // n0 → n1 (50), n0 → n2 (1), n3 → n4 (2), n5 → n6 (70): everything shown.
    let case = case_of(
        7,
        &[(0, 1, 50, 1), (0, 2, 1, 2), (3, 4, 2, 3), (5, 6, 70, 4)],
        &[],
    );
    let mut view = View::all(&case);
    assert!(view.left_out(&case).is_empty(), "no filter, all drawn");
    assert_eq!(Scene::of_view(&case, &view).nodes.len(), 7);
    view.filter
        .min_value
        .insert(Asset::new("ETH"), Amount::parse("10").unwrap());
    let out: Vec<NodeId> = view.left_out(&case).into_iter().collect();
    assert_eq!(
        out,
        vec![id(&case, "n2"), id(&case, "n3"), id(&case, "n4")],
        "the seed stays; those with only small flows leave"
    );
    let scene = Scene::of_view(&case, &view);
    assert_eq!(scene.nodes.len(), 4);
    assert_eq!(scene.edges.len(), 2);
    assert_eq!(view.n_drawn(&case), 4);
    // What the investigator marked stays: a pin, a note.
    view.set_pinned(id(&case, "n3"), true);
    view.set_note(Mark::Node(id(&case, "n4")), "look here", None);
    assert_eq!(view.left_out(&case).len(), 1);
    assert_eq!(Scene::of_view(&case, &view).nodes.len(), 6);
}

#[test]
fn an_address_searched_for_stays_drawn_under_a_filter_and_is_saved() {
    use hopscope_core::style::Scene;
    // n0 → n1 (50) and n2 → n3 (1); a minimum of 10 leaves n2 and n3 no flow.
    let case = case_of(4, &[(0, 1, 50, 1), (2, 3, 1, 2)], &[]);
    let mut view = View::of(&case);
    view.filter
        .min_value
        .insert(Asset::new("ETH"), Amount::parse("10").unwrap());
    let n3 = id(&case, "n3");
    view.reveal_path(&case, n3);
    assert!(view.is_visible(n3) && view.is_found(n3));
    assert!(
        view.left_out(&case).is_empty(),
        "what was asked for is drawn"
    );
    assert!(Scene::of_view(&case, &view)
        .nodes
        .iter()
        .any(|n| n.id == n3));
    let saved = hopscope_core::case_file::save(&case, &view, &[], Default::default(), None);
    assert_eq!(saved.found, vec!["n3".to_owned()]);
    assert!(hopscope_core::case_file::restore(&saved, &case)
        .view
        .is_found(n3));
}
