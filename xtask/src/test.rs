//! `cargo xtask test`: every check in order (fast ones first), going on after a failure so one
//! run shows everything that is wrong, then a summary of each step and of the test runners.

use std::time::Instant;

use crate::{run, setup};

struct Step {
    name: &'static str,
    program: &'static str,
    args: &'static [&'static str],
    /// Sub-directory to run in, relative to the repository root.
    dir: &'static str,
    envs: &'static [(&'static str, &'static str)],
}

const STEPS: &[Step] = &[
    Step {
        name: "cargo fmt --check",
        program: "cargo",
        args: &["fmt", "--all", "--", "--check"],
        dir: "",
        envs: &[],
    },
    Step {
        name: "clippy (native)",
        program: "cargo",
        args: &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        dir: "",
        envs: &[],
    },
    Step {
        name: "clippy (wasm32)",
        program: "cargo",
        args: &[
            "clippy",
            "-p",
            "hopscope-app",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        dir: "",
        envs: &[],
    },
    // The core's own wasm32 build; its tests use proptest, which does not build for wasm32.
    Step {
        name: "clippy (wasm32, core library)",
        program: "cargo",
        args: &[
            "clippy",
            "-p",
            "hopscope_core",
            "--target",
            "wasm32-unknown-unknown",
            "--lib",
            "--",
            "-D",
            "warnings",
        ],
        dir: "",
        envs: &[],
    },
    Step {
        name: "native tests",
        program: "cargo",
        args: &[
            "test",
            "-p",
            "hopscope_layout",
            "-p",
            "hopscope_core",
            "-p",
            "hopscope_cli",
            "-p",
            "hopscope-app",
            "-p",
            "xtask",
        ],
        dir: "",
        envs: &[],
    },
    Step {
        name: "wasm tests (headless Chromium)",
        program: "cargo",
        args: &[
            "test",
            "-p",
            "hopscope-app",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "browser",
        ],
        dir: "",
        envs: &[
            ("CHROMEDRIVER", "/usr/bin/chromedriver"),
            ("WASM_BINDGEN_TEST_TIMEOUT", "180"),
        ],
    },
    Step {
        name: "trunk build --release",
        program: "trunk",
        args: &["build", "--release"],
        dir: "",
        envs: &[],
    },
    Step {
        name: "Playwright journeys",
        program: "npm",
        args: &["test"],
        dir: "e2e",
        envs: &[],
    },
];

pub fn run_all() -> Result<(), String> {
    setup::ensure(setup::Needs::Test)?;
    let root = setup::repo_root();
    let mut results = Vec::new();
    let mut summaries = Vec::new();
    let mut built = true;
    println!("\n==> layers (the core imports one way)");
    let started = Instant::now();
    let layered = crate::layers::check(&root);
    if let Err(e) = &layered {
        eprintln!("layers: {e}");
    }
    results.push((
        "layers (core imports one way)",
        layered.is_ok(),
        started.elapsed().as_secs_f64(),
        "",
    ));
    for step in STEPS {
        println!("\n==> {}", step.name);
        if step.dir == "e2e" && !built {
            results.push((step.name, false, 0.0, "skipped: the app did not build"));
            continue;
        }
        let started = Instant::now();
        let (ok, lines) = run::tee(step.program, step.args, &root.join(step.dir), step.envs);
        if step.program == "trunk" {
            built = ok;
        }
        summaries.extend(lines.into_iter().map(|l| format!("{}: {l}", step.name)));
        results.push((step.name, ok, started.elapsed().as_secs_f64(), ""));
    }

    println!("\n==> summary");
    for (name, ok, secs, note) in &results {
        println!(
            "{:<34} {:<4} {secs:>6.1} s {note}",
            name,
            if *ok { "ok" } else { "FAIL" }
        );
    }
    for line in &summaries {
        println!("{line}");
    }
    let n_failed = results.iter().filter(|r| !r.1).count();
    println!(
        "xtask: {} passed, {} failed",
        results.len() - n_failed,
        n_failed
    );
    if n_failed == 0 {
        Ok(())
    } else {
        Err(format!("{n_failed} step(s) failed"))
    }
}
