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
