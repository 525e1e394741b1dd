//! `cargo xtask`: the project's two set-up commands, in Rust so they need nothing but cargo.
//!
//! - `cargo xtask serve`: install what is missing, build, and serve the app on
//!   http://127.0.0.1:8080 with the bundled demo case open.
//! - `cargo xtask test`: install what is missing, then run every check and test (fmt, clippy
//!   native and wasm32, native tests, wasm tests in headless Chromium, Playwright journeys).
//!
//! Both are idempotent: each tool is checked at its pinned version and installed only if absent.

mod bench;
mod layers;
mod panels;
mod run;
mod setup;
mod test;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <serve|test|setup|bench>
  serve   install what is missing, build, serve on http://127.0.0.1:8080
  test    install what is missing, run every check and test
  setup   install what is missing for both, and nothing else
  layers  print the core's import graph by layer; fails on an upward import or a circle
  bench build    measure build times and .wasm size (for BENCHMARKS.md)
  bench import   measure native import of a generated 1M-row Etherscan CSV
  bench undo     memory per undo step on generated 10k and 100k-address views (native)
  bench convert  find the conversions of a generated 1M-transfer case, and trace across them (native)
  bench open     measure opening a 100k-row CSV in headless Chromium (builds the app first)
  bench layout   layout engine vs d3-force and ForceAtlas2 in Node.js (--quick: up to 10k nodes;
                 --stress-seeds K: only stress, on K Barabási–Albert 1k graphs)
  bench investigate  expand a 5k-neighbour hub and re-run a trace over 100k transfers in Chromium
  bench big          a 1M-row CSV in Chromium: opened, autosaved, reloaded; then a hub expanded,
                     a trace re-run and a filter changed over it (about 10 minutes)
  bench report       the report of the shared Bybit case (14,416 transfers): made, and printed to PDF in Chromium
  bench frames   frame time while panning 10k/50k/100k-node graphs, WebGL2 and Canvas 2D, in Chromium
  bench playback frame time while the timeline and the stories play, in Chromium
  bench monkey [ACTIONS] [SEEDS]  random UI actions (3000 from each of 3 seeds), checked after
                 each one; prints how many ran clean";

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "serve" => serve(),
        "test" => test::run_all(),
        "setup" => setup::ensure(setup::Needs::Test),
        "layers" => layers::check(&setup::repo_root()),
        "bench" => match std::env::args().nth(2).as_deref() {
            Some("build") => bench::run_all(),
            Some("import") => bench::import(),
            Some("undo") => bench::undo(),
            Some("convert") => bench::convert(),
            Some("open") => bench::open(),
            Some("layout") => {
                let args: Vec<String> = std::env::args().collect();
                let seeds = args
                    .iter()
                    .position(|a| a == "--stress-seeds")
                    .map(|i| args.get(i + 1).cloned().unwrap_or_else(|| "10".to_owned()));
                bench::layout(args.iter().any(|a| a == "--quick"), seeds)
            }
            Some("investigate") => bench::investigate(),
            Some("report") => bench::report(),
            Some("big") => bench::big(),
            Some("frames") => bench::frames(),
            Some("playback") => bench::playback(),
            Some("monkey") => bench::monkey(std::env::args().nth(3), std::env::args().nth(4)),
            _ => Err(format!(
                "which benchmark? build, import, undo, convert, open, layout, investigate, big, report, frames, playback or monkey\n{USAGE}"
            )),
        },
        "--help" | "-h" | "help" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: {err}");
            ExitCode::FAILURE
        }
    }
}

fn serve() -> Result<(), String> {
    setup::ensure(setup::Needs::Serve)?;
    println!("xtask: serving on http://127.0.0.1:8080 (Ctrl-C stops)");
    run::status("trunk", &["serve", "--release"], &setup::repo_root(), &[])
}
