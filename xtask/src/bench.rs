//! `cargo xtask bench …`: figures for BENCHMARKS.md.
//! - `build`: how long `cargo xtask serve` takes until the page answers (cold: after
//!   `cargo clean`; warm: nothing changed; after an edit to one app file), and the release
//!   `.wasm` size raw and gzip -9.
//! - `import`: native import of a generated 1,000,000-row Etherscan CSV (time, peak memory),
//!   then where that case's memory goes on its way to the page (`case_memory_bench.rs`).
//! - `undo`: memory per undo step (bytes still held, by a counting allocator) and time per
//!   step on generated views of 10,000 and 100,000 addresses (`bench/src/bin/undo_bench.rs`).
//! - `convert`: finding the conversions (swaps, swap-and-send, THORChain memos) of a generated
//!   1,000,000-transfer case, and the haircut trace across them and kept to one asset.
//! - `open`: opening a generated 100,000-row CSV in the app in headless Chromium, until its
//!   figures are shown and a frame drawn, and the longest main-thread task meanwhile.
//! - `report`: the report of the shared Bybit case (14,416 transfers, seeded at the
//!   exploiter): made by the release CLI and printed to PDF in headless Chromium.
//! - `layout`: hopscope's layout engine (wasm) against d3-force and ForceAtlas2 in one Node.js
//!   process (`bench/layout/run.mjs`), ms per tick and layout stress per graph.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::{run, setup};

pub fn run_all() -> Result<(), String> {
    setup::ensure(setup::Needs::Serve)?;
    let root = setup::repo_root();
    if page_answers() {
        return Err("something already serves on 127.0.0.1:8080; stop it first".into());
    }
    println!("xtask bench: cargo clean");
    run::status("cargo", &["clean"], &root, &[])?;
    let _ = std::fs::remove_dir_all(root.join("dist"));
    let cold = time_serve(&root)?;
    let warm = time_serve(&root)?;
    let edited_file = root.join("src").join("stage.rs");
    let text = std::fs::read(&edited_file).map_err(|e| e.to_string())?;
    std::fs::write(&edited_file, &text).map_err(|e| e.to_string())?;
    let edited = time_serve(&root)?;
    let (raw, gzip) = wasm_size(&root.join("dist"))?;
    println!("\n| measure | value |\n|---|---|");
    println!(
        "| `cargo xtask serve`, cold (after `cargo clean`), until the page answers | {cold:.1} s |"
    );
    println!("| `cargo xtask serve`, warm (nothing changed) | {warm:.1} s |");
    println!("| `cargo xtask serve`, warm after editing one app file | {edited:.1} s |");
    println!(
        "| release `.wasm`, raw | {raw} bytes ({:.0} KiB) |",
        raw as f64 / 1024.0
    );
    println!(
        "| release `.wasm`, gzip -9 | {gzip} bytes ({:.0} KiB) |",
        gzip as f64 / 1024.0
    );
    Ok(())
}

pub fn import() -> Result<(), String> {
    native_bench("import_bench", &["1000000"])?;
    native_bench("case_memory_bench", &["1000000"])
}

/// Finding conversions in a generated 1,000,000-transfer case, and the trace across them
/// (`bench/src/bin/convert_bench.rs`), then the same at 100,000.
pub fn convert() -> Result<(), String> {
    native_bench("convert_bench", &["1000000"])?;
    native_bench("convert_bench", &["100000"])
}

/// Memory and time per undo step, 150 steps on generated 10k and 100k-address views.
pub fn undo() -> Result<(), String> {
    native_bench("undo_bench", &["10000,100000", "150"])
}

/// Runs one of `bench/src/bin`'s benchmarks, release build, with `args`.
fn native_bench(bin: &str, args: &[&str]) -> Result<(), String> {
    let root = setup::repo_root();
    let mut all = vec![
        "run",
        "--quiet",
        "--release",
        "-p",
        "hopscope_bench",
        "--bin",
        bin,
        "--",
    ];
    all.extend_from_slice(args);
    run::status("cargo", &all, &root, &[])
}

/// Opening a generated 100,000-row Etherscan CSV in the built app, in headless Chromium.
pub fn open() -> Result<(), String> {
    browser_bench(&["bench/open-csv.mjs", "100000"])
}

/// Investigation operations on a generated 100,000-transfer case in the built app, in
/// headless Chromium: expanding a hub with 5,000 new neighbours, re-running the trace.
pub fn investigate() -> Result<(), String> {
    browser_bench(&["bench/investigate.mjs", "100000"])
}

/// A big case in the built app, in headless Chromium: a generated 1,000,000-row Etherscan CSV
/// opened, autosaved and reloaded (`open-csv.mjs`), then added to a small case with a seed and
/// a 5,000-neighbour hub, expanded, traced and filtered (`investigate-csv.mjs`).
pub fn big() -> Result<(), String> {
    browser_bench(&["bench/open-csv.mjs", "1000000"])?;
    browser_bench(&["bench/investigate-csv.mjs", "1000000"])
}

/// The report of the shared Bybit case (14,416 transfers): made by the release CLI, printed
/// to PDF in headless Chromium (`e2e/bench/report.mjs`).
pub fn report() -> Result<(), String> {
    setup::ensure(setup::Needs::Test)?;
    let root = setup::repo_root();
    run::status("node", &["bench/report.mjs"], &root.join("e2e"), &[])
}

/// Frame time while panning 10k, 50k and 100k-node graphs (two edges per node), drawn with
/// WebGL2 and with the Canvas 2D fallback, in headless Chromium.
pub fn frames() -> Result<(), String> {
    browser_bench(&["bench/frames.mjs", "10000,50000,100000"])
}

/// Frame time while the timeline plays the seed case, the bridge-hack case (and their stories)
/// and a generated 20,000-transfer export, in headless Chromium.
pub fn playback() -> Result<(), String> {
    browser_bench(&["bench/playback.mjs"])
}

/// The long monkey: `ACTIONS` random actions (3,000) from each of `SEEDS` seeds (3), every
/// check after each; prints how many ran clean.
pub fn monkey(actions: Option<String>, seeds: Option<String>) -> Result<(), String> {
    let actions = actions.unwrap_or_else(|| "3000".to_owned());
    let seeds = seeds.unwrap_or_else(|| "3".to_owned());
    browser_bench(&["bench/monkey.mjs", &actions, &seeds])
}

/// Builds the app and runs a benchmark script of `e2e/bench` against it in headless Chromium.
fn browser_bench(args: &[&str]) -> Result<(), String> {
    setup::ensure(setup::Needs::Test)?;
    let root = setup::repo_root();
    run::status("trunk", &["build", "--release"], &root, &[])?;
    run::status("node", args, &root.join("e2e"), &[])
}

/// The layout engine against d3-force and graphology's ForceAtlas2, in one Node.js process:
/// installs the benchmark's npm packages from their lock file, builds the engine to wasm for
/// Node, and runs `bench/layout/run.mjs` (`--quick` skips the 100k-node graphs).
pub fn layout(quick: bool, stress_seeds: Option<String>) -> Result<(), String> {
    setup::ensure(setup::Needs::Serve)?;
    let root = setup::repo_root();
    let bench_dir = root.join("bench").join("layout");
    setup::ensure_npm_packages(&bench_dir)?;
    run::status(
        "cargo",
        &[
            "build",
            "--quiet",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "hopscope_layout_wasm",
        ],
        &root,
        &[],
    )?;
    let out = root.join("target").join("bench-layout");
    let wasm = root
        .join("target")
        .join("wasm32-unknown-unknown")
        .join("release")
        .join("hopscope_layout_wasm.wasm");
    let (out_s, wasm_s) = (out.display().to_string(), wasm.display().to_string());
    run::status(
        "wasm-bindgen",
        &["--target", "nodejs", "--out-dir", &out_s, &wasm_s],
        &root,
        &[],
    )?;
    let mut args = vec!["run.mjs", out_s.as_str()];
    if let Some(k) = &stress_seeds {
        args.push("--stress-seeds");
        args.push(k.as_str());
    }
    if quick {
        args.push("--quick");
    }
    run::status("node", &args, &bench_dir, &[])
}

/// Seconds from starting `trunk serve --release` (what `cargo xtask serve` runs after its
/// set-up check) until the served page names the app's wasm.
fn time_serve(root: &Path) -> Result<f64, String> {
    let started = Instant::now();
    let mut child = run::command("trunk", &["serve", "--release"], root, &[])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start trunk serve: {e}"))?;
    let deadline = started + Duration::from_secs(1800);
    while !page_answers() {
        if Instant::now() > deadline || child.try_wait().map(|s| s.is_some()).unwrap_or(true) {
            let _ = child.kill();
            return Err("trunk serve stopped or took over 30 minutes".into());
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let secs = started.elapsed().as_secs_f64();
    let _ = child.kill();
    let _ = child.wait();
    // Let the port close before the next run.
    while page_answers() {
        std::thread::sleep(Duration::from_millis(100));
    }
    println!("xtask bench: served after {secs:.1} s");
    Ok(secs)
}

fn page_answers() -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", 8080)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    if stream
        .write_all(b"GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut body = String::new();
    let _ = stream.read_to_string(&mut body);
    body.contains("hopscope-app")
}

/// Raw and gzip -9 size of the single `.wasm` in dist/.
fn wasm_size(dist: &Path) -> Result<(u64, u64), String> {
    let wasm = std::fs::read_dir(dist)
        .map_err(|e| format!("{}: {e}", dist.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "wasm"))
        .ok_or("no .wasm in dist/")?;
    let raw = std::fs::metadata(&wasm).map_err(|e| e.to_string())?.len();
    let gz = run::command("gzip", &["-9", "-c", &wasm.to_string_lossy()], dist, &[])
        .output()
        .map_err(|e| format!("gzip: {e}"))?;
    Ok((raw, gz.stdout.len() as u64))
}
