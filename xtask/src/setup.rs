//! Installing what is missing, from the package registries only (crates.io, npm, Debian):
//! the wasm32 target, Trunk (pinned: newer Trunk needs a newer rustc), wasm-bindgen-cli at
//! exactly the version Cargo.lock resolves, binaryen's wasm-opt from npm, and for tests
//! Debian's chromium + chromium-driver and the e2e npm packages from their lock file.
//! Every step checks first and skips what is already there at the right version.

use std::path::{Path, PathBuf};

use crate::run;

/// Trunk 0.22 needs rustc ≥ 1.96.1; 0.21.14 builds on the rustc these machines have.
const TRUNK_VERSION: &str = "0.21.14";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    Serve,
    Test,
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Where npm puts binaryen's wasm-opt.
fn wasm_opt_dir() -> PathBuf {
    repo_root().join("xtask").join("wasm-opt")
}

/// PATH with the tool directories first: npm's wasm-opt, then cargo's bin directory.
pub fn tool_path() -> String {
    let cargo_home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo")
        });
    let mut dirs = vec![
        wasm_opt_dir().join("node_modules").join(".bin"),
        cargo_home.join("bin"),
    ];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub fn ensure(needs: Needs) -> Result<(), String> {
    let mut apt = Apt::default();
    ensure_node(&mut apt)?;
    ensure_rust_components()?;
    ensure_wasm_target()?;
    ensure_cargo_tool("trunk", "trunk", TRUNK_VERSION)?;
    ensure_cargo_tool("wasm-bindgen", "wasm-bindgen-cli", &wasm_bindgen_version()?)?;
    ensure_npm_packages(&wasm_opt_dir())?;
    if needs == Needs::Test {
        // Browser and driver come from one Debian source package and must match: install
        // (or upgrade) both together whenever either is missing.
        if !Path::new("/usr/bin/chromium").exists() || !Path::new("/usr/bin/chromedriver").exists()
        {
            apt.install(&["chromium", "chromium-driver"])?;
        }
        ensure_npm_packages(&repo_root().join("e2e"))?;
    }
    Ok(())
}

/// The `wasm-bindgen` version that Cargo.lock resolves; the CLI must match it exactly.
pub fn wasm_bindgen_version() -> Result<String, String> {
    let lock_path = repo_root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path)
        .map_err(|e| format!("{}: cannot read: {e}", lock_path.display()))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(version.trim_matches('"').to_owned());
            }
        }
    }
    Err(format!(
        "{}: no wasm-bindgen package in the lock file",
        lock_path.display()
    ))
}

/// rustfmt and clippy, which a minimal rustup profile leaves out.
fn ensure_rust_components() -> Result<(), String> {
    let installed =
        run::output("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    let missing: Vec<&str> = ["rustfmt", "clippy"]
        .into_iter()
        .filter(|c| !installed.lines().any(|l| l.starts_with(c)))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    step(&format!("adding rustup components {}", missing.join(", ")));
    let args: Vec<&str> = ["component", "add"].into_iter().chain(missing).collect();
    run::status("rustup", &args, &repo_root(), &[])
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = run::output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    step("adding the wasm32-unknown-unknown target");
    run::status(
        "rustup",
        &["target", "add", "wasm32-unknown-unknown"],
        &repo_root(),
        &[],
    )
}

/// Installs a cargo binary at an exact version unless `binary --version` already reports it.
fn ensure_cargo_tool(binary: &str, krate: &str, version: &str) -> Result<(), String> {
    let reported = run::output(binary, &["--version"]).unwrap_or_default();
    if reported.split_whitespace().any(|word| word == version) {
        return Ok(());
    }
    step(&format!(
        "installing {krate} {version} with cargo (takes minutes on a fresh machine)"
    ));
    let root = repo_root();
    let args = [
        "install",
        krate,
        "--version",
        version,
        "--locked",
        "--force",
    ];
    let (ok, unresolved) = run::tee_keeping("cargo", &args, &root, &[], |line| {
        line.contains("failed to select a version")
    });
    if ok {
        return Ok(());
    }
    // A crate's own lock file can name a dependency version the registry has since yanked
    // (wasm-bindgen-cli 0.2.130 → webpki-roots 1.0.11); only then resolve afresh.
    if unresolved.is_empty() {
        return Err(format!("`cargo {}` failed", args.join(" ")));
    }
    step(&format!(
        "{krate}'s lock file names a dependency the registry no longer has; retrying without --locked"
    ));
    run::status(
        "cargo",
        &["install", krate, "--version", version, "--force"],
        &root,
        &[],
    )
}

/// `npm ci` from the committed lock file, skipped when node_modules already matches it.
pub fn ensure_npm_packages(dir: &Path) -> Result<(), String> {
    let lock = dir.join("package-lock.json");
    let stamp = dir.join("node_modules").join(".hopscope-installed-lock");
    let lock_text =
        std::fs::read(&lock).map_err(|e| format!("{}: cannot read: {e}", lock.display()))?;
    if std::fs::read(&stamp).is_ok_and(|s| s == lock_text) {
        return Ok(());
    }
    step(&format!("installing npm packages in {}", dir.display()));
    run::status("npm", &["ci", "--no-audit", "--no-fund"], dir, &[])?;
    std::fs::write(&stamp, lock_text).map_err(|e| format!("{}: {e}", stamp.display()))
}

/// playwright-core 1.64 needs Node 20 or later.
const MIN_NODE_MAJOR: u32 = 20;

fn ensure_node(apt: &mut Apt) -> Result<(), String> {
    if run::output("node", &["--version"]).is_none() || run::output("npm", &["--version"]).is_none()
    {
        apt.install(&["nodejs", "npm"])?;
    }
    let version = run::output("node", &["--version"]).unwrap_or_default();
    let major = version
        .trim()
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse::<u32>().ok());
    match major {
        Some(m) if m >= MIN_NODE_MAJOR => Ok(()),
        _ => Err(format!(
            "Node.js {MIN_NODE_MAJOR} or later is needed for the browser tests, found {}; install a newer nodejs package",
            if version.trim().is_empty() { "none" } else { version.trim() }
        )),
    }
}

/// Debian packages, with `apt-get update` run once before the first install.
#[derive(Default)]
struct Apt {
    updated: bool,
}

impl Apt {
    fn install(&mut self, packages: &[&str]) -> Result<(), String> {
        let root = repo_root();
        let is_root = run::output("id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
        let (program, prefix): (&str, &[&str]) = if is_root {
            ("apt-get", &[])
        } else {
            ("sudo", &["apt-get"])
        };
        let env = [("DEBIAN_FRONTEND", "noninteractive")];
        if !self.updated {
            step("apt-get update");
            let args: Vec<&str> = prefix.iter().copied().chain(["update"]).collect();
            run::status(program, &args, &root, &env)?;
            self.updated = true;
        }
        step(&format!(
            "installing the Debian packages {}",
            packages.join(" ")
        ));
        let args: Vec<&str> = prefix
            .iter()
            .copied()
            .chain(["install", "-y", "--no-install-recommends"])
            .chain(packages.iter().copied())
            .collect();
        run::status(program, &args, &root, &env)
    }
}

fn step(what: &str) {
    println!("xtask setup: {what}");
}
