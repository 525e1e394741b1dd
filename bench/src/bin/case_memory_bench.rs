//! Where a big case's memory goes on the page: generates an Etherscan-style CSV export with N
//! rows (1,000,000 by default, among N/20 addresses), reads it as the import worker does,
//! passes it through the worker's wire form, and builds what the page builds on opening it
//! (patterns, statistics, view, scene, the layout's input). Prints one line per step:
//! `case-memory step=S ms=T live_bytes=L added_bytes=A peak_bytes=P bytes_per_transfer=B`, where
//! `peak_bytes` is the most held at once during that step. Native 64-bit sizes (counted by
//! the allocator): in wasm32 pointers and lengths take half, so these are upper bounds.

use hopscope_core::format::batch::read_file;
use hopscope_core::format::wire;
use hopscope_core::layout::{Settings, Simulation};
use hopscope_core::stats::CaseStats;
use hopscope_core::style::{FlowScale, Scene};
use hopscope_core::view::View;
use hopscope_core::{infer::Patterns, ImportOptions};

#[global_allocator]
static GLOBAL: hopscope_bench::Counting = hopscope_bench::Counting;

fn main() {
    let n_rows: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let text = hopscope_bench::etherscan_csv(n_rows, n_rows / 20 + 2, 42);
    let mut last = hopscope_bench::live();
    let mut clock = std::time::Instant::now();
    let mut step = |name: &str| {
        let live = hopscope_bench::live();
        println!(
            "case-memory step={name} ms={} live_bytes={live} added_bytes={} peak_bytes={} bytes_per_transfer={:.0}",
            clock.elapsed().as_millis(),
            live as i64 - last as i64,
            hopscope_bench::peak(),
            (live as i64 - last as i64) as f64 / n_rows as f64,
        );
        last = live;
        hopscope_bench::reset_peak();
        clock = std::time::Instant::now();
    };
    hopscope_bench::reset_peak();
    step("text");
    let read = read_file("bench.csv", &text, &ImportOptions::default(), None);
    step("read");
    drop(text);
    step("text-dropped");
    let bytes = wire::encode(std::slice::from_ref(&read));
    step("wire-encoded");
    drop(read);
    step("worker-case-dropped");
    let files = match wire::decode(&bytes) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("decode failed: {e}");
            std::process::exit(1);
        }
    };
    step("wire-decoded");
    drop(bytes);
    step("wire-dropped");
    let Some(Ok(imported)) = files.into_iter().next().map(|f| f.result) else {
        eprintln!("the file did not read");
        std::process::exit(1);
    };
    let case = imported.value;
    step("case");
    let patterns = Patterns::of(&case);
    step("patterns");
    let stats = CaseStats::of(&case, imported.format);
    step("stats");
    let scale = FlowScale::of(&case.graph);
    step("flow-scale");
    let view = View::of(&case);
    step("view");
    let scene = Scene::of_view_scaled(&case, &view, &scale, &patterns);
    step("scene");
    let input = scene.layout_input();
    let settings = Settings::infer(input.n_nodes, input.links.len());
    let simulation = Simulation::new(&input, settings, 1);
    step("layout");
    println!(
        "case-memory transfers={} addresses={} flows={} scene_nodes={} scene_edges={}",
        case.graph.n_transfers(),
        case.graph.n_nodes(),
        case.graph.flows().count(),
        scene.nodes.len(),
        scene.edges.len()
    );
    drop((patterns, stats, scale, view, scene, simulation, case));
}
