//! Running commands: with the project's tool directories on PATH, either inheriting the
//! terminal or teeing output while keeping the lines that summarise a test run.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use crate::setup;

/// A command with PATH set so cargo-installed and npm-installed tools are found.
pub fn command(program: &str, args: &[&str], dir: &Path, envs: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .current_dir(dir)
        .env("PATH", setup::tool_path());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd
}

/// Runs a command attached to the terminal; Err if it cannot start or fails.
pub fn status(
    program: &str,
    args: &[&str],
    dir: &Path,
    envs: &[(&str, &str)],
) -> Result<(), String> {
    let shown = format!("{program} {}", args.join(" "));
    let status = command(program, args, dir, envs)
        .status()
        .map_err(|e| format!("cannot run `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Runs a command and returns its stdout, or None if it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = command(program, args, &setup::repo_root(), &[])
        .output()
        .ok()?;
    out.status.success().then(|| {
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    })
}

/// Runs a command, copying its output through, and returns (success, summary lines): the
/// closing lines of cargo test, wasm-bindgen-test and node's test runner.
pub fn tee(program: &str, args: &[&str], dir: &Path, envs: &[(&str, &str)]) -> (bool, Vec<String>) {
    tee_keeping(program, args, dir, envs, is_summary)
}

/// Like `tee`, keeping the lines `keep` picks.
pub fn tee_keeping(
    program: &str,
    args: &[&str],
    dir: &Path,
    envs: &[(&str, &str)],
    keep: fn(&str) -> bool,
) -> (bool, Vec<String>) {
    let shown = format!("{program} {}", args.join(" "));
    let mut child = match command(program, args, dir, envs)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => return (false, vec![format!("cannot run `{shown}`: {e}")]),
    };
    let summary = Arc::new(Mutex::new(Vec::new()));
    let mut readers = Vec::new();
    let streams: Vec<Box<dyn std::io::Read + Send>> = vec![
        Box::new(child.stdout.take().expect("piped stdout")),
        Box::new(child.stderr.take().expect("piped stderr")),
    ];
    for (k, stream) in streams.into_iter().enumerate() {
        let summary = Arc::clone(&summary);
        readers.push(std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if k == 0 {
                    println!("{line}");
                } else {
                    eprintln!("{line}");
                }
                if keep(&line) {
                    summary
                        .lock()
                        .expect("summary lock")
                        .push(line.trim().to_owned());
                }
            }
        }));
    }
    for r in readers {
        let _ = r.join();
    }
    let _ = std::io::stdout().flush();
    let ok = child.wait().map(|s| s.success()).unwrap_or(false);
    let lines = summary.lock().map(|v| v.clone()).unwrap_or_default();
    (ok, lines)
}

fn is_summary(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("test result:")
        || ["# tests ", "# pass ", "# fail "]
            .iter()
            .any(|p| t.starts_with(p))
}
