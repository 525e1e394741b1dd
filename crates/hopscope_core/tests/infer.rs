//! Inferred links in a view: expanding a mixer pool shows only the trail's candidate
//! withdrawals, not every withdrawer; the trace stops in the pool until a candidate is
//! accepted and then continues past it (conserving the stolen amount); rejected links are not
//! drawn; a bridge hop carries the trace and expansion across chains. Peel chains, the bundled
//! cases' patterns and multi-pool totals are `tests/patterns.rs`.

mod common;

use hopscope_core::infer::{self, Decision, Evidence, LinkKind, Patterns};
use hopscope_core::model::{Asset, Category, Graph};
use hopscope_core::style::Scene;
use hopscope_core::trace::{trace_through, Method};
use hopscope_core::view::{Direction, ExpandOptions, Threshold, View};
use hopscope_core::{Case, NodeId};

/// n0 (seed) pays 100 to n1, which deposits 100 into pool n2 at t=1000; n3…n8 are other
/// people depositing 100 earlier; the pool pays 100 out to n9 (t=1100), n10 (1200), n11
/// (1300), n12 (1400, the true one: it later pays n13, which n1 had paid before) and 100 to
/// n14…n17 before the deposit. n12 then sends 100 on to exchange n18.
fn pool_case() -> (Case, Vec<NodeId>) {
    let mut rows = vec![(0, 1, 100, 900), (1, 2, 100, 1000), (1, 13, 1, 950)];
    for k in 3..=8 {
        rows.push((k, 2, 100, 100 + k as i64));
    }
    for (k, t) in [(9, 1100), (10, 1200), (11, 1300), (12, 1400)] {
        rows.push((2, k, 100, t));
    }
    for k in 14..=17 {
        rows.push((2, k, 100, 500 + k as i64));
    }
    rows.push((12, 13, 1, 1500));
    rows.push((12, 18, 99, 1600));
    common::small_case(19, &rows, &[(2, Category::Mixer), (18, Category::Exchange)])
}

#[test]
fn expanding_a_pool_shows_the_trails_candidates_not_every_withdrawer() {
    let (case, n) = pool_case();
    let mut view = View::of(&case);
    view.expand(&case, n[0], &common::expand_out(2));
    assert!(view.is_visible(n[2]), "the pool is reached");
    view.threshold = Threshold(0);
    let report = view.expand(&case, n[2], &common::expand_out(1));
    let mut added = report.added.clone();
    added.sort();
    assert_eq!(
        added,
        vec![n[9], n[10], n[11], n[12]],
        "only withdrawals after the trail's deposit"
    );
    for k in [3, 4, 5, 6, 7, 8, 14, 15, 16, 17] {
        assert!(!view.is_visible(n[k]), "n{k} is another user of the pool");
    }
    // With the default threshold only the strong candidates come.
    let mut strict = View::of(&case);
    strict.expand(&case, n[0], &common::expand_out(2));
    let report = strict.expand(&case, n[2], &common::expand_out(1));
    assert!(report.added.contains(&n[12]), "the true withdrawal passes");
    assert!(
        report.added.len() < 4,
        "weak candidates are held back: {:?}",
        report.added
    );
    // Expanding into the pool adds no depositor that is not already on the trail.
    let before = strict.n_visible();
    strict.expand(
        &case,
        n[2],
        &ExpandOptions {
            direction: Direction::In,
            ..common::expand_out(1)
        },
    );
    assert_eq!(strict.n_visible(), before);
}

#[test]
fn the_trace_continues_past_the_mixer_only_along_an_accepted_link() {
    let (case, n) = pool_case();
    let patterns = Patterns::of(&case);
    let mut view = View::of(&case);
    view.expand(&case, n[0], &common::expand_out(3));
    let eth = Asset::new("ETH");
    let run = |view: &View| {
        trace_through(
            &case,
            &view.seeds(&case),
            &eth,
            Method::Haircut,
            &patterns.absorbing,
            &infer::carrying(view, &patterns),
        )
    };
    let before = run(&view);
    assert!(before.received_by(n[12]).is_zero(), "the pool keeps it");
    assert_eq!(before.absorbed, vec![(n[2], before.held_by(n[2]))]);
    assert!(before.cashout.is_empty());
    // The ordinary method would spread the pool's taint over every withdrawal.
    let ordinary = trace_through(&case, &view.seeds(&case), &eth, Method::Haircut, &[], &[]);
    assert!(!ordinary.received_by(n[9]).is_zero());

    let links = infer::links(&case, &view, &patterns);
    let best = links.iter().find(|l| l.kind == LinkKind::Demix).unwrap();
    assert_eq!(
        best.to, n[12],
        "the true withdrawal ranks first: {links:#?}"
    );
    assert_eq!(best.from, n[1]);
    view.decide(best.key, Some(Decision::Accepted));
    let after = run(&view);
    assert!(
        !after.received_by(n[12]).is_zero(),
        "the trace continues past the mixer"
    );
    assert!(
        !after.received_by(n[18]).is_zero(),
        "…and on to the exchange"
    );
    assert_eq!(after.cashout[0].0, n[18]);
    let held: f64 = after.held.values().map(|v| v.to_f64_lossy()).sum();
    let left = after.left_seeds.to_f64_lossy();
    assert!((held - left).abs() < 1e-9 * left);
    // Decoys stay clean.
    assert!(after.received_by(n[9]).is_zero());
    // Expansion follows the accepted link from the depositor.
    let mut fresh = View::of(&case);
    fresh.decide(best.key, Some(Decision::Accepted));
    fresh.expand(&case, n[0], &common::expand_out(2));
    assert!(
        fresh.is_visible(n[12]),
        "two hops: n1, then across the pool"
    );
}

#[test]
fn candidates_are_drawn_dashed_with_confidence_and_rejected_ones_are_not() {
    let (case, n) = pool_case();
    let mut view = View::of(&case);
    view.threshold = Threshold(0);
    view.expand(&case, n[0], &common::expand_out(2));
    view.expand(&case, n[2], &common::expand_out(1));
    // By default one deposit draws one candidate: its best.
    let best = Scene::of_view(&case, &view);
    assert_eq!(best.links.len(), 1);
    view.every_candidate = true;
    let scene = Scene::of_view(&case, &view);
    assert_eq!(
        best.links[0].key,
        scene
            .links
            .iter()
            .max_by(|a, b| a.score.total_cmp(&b.score))
            .unwrap()
            .key
    );
    let at = |id: NodeId| scene.nodes.iter().position(|s| s.id == id).unwrap() as u32;
    let link = scene
        .links
        .iter()
        .find(|l| l.source == at(n[1]) && l.target == at(n[12]))
        .expect("a dashed link from the depositor to the candidate");
    assert!(link.score > 0.5 && !link.accepted);
    assert_eq!(scene.links.len(), 4);
    assert!(scene.nodes[at(n[2]) as usize].pool);
    let key = link.key;
    view.decide(key, Some(Decision::Rejected));
    let scene = Scene::of_view(&case, &view);
    assert!(scene.links.iter().all(|l| l.key != key));
    assert_eq!(scene.links.len(), 3);
    // Without every candidate, the best of those left is drawn in its place.
    view.every_candidate = false;
    let next = Scene::of_view(&case, &view);
    assert_eq!(next.links.len(), 1);
    assert_ne!(next.links[0].key, key);
    assert_eq!(
        next.links[0].key,
        scene
            .links
            .iter()
            .max_by(|a, b| a.score.total_cmp(&b.score))
            .unwrap()
            .key
    );
    // Explained with its heuristics and evidence.
    let patterns = Patterns::of(&case);
    let all = infer::links(&case, &view, &patterns);
    let rejected = all.iter().find(|l| l.key == key).unwrap();
    let text = infer::explain(&case, rejected);
    let joined: String = text
        .lines
        .iter()
        .map(|(h, e)| format!("{h}: {e}\n"))
        .collect();
    assert!(
        joined.contains("Withdrawal address later deals with the trail"),
        "{joined}"
    );
    assert!(joined.contains("soon after"), "{joined}");
    assert!(joined.contains("rejected"), "{joined}");
    assert!(matches!(rejected.evidence, Evidence::Demix(_)));
}

#[test]
fn a_bridge_hop_carries_the_trace_and_expansion_across_chains() {
    let mut g = Graph::new();
    let hacker = common::node_on(&mut g, "0xhacker", "ethereum", Category::Hacker, false);
    let bridge_a = common::node_on(&mut g, "0xbridge-a", "ethereum", Category::Bridge, false);
    let bridge_b = common::node_on(&mut g, "0xbridge-b", "arbitrum", Category::Bridge, false);
    let fresh = common::node_on(&mut g, "0xfresh", "arbitrum", Category::Unknown, false);
    let exchange = common::node_on(&mut g, "0xexchange", "arbitrum", Category::Exchange, false);
    common::send_on(&mut g, 1, hacker, bridge_a, "50", 1000, "ethereum");
    common::send_on(&mut g, 2, bridge_b, fresh, "49.5", 1600, "arbitrum");
    common::send_on(&mut g, 3, fresh, exchange, "49.5", 2000, "arbitrum");
    let case = Case {
        title: "bridge".into(),
        notes: String::new(),
        graph: g,
        seeds: vec![hacker],
        investigation: None,
        story: None,
        book: hopscope_core::format::label_list::bundled_book(),
        facts: Default::default(),
        sources: Vec::new(),
    };
    let patterns = Patterns::of(&case);
    let mut view = View::of(&case);
    view.expand(&case, hacker, &common::expand_out(1));
    assert!(
        view.is_visible(bridge_a) && view.is_visible(fresh),
        "the hop is followed"
    );
    let scene = Scene::of_view(&case, &view);
    assert_eq!(scene.links.len(), 1);
    assert_eq!(scene.links[0].kind, LinkKind::Bridge);
    assert!(
        scene.nodes.iter().all(|s| s.chain_colour.is_some()),
        "two chains: colours"
    );
    let t = trace_through(
        &case,
        &case.seeds,
        &Asset::new("ETH"),
        Method::Fifo,
        &patterns.absorbing,
        &infer::carrying(&view, &patterns),
    );
    assert_eq!(t.received_by(exchange).to_string(), "49.5");
    // Rejected, it carries nothing and is not drawn.
    view.decide(scene.links[0].key, Some(Decision::Rejected));
    let t = trace_through(
        &case,
        &case.seeds,
        &Asset::new("ETH"),
        Method::Fifo,
        &patterns.absorbing,
        &infer::carrying(&view, &patterns),
    );
    assert!(t.received_by(exchange).is_zero());
    assert!(Scene::of_view(&case, &view).links.is_empty());
}
