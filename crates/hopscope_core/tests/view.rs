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
use hopscope_core::view::{Direction, ExpandOptions, Filter, History, HubChoice, View};
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
