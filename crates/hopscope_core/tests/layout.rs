//! The layout engine's promises: never NaN, the same positions for the same seed (and the same
//! as the committed fingerprint, which the wasm test checks too), at rest by itself, pinned
//! nodes never move, an added node starts near its parent and the old picture barely moves,
//! flow mode keeps every node in its hop column, and Barnes-Hut lays out like the exact force.

mod common;

use hopscope_core::layout::{flow, LayoutInput, Link, Mode, Settings, Simulation};
use hopscope_core::parse_case;
use hopscope_core::style::Scene;
use proptest::prelude::*;

fn chain(n: usize) -> LayoutInput {
    LayoutInput {
        n_nodes: n,
        links: (1..n)
            .map(|i| Link {
                source: i as u32 - 1,
                target: i as u32,
                weight: 1.0,
            })
            .collect(),
        ..LayoutInput::default()
    }
}

fn demo_input() -> LayoutInput {
    let case = parse_case(&common::repo_file("cases/htx-2023-tornado.json"))
        .unwrap()
        .value;
    Scene::of(&case).layout_input()
}

fn dist(p: &[f32], i: usize, j: usize) -> f32 {
    ((p[2 * i] - p[2 * j]).powi(2) + (p[2 * i + 1] - p[2 * j + 1]).powi(2)).sqrt()
}

fn arb_input() -> impl Strategy<Value = LayoutInput> {
    (1usize..80).prop_flat_map(|n| {
        (
            prop::collection::vec((0..n as u32, 0..n as u32, 0.0f32..1.0), 0..160),
            prop::collection::vec(0.0f32..30.0, n),
            prop::collection::vec(0..n as u32, 0..3),
        )
            .prop_map(move |(links, radii, seeds)| LayoutInput {
                first_receipt: (0..n as i64)
                    .map(|t| (t % 3 != 0).then_some(t * 7 % 11))
                    .collect(),
                n_nodes: n,
                links: links
                    .into_iter()
                    .map(|(source, target, weight)| Link {
                        source,
                        target,
                        weight,
                    })
                    .collect(),
                radii,
                seeds,
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(40)))]
    #[test]
    fn never_nan_and_same_seed_same_positions(input in arb_input(), seed in any::<u64>(), flow_mode in 0u8..3) {
        let settings = Settings::infer(input.n_nodes, input.links.len());
        let mut a = Simulation::new(&input, settings, seed);
        let mut b = Simulation::new(&input, settings, seed);
        let mode = [Mode::Free, Mode::Flow, Mode::FlowByTime][flow_mode as usize];
        a.set_mode(mode);
        b.set_mode(mode);
        a.run(400);
        b.run(400);
        prop_assert!(a.positions().iter().all(|v| v.is_finite()));
        prop_assert_eq!(a.positions(), b.positions());
        prop_assert!(a.is_settled());
    }
}

/// The demo case's positions after 300 ticks with seed 7, as a fingerprint, equal to the
/// committed one in `tests/golden/`. The app's wasm test (`tests/browser.rs`) checks the same
/// file, so native and wasm lay out identically. When the engine changes on purpose, write
/// the new value from this test's message into the file.
#[test]
fn the_demo_layout_is_the_committed_one() {
    let input = demo_input();
    let got = hopscope_core::layout::demo_fingerprint(&input);
    let want = include_str!("golden/demo-layout-fingerprint.txt").trim();
    assert_eq!(format!("{got:#x}"), want);
}

#[test]
fn other_seeds_give_other_layouts_and_each_comes_to_rest() {
    let input = chain(50);
    let mut a = Simulation::new(&input, Settings::infer(50, 49), 7);
    let mut b = Simulation::new(&input, Settings::infer(50, 49), 8);
    let ticks = a.run(10_000);
    b.run(10_000);
    assert!(
        a.is_settled() && (250..=350).contains(&ticks),
        "rested after {ticks} ticks"
    );
    assert_ne!(a.positions(), b.positions());
    a.reheat(0.3);
    assert!(!a.is_settled());
}

#[test]
fn linked_nodes_end_near_their_rest_length_and_closer_than_unlinked_ones() {
    let mut input = chain(10);
    let second: Vec<Link> = chain(10)
        .links
        .iter()
        .map(|l| Link {
            source: l.source + 10,
            target: l.target + 10,
            weight: 1.0,
        })
        .collect();
    input.links.extend(second);
    input.n_nodes = 20;
    let settings = Settings::infer(20, 18);
    let mut sim = Simulation::new(&input, settings, 3);
    sim.run(1000);
    let p = sim.positions();
    let linked = input
        .links
        .iter()
        .map(|l| dist(p, l.source as usize, l.target as usize))
        .sum::<f32>()
        / input.links.len() as f32;
    let across = (0..10).map(|i| dist(p, i, i + 10)).sum::<f32>() / 10.0;
    assert!(linked < across, "linked {linked} vs unlinked {across}");
    let rest = settings.link_distance;
    assert!(
        (0.5 * rest..2.0 * rest).contains(&linked),
        "links {linked} for rest length {rest}"
    );
}

#[test]
fn pinned_nodes_never_move_and_keep_their_pin_across_modes() {
    let input = demo_input();
    let mut sim = Simulation::new(&input, Settings::infer(input.n_nodes, input.links.len()), 1);
    sim.run(50);
    sim.pin(3, 100.0, -40.0);
    sim.pin(10, -5.0, 7.5);
    for round in 0..3 {
        sim.set_mode(if round % 2 == 0 {
            Mode::Flow
        } else {
            Mode::Free
        });
        sim.reheat(1.0);
        for _ in 0..100 {
            sim.tick();
            let p = sim.positions();
            assert_eq!((p[6], p[7]), (100.0, -40.0));
            assert_eq!((p[20], p[21]), (-5.0, 7.5));
        }
    }
    sim.unpin(3);
    sim.reheat(1.0);
    sim.run(100);
    assert_ne!((sim.positions()[6], sim.positions()[7]), (100.0, -40.0));
    assert!(sim.is_pinned(10) && !sim.is_pinned(3));
}

#[test]
fn added_nodes_start_near_their_parent_and_the_old_picture_barely_moves() {
    let full = demo_input();
    let settings = Settings::infer(full.n_nodes, full.links.len());
    // The first 50 nodes and the links among them are the picture before a hop is expanded.
    let old = 50usize;
    let before = LayoutInput {
        n_nodes: old,
        links: full
            .links
            .iter()
            .copied()
            .filter(|l| (l.source as usize) < old && (l.target as usize) < old)
            .collect(),
        radii: full.radii[..old].to_vec(),
        seeds: full.seeds.clone(),
        first_receipt: full.first_receipt[..old].to_vec(),
    };
    let mut sim = Simulation::new(&before, settings, 5);
    sim.run(1000);
    let was = sim.positions().to_vec();
    sim.grow(&full);
    assert_eq!(sim.n_nodes(), full.n_nodes);
    let p = sim.positions().to_vec();
    for l in &full.links {
        let (s, t) = (l.source as usize, l.target as usize);
        let (parent, child) = match (s < old, t < old) {
            (true, false) => (s, t),
            (false, true) => (t, s),
            _ => continue,
        };
        let _ = parent;
        // A new node starts within a few radii of *some* placed neighbour.
        let near = full
            .links
            .iter()
            .filter_map(|m| match (m.source as usize, m.target as usize) {
                (a, b) if a == child && b != child => Some(b),
                (a, b) if b == child && a != child => Some(a),
                _ => None,
            })
            .map(|nb| dist(&p, child, nb))
            .fold(f32::MAX, f32::min);
        assert!(
            near <= 4.0 * settings.link_distance,
            "node {child} starts {near} from its parent"
        );
    }
    sim.run(1000);
    let p = sim.positions();
    let moved: Vec<f32> = (0..old)
        .map(|i| {
            dist(&was, i, i).max(
                ((p[2 * i] - was[2 * i]).powi(2) + (p[2 * i + 1] - was[2 * i + 1]).powi(2)).sqrt(),
            )
        })
        .collect();
    let median = {
        let mut m = moved.clone();
        m.sort_by(f32::total_cmp);
        m[m.len() / 2]
    };
    assert!(
        median < 2.0 * settings.link_distance,
        "old nodes moved {median} (median)"
    );
}

#[test]
fn flow_mode_puts_every_node_in_its_hop_column() {
    let input = demo_input();
    let settings = Settings::infer(input.n_nodes, input.links.len());
    let mut sim = Simulation::new(&input, settings, 2);
    sim.set_mode(Mode::Flow);
    sim.run(2000);
    let columns = flow::hop_columns(input.n_nodes, &input.links, &input.seeds);
    assert!(
        columns.iter().any(|&c| c >= 3),
        "the demo spans several hops"
    );
    let p = sim.positions();
    for (i, &c) in columns.iter().enumerate() {
        let x = p[2 * i];
        let want = c as f32 * settings.column_spacing;
        assert!(
            (x - want).abs() <= settings.column_slack + 1e-3,
            "node {i} at x = {x}, column {c} at {want}"
        );
    }
    // By time of first receipt: columns follow the order in which nodes first received.
    sim.set_mode(Mode::FlowByTime);
    sim.run(2000);
    let p = sim.positions();
    let timed: Vec<(i64, f32)> = input
        .first_receipt
        .iter()
        .enumerate()
        .filter_map(|(i, t)| t.map(|t| (t, p[2 * i])))
        .collect();
    assert!(timed.len() > 50);
    for a in &timed {
        for b in &timed {
            if a.0 < b.0 {
                assert!(
                    a.1 <= b.1 + 2.0 * settings.column_slack + 1e-3,
                    "received earlier but further right"
                );
            }
        }
    }
    // Back to free mode, nodes leave their columns.
    sim.set_mode(Mode::Free);
    sim.reheat(1.0);
    sim.run(2000);
    assert!(sim.positions().iter().all(|v| v.is_finite()));
}

#[test]
fn the_demo_lays_out_without_overlaps() {
    let input = demo_input();
    let mut sim = Simulation::new(&input, Settings::infer(input.n_nodes, input.links.len()), 1);
    sim.run(1000);
    assert!(sim.is_settled());
    let p = sim.positions();
    let n = sim.n_nodes();
    let mut overlapping = 0;
    for i in 0..n {
        for j in (i + 1)..n {
            if dist(p, i, j) < 0.8 * (input.radii[i] + input.radii[j]) {
                overlapping += 1;
            }
        }
    }
    assert!(
        overlapping <= n / 20,
        "{overlapping} pairs of nodes overlap"
    );
}

/// A view that loses some nodes and gains others (collapse one branch, expand another): kept
/// nodes keep their place and pins, new ones start by the node they are linked to.
#[test]
fn reshaping_keeps_kept_nodes_and_their_pins_and_places_new_ones_by_their_parent() {
    let mut sim = Simulation::new(&chain(10), Settings::infer(10, 9), 3);
    sim.run(300);
    sim.pin(4, 50.0, -20.0);
    let before = sim.positions().to_vec();
    // New order: old 4, old 2, old 3, then a new node linked to old 4 (new index 0).
    let input = LayoutInput {
        n_nodes: 4,
        links: vec![
            Link {
                source: 1,
                target: 2,
                weight: 1.0,
            },
            Link {
                source: 2,
                target: 0,
                weight: 1.0,
            },
            Link {
                source: 0,
                target: 3,
                weight: 1.0,
            },
        ],
        ..LayoutInput::default()
    };
    sim.reshape(&input, &[Some(4), Some(2), Some(3), None]);
    assert_eq!(sim.n_nodes(), 4);
    let p = sim.positions().to_vec();
    assert_eq!(&p[0..2], &[50.0, -20.0]);
    assert!(sim.is_pinned(0) && !sim.is_pinned(1) && !sim.is_pinned(3));
    assert_eq!(&p[2..6], &before[4..8], "old 2 and 3 are where they were");
    let d = ((p[6] - p[0]).powi(2) + (p[7] - p[1]).powi(2)).sqrt();
    assert!(
        d <= sim.settings().link_distance,
        "new node {d} from its parent"
    );
    sim.run(200);
    assert_eq!(&sim.positions()[0..2], &[50.0, -20.0], "the pin holds");
    assert!(sim.positions().iter().all(|v| v.is_finite()));
}

/// Growing a small picture by many nodes: the old nodes are held while the new settle, so the
/// picture's shape barely changes (the issue-5 journey measures the same in the browser).
#[test]
fn nodes_kept_by_a_reshape_hold_their_place_while_new_ones_settle() {
    let mut sim = Simulation::new(&chain(3), Settings::infer(3, 2), 5);
    sim.run(1000);
    let before = sim.positions().to_vec();
    // 30 new nodes hang off node 1.
    let mut links: Vec<Link> = chain(3).links;
    links.extend((3..33).map(|i| Link {
        source: 1,
        target: i,
        weight: 1.0,
    }));
    let input = LayoutInput {
        n_nodes: 33,
        links,
        ..LayoutInput::default()
    };
    let keep: Vec<Option<u32>> = (0..33).map(|i| (i < 3).then_some(i)).collect();
    sim.reshape(&input, &keep);
    sim.run(2000);
    assert!(sim.is_settled());
    let after = sim.positions();
    for i in 0..3 {
        let d = ((after[2 * i] - before[2 * i]).powi(2)
            + (after[2 * i + 1] - before[2 * i + 1]).powi(2))
        .sqrt();
        assert!(d < 0.5 * sim.settings().link_distance, "node {i} moved {d}");
    }
}
