//! Memory per undo step: a generated case of N shown addresses (10,000 and 100,000 by default)
//! goes through S steps (150), each recorded by `History::change` as the app's stage does (the
//! change, then `keep_known`): in turn an expansion that adds 1–50 addresses, hiding one,
//! a note on one, a pin on one. A counting global allocator gives the bytes still held after
//! the steps (allocated minus freed) divided by S; one line per size:
//! `undo visible=N steps=S bytes_per_step=B kib_per_step=K ms_per_step=T undo_ms=U view_kib=V …`
//! (V: the view itself before the steps), with the bytes per step for each kind of step, and
//! the time of `is_visible`, of one step of `visible()` and of drawing the view's scene (what
//! the rest of the app pays).

use std::time::Instant;

use hopscope_core::infer::Patterns;
use hopscope_core::layout::SplitMix64;
use hopscope_core::model::{
    Address, Amount, Asset, Category, Chain, Graph, Node, Transfer, TxHash,
};
use hopscope_core::style::{FlowScale, Scene};
use hopscope_core::view::{ExpandOptions, History, Mark, Origin, View};
use hopscope_core::{Case, NodeId};

#[global_allocator]
static GLOBAL: hopscope_bench::Counting = hopscope_bench::Counting;

/// Bytes allocated and not yet freed.
fn live() -> isize {
    hopscope_bench::live() as isize
}

const KINDS: [&str; 4] = ["expand", "hide", "note", "pin"];

fn main() {
    let mut args = std::env::args().skip(1);
    let sizes: Vec<usize> = args
        .next()
        .map(|a| a.split(',').filter_map(|s| s.parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    let n_steps: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(150);
    for n in sizes {
        measure(n, n_steps);
    }
}

/// `n` shown addresses `0..n`, each paying two random others; and for the first `n_steps`
/// addresses, `i % 50 + 1` addresses of their own not yet shown, which expanding `i` adds.
fn generated(n: usize, n_steps: usize) -> (Case, Vec<NodeId>) {
    let mut graph = Graph::new();
    let add = |graph: &mut Graph, name: String| {
        graph
            .add_node(Node {
                address: Address::new(&name),
                chain: Chain::new("ethereum"),
                label: None,
                label_source: None,
                category: Category::Unknown,
                tags: vec![],
            })
            .0
    };
    let shown: Vec<NodeId> = (0..n).map(|i| add(&mut graph, format!("s{i}"))).collect();
    let mut rng = SplitMix64::new(7);
    let mut k = 0usize;
    let mut pay = |graph: &mut Graph, from: NodeId, to: NodeId| {
        k += 1;
        let _ = graph.add_transfer(Transfer {
            tx: TxHash::from(format!("0x{k:x}")),
            from,
            to,
            amount: Amount::parse("1").unwrap_or_default(),
            asset: Asset::new("ETH"),
            timestamp: Some(1_700_000_000 + k as i64),
            chain: None,
            block: None,
            fee: None,
            index: None,
        });
    };
    for &from in &shown {
        for _ in 0..2 {
            let to = shown[(rng.next_u64() % n as u64) as usize];
            pay(&mut graph, from, to);
        }
    }
    for (i, &from) in shown.iter().enumerate().take(n_steps) {
        for j in 0..i % 50 + 1 {
            let to = add(&mut graph, format!("p{i}_{j}"));
            pay(&mut graph, from, to);
        }
    }
    let case = Case {
        title: "undo bench".into(),
        notes: String::new(),
        graph,
        seeds: vec![],
        investigation: None,
        story: None,
        book: Default::default(),
        facts: Default::default(),
        sources: Vec::new(),
    };
    (case, shown)
}

fn measure(n: usize, n_steps: usize) {
    let (case, shown) = generated(n, n_steps);
    let built = live();
    let mut view = View::default();
    for &id in &shown {
        view.show(id, Origin::Shown);
    }
    let view_bytes = live() - built;
    let mut history: History<View> = History::default();
    let mut rng = SplitMix64::new(11);
    // Hidden, noted and pinned addresses come from the half that is never expanded.
    let mut other = || shown[n / 2 + (rng.next_u64() % (n / 2) as u64) as usize];
    let options = ExpandOptions::default();
    let mut per_kind = [(0isize, 0usize); 4];
    let mut n_added = 0;
    let start = live();
    let started = Instant::now();
    for (step, &from) in shown.iter().enumerate().take(n_steps) {
        let kind = step % 4;
        let before = live();
        history.change(&mut view, |v| {
            match kind {
                0 => n_added += v.expand(&case, from, &options).added.len(),
                1 => v.hide(other()),
                2 => v.set_note(Mark::Node(other()), "seen", Some("#aa0000")),
                _ => v.set_pinned(other(), true),
            }
            v.keep_known(&case);
        });
        per_kind[kind].0 += live() - before;
        per_kind[kind].1 += 1;
    }
    let ms = started.elapsed().as_secs_f64() * 1000.0 / n_steps as f64;
    let held = live() - start;
    let undo_started = Instant::now();
    let mut n_undone = 0;
    while history.undo(&mut view) {
        n_undone += 1;
    }
    let undo_ms = undo_started.elapsed().as_secs_f64() * 1000.0 / n_undone.max(1) as f64;
    let per_step = held / n_steps as isize;
    // What the shared trees cost the rest of the app: a lookup and a step of iteration.
    let ids: Vec<NodeId> = case.graph.node_ids().collect();
    let looked_up = Instant::now();
    let n_found = (0..10)
        .map(|_| ids.iter().filter(|&&id| view.is_visible(id)).count())
        .sum::<usize>();
    let lookup_ns = looked_up.elapsed().as_secs_f64() * 1e9 / (10 * ids.len()) as f64;
    let iterated = Instant::now();
    let n_iterated = (0..10).map(|_| view.visible().count()).sum::<usize>();
    let iter_ns = iterated.elapsed().as_secs_f64() * 1e9 / n_iterated.max(1) as f64;
    assert_eq!(n_found, n_iterated, "the same addresses, found both ways");
    let patterns = Patterns::of(&case);
    let scale = FlowScale::of(&case.graph);
    let drawn = Instant::now();
    let scene = Scene::of_view_scaled(&case, &view, &scale, &patterns);
    let scene_ms = drawn.elapsed().as_secs_f64() * 1000.0;
    let n_drawn = scene.nodes.len();
    let kinds: Vec<String> = KINDS
        .iter()
        .zip(per_kind)
        .map(|(name, (bytes, count))| format!("{name}={}", bytes / count.max(1) as isize))
        .collect();
    println!(
        "undo visible={n} steps={n_steps} bytes_per_step={per_step} kib_per_step={:.1} ms_per_step={ms:.2} undo_ms={undo_ms:.3} lookup_ns={lookup_ns:.0} iter_ns={iter_ns:.1} scene_ms={scene_ms:.0} scene_nodes={n_drawn} view_kib={:.0} added_per_expand={:.1} undone={n_undone} per_kind_bytes: {}",
        per_step as f64 / 1024.0,
        view_bytes as f64 / 1024.0,
        n_added as f64 / per_kind[0].1.max(1) as f64,
        kinds.join(" "),
    );
}
