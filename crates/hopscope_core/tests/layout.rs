//! Layout properties on random graphs and on the bundled demo case: never NaN, reproducible
//! for a seed, and at rest by itself.

use std::path::PathBuf;

use hopscope_core::layout::{LayoutInput, Link, Params, Simulation};
use hopscope_core::parse_case;
use hopscope_core::style::Scene;
use proptest::prelude::*;

fn arb_input() -> impl Strategy<Value = LayoutInput> {
    (1usize..60).prop_flat_map(|n| {
        prop::collection::vec((0..n as u32, 0..n as u32, 0.0f32..1.0), 0..120).prop_map(
            move |links| LayoutInput {
                n_nodes: n,
                links: links
                    .into_iter()
                    .map(|(source, target, weight)| Link {
                        source,
                        target,
                        weight,
                    })
                    .collect(),
            },
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]
    #[test]
    fn never_nan_and_same_seed_same_positions(input in arb_input(), seed in any::<u64>()) {
        let mut a = Simulation::new(&input, Params::default(), seed);
        let mut b = Simulation::new(&input, Params::default(), seed);
        a.run(400);
        b.run(400);
        prop_assert!(a.positions().iter().all(|v| v.is_finite()));
        prop_assert_eq!(a.positions(), b.positions());
        prop_assert!(a.is_settled());
    }
}

#[test]
fn demo_case_lays_out_without_overlaps_piling_up() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../cases/htx-2023-tornado.json");
    let case = parse_case(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .value;
    let scene = Scene::of(&case);
    let mut sim = Simulation::new(&scene.layout_input(), Params::default(), 1);
    sim.run(1000);
    assert!(sim.is_settled());
    let p = sim.positions();
    let n = sim.n_nodes();
    let mut close_pairs = 0;
    for i in 0..n {
        for j in (i + 1)..n {
            let d = ((p[2 * i] - p[2 * j]).powi(2) + (p[2 * i + 1] - p[2 * j + 1]).powi(2)).sqrt();
            if d < 3.0 {
                close_pairs += 1;
            }
        }
    }
    assert!(
        close_pairs <= n / 20,
        "{close_pairs} pairs of nodes nearly on top of each other"
    );
}
