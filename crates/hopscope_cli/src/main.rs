//! `hopscope`, the command-line tool. `hopscope stats FILE` prints one line of JSON with the
//! case's format and size; a file that cannot be read gets a message naming the file, line,
//! column and cause, and exit code 2.

use std::process::ExitCode;

use hopscope_core::stats::CaseStats;

const USAGE: &str = "usage: hopscope stats FILE";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [cmd, file] if cmd == "stats" => match stats(file) {
            Ok(line) => {
                println!("{line}");
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("hopscope: {err:#}");
                ExitCode::from(2)
            }
        },
        [flag] if flag == "--help" || flag == "-h" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn stats(file: &str) -> anyhow::Result<String> {
    let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("{file}: cannot read: {e}"))?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
        let (line, column) = hopscope_core::format::locate(&valid, valid.len());
        anyhow::anyhow!("{file}: line {line}, column {column}: the file is not UTF-8 text")
    })?;
    let imported = hopscope_core::parse_case(text).map_err(|e| anyhow::anyhow!("{file}: {e}"))?;
    for warning in &imported.warnings {
        eprintln!("hopscope: {file}: warning: {warning}");
    }
    Ok(CaseStats::of(&imported.value, imported.format).to_json_line())
}
