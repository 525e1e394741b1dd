//! Paths between addresses: the shortest by hops, every simple path up to k hops with its
//! bottleneck value, a search that pauses and resumes to the same result, and bounds that hold.

use hopscope_core::paths::{shortest_path, PathSearch};
use hopscope_core::view::Filter;
use hopscope_core::{Case, NodeId};
use proptest::prelude::*;

mod common;

/// A case from (from, to, amount) rows over `n0…`, one transfer per row in row order.
fn case_of(n: usize, rows: &[(usize, usize, u32)]) -> (Case, Vec<NodeId>) {
    let timed: Vec<(usize, usize, u32, i64)> = rows
        .iter()
        .enumerate()
        .map(|(k, &(a, b, v))| (a, b, v, k as i64))
        .collect();
    common::small_case(n, &timed, &[])
}

#[test]
fn shortest_and_all_paths_in_a_diamond_with_a_tail() {
    // 0 → 1 → 3, 0 → 2 → 3, 3 → 4, and a long way 0 → 5 → 6 → 7 → 4.
    let rows = [
        (0, 1, 10),
        (1, 3, 4),
        (0, 2, 5),
        (2, 3, 5),
        (3, 4, 8),
        (0, 5, 1),
        (5, 6, 1),
        (6, 7, 1),
        (7, 4, 1),
    ];
    let (case, n) = case_of(8, &rows);
    let f = Filter::default();
    assert_eq!(
        shortest_path(&case, &f, n[0], n[4]),
        Some(vec![n[0], n[1], n[3], n[4]])
    );
    assert_eq!(
        shortest_path(&case, &f, n[4], n[0]),
        None,
        "money does not flow back"
    );
    let mut search = PathSearch::new(&case, &f, n[0], n[4], 3, 100);
    assert!(search.step(&case, 10_000));
    let paths = search.paths();
    assert_eq!(paths.len(), 2, "the 4-hop way is beyond 3 hops");
    assert_eq!(
        (paths[0].nodes.clone(), paths[0].value),
        (vec![n[0], n[2], n[3], n[4]], 5.0)
    );
    assert_eq!(paths[1].value, 4.0, "bottleneck of 0→1→3→4");
    let mut longer = PathSearch::new(&case, &f, n[0], n[4], 4, 100);
    longer.step(&case, 10_000);
    assert_eq!(longer.paths().len(), 3);
    let mut capped = PathSearch::new(&case, &f, n[0], n[4], 4, 1);
    assert!(capped.step(&case, 10_000));
    assert_eq!(capped.paths().len(), 1, "stops at the limit");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_search_in_slices_finds_what_one_run_finds_and_paths_are_simple_and_short(
        rows in prop::collection::vec((0usize..9, 0usize..9, 1u32..50), 0..40),
        hops in 1usize..6,
        slice in 1usize..7,
    ) {
        let (case, n) = case_of(9, &rows);
        let f = Filter::default();
        let mut whole = PathSearch::new(&case, &f, n[0], n[8], hops, 10_000);
        prop_assert!(whole.step(&case, usize::MAX));
        let mut sliced = PathSearch::new(&case, &f, n[0], n[8], hops, 10_000);
        while !sliced.step(&case, slice) {}
        prop_assert_eq!(whole.paths(), sliced.paths());
        for p in whole.paths() {
            prop_assert!(p.nodes.len() - 1 <= hops);
            let mut unique = p.nodes.clone();
            unique.sort();
            unique.dedup();
            prop_assert_eq!(unique.len(), p.nodes.len());
        }
        // The shortest path is no longer than any found path.
        if let Some(best) = whole.paths().iter().map(|p| p.nodes.len()).min() {
            let shortest = shortest_path(&case, &f, n[0], n[8]).expect("a path exists");
            prop_assert!(shortest.len() <= best);
        }
    }
}

/// The transfer from `a` to `b` (the first).
fn transfer(case: &Case, a: NodeId, b: NodeId) -> hopscope_core::TransferId {
    case.graph
        .transfers_of(a, petgraph::Direction::Outgoing)
        .into_iter()
        .find(|&t| case.graph.transfer(t).unwrap().to == b)
        .unwrap()
}

#[test]
fn a_hop_through_a_pool_is_unproven_unless_a_link_carries_it_and_can_be_avoided() {
    use hopscope_core::infer::LinkKey;
    use hopscope_core::model::{Amount, Asset, Category};
    use hopscope_core::paths::{check, shortest_path_avoiding, Bottleneck};
    // n0 → pool (n1) → n2 → n4, and a longer way round: n0 → n3 → n5 → n4.
    let rows = [
        (0, 1, 10, 1),
        (1, 2, 10, 2),
        (2, 4, 7, 3),
        (0, 3, 2, 4),
        (3, 5, 2, 5),
        (5, 4, 2, 6),
    ];
    let (case, n) = common::small_case(6, &rows, &[(1, Category::Mixer)]);
    let f = Filter::default();
    let through = shortest_path(&case, &f, n[0], n[4]).unwrap();
    assert_eq!(through, vec![n[0], n[1], n[2], n[4]]);
    let pools = [n[1]];
    let plain = check(&case, &f, &through, &pools, &[]);
    assert_eq!(plain.unproven, vec![1], "the pool hop rests on no link");
    assert_eq!(
        plain.bottleneck,
        Some(Bottleneck::One {
            amount: Amount::parse("7").unwrap(),
            asset: Asset::new("ETH")
        }),
        "the bottleneck with its unit"
    );
    let link = LinkKey {
        into: transfer(&case, n[0], n[1]),
        out: transfer(&case, n[1], n[2]),
    };
    assert!(check(&case, &f, &through, &pools, &[link])
        .unproven
        .is_empty());
    // Avoiding mixers and bridges finds the way round, in both searches.
    let round = shortest_path_avoiding(&case, &f, n[0], n[4], &pools).unwrap();
    assert_eq!(round, vec![n[0], n[3], n[5], n[4]]);
    let mut search = PathSearch::avoiding(&case, &f, (n[0], n[4]), 6, 100, &pools);
    search.step(&case, 10_000);
    assert_eq!(search.paths().len(), 1);
    assert!(search.paths().iter().all(|p| !p.nodes.contains(&n[1])));
    // A pool at the end of the path is no hop through it.
    assert!(shortest_path_avoiding(&case, &f, n[0], n[1], &pools).is_some());
}

#[test]
fn the_shortest_path_is_listed_once_and_marked() {
    use hopscope_core::paths::listing;
    let rows = [(0, 1, 10), (1, 3, 4), (0, 2, 5), (2, 3, 5), (3, 4, 8)];
    let (case, n) = case_of(5, &rows);
    let f = Filter::default();
    let shortest = shortest_path(&case, &f, n[0], n[4]).unwrap();
    let mut search = PathSearch::new(&case, &f, n[0], n[4], 6, 100);
    search.step(&case, 10_000);
    let list = listing(Some(&shortest), search.paths());
    assert_eq!(list.len(), 2, "two paths, not three entries");
    assert_eq!(list.iter().filter(|(_, s)| *s).count(), 1);
    let marked = list.iter().find(|(_, s)| *s).unwrap();
    assert_eq!(marked.0.nodes, shortest);
    // Not found by a search capped at one path: put first, still once.
    let mut capped = PathSearch::new(&case, &f, n[0], n[4], 6, 1);
    capped.step(&case, 10_000);
    let found = capped.paths();
    let list = listing(Some(&shortest), found.clone());
    if found[0].nodes == shortest {
        assert_eq!(list.len(), 1);
    } else {
        assert_eq!(list.len(), 2);
        assert!(list[0].1 && list[0].0.nodes == shortest);
    }
}

#[test]
fn a_path_over_different_assets_has_no_single_bottleneck() {
    use hopscope_core::model::{Amount, Asset, Transfer, TxHash};
    use hopscope_core::paths::{check, Bottleneck};
    let (mut case, n) = case_of(3, &[(0, 1, 10)]);
    let _ = case.graph.add_transfer(Transfer {
        tx: TxHash::from("0xusdt"),
        from: n[1],
        to: n[2],
        amount: Amount::parse("200").unwrap(),
        asset: Asset::new("USDT"),
        timestamp: Some(5),
        chain: None,
        block: None,
        fee: None,
        index: None,
    });
    let path = [n[0], n[1], n[2]];
    assert_eq!(
        check(&case, &Filter::default(), &path, &[], &[]).bottleneck,
        Some(Bottleneck::Mixed(vec![
            Asset::new("ETH"),
            Asset::new("USDT")
        ]))
    );
}

#[test]
fn a_bottleneck_names_its_unit() {
    use hopscope_core::model::{Amount, Asset};
    use hopscope_core::paths::Bottleneck;
    let one = Bottleneck::One {
        amount: Amount::parse("1200").unwrap(),
        asset: Asset::new("ETH"),
    };
    assert_eq!(one.text().text, "bottleneck 1,200 ETH");
    let mixed = Bottleneck::Mixed(vec![Asset::new("ETH"), Asset::new("USDT")]);
    assert!(mixed
        .text()
        .text
        .contains("assets differ along it (ETH, USDT)"));
}
