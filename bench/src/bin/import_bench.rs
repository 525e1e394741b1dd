//! Native import throughput: generates an Etherscan-style CSV export with N rows (1,000,000
//! by default), imports it, and prints one line:
//! `import etherscan-csv rows=N ms=X rows_per_s=Y peak_rss_mib=Z transfers=T case_bytes=B
//! bytes_per_transfer=P import_peak_bytes=Q`: what the case holds once read (counted by the
//! allocator, the file's text left out) and the most the reading held at once beyond the text.
//! Native 64-bit sizes: in wasm32 pointers and lengths take half, so this is an upper bound.

use std::time::Instant;

use hopscope_core::{import, ImportOptions};

#[global_allocator]
static GLOBAL: hopscope_bench::Counting = hopscope_bench::Counting;

fn main() {
    let n_rows: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let text = hopscope_bench::etherscan_csv(n_rows, n_rows / 20 + 2, 42);
    let before_mib = hopscope_bench::peak_rss_mib().unwrap_or(0.0);
    let before = hopscope_bench::live();
    hopscope_bench::reset_peak();
    let started = Instant::now();
    let imported = match import(&text, &ImportOptions::default()) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("import failed: {e}");
            std::process::exit(1);
        }
    };
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let case_bytes = hopscope_bench::live().saturating_sub(before);
    let import_peak = hopscope_bench::peak().saturating_sub(before);
    let peak = hopscope_bench::peak_rss_mib().unwrap_or(f64::NAN);
    println!(
        "import etherscan-csv rows={n_rows} ms={ms:.0} rows_per_s={:.0} peak_rss_mib={peak:.0} input_mib={:.0} rss_before_import_mib={before_mib:.0} transfers={} case_bytes={case_bytes} bytes_per_transfer={:.0} import_peak_bytes={import_peak}",
        n_rows as f64 / (ms / 1000.0),
        text.len() as f64 / (1024.0 * 1024.0),
        imported.value.graph.n_transfers(),
        case_bytes as f64 / imported.value.graph.n_transfers().max(1) as f64
    );
}
