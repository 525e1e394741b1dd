//! `hopscope`, the command-line tool over the core:
//!
//! - `hopscope stats FILE…` prints one line of JSON with the format(s) and size of the case the
//!   files make together;
//! - `hopscope convert FILE… --to case|graphml|gexf|cytoscape -o OUT` merges the files and
//!   writes them in another format;
//! - `hopscope render CASE -o OUT.svg|OUT.html|OUT.csv [--width W --height H]
//!   [--theme light|dark] [--transparent]` draws a case (its saved view and positions, or laid
//!   out deterministically) as the SVG the app exports; to `.html`, the one-file snapshot with
//!   pan, zoom and tooltips; to `.csv`, the transfers the picture shows.
//!
//! `--chain C`, `--asset A` and `--decimals D` fill in what a file does not say. A file that
//! cannot be read gets a message naming the file, line, column and cause, and exit code 2.

use std::process::ExitCode;

use anyhow::{anyhow, bail, Context};
use hopscope_core::export;
use hopscope_core::format::batch::open_files;
use hopscope_core::format::{write_case_v1, write_cytoscape, write_gexf, write_graphml};
use hopscope_core::stats::CaseStats;
use hopscope_core::{Case, Format, ImportOptions};

const USAGE: &str = "usage:
  hopscope stats FILE... [--chain C] [--asset A] [--decimals D]
  hopscope convert FILE... --to case|graphml|gexf|cytoscape -o OUT [--chain C] [--asset A] [--decimals D]
  hopscope render CASE -o OUT.svg|OUT.html|OUT.csv [--width W] [--height H] [--theme light|dark] [--transparent]";

/// Parsed command line.
#[derive(Default)]
struct Args {
    command: String,
    files: Vec<String>,
    to: Option<String>,
    out: Option<String>,
    options: ImportOptions,
    svg: hopscope_core::export::SvgOptions,
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    if raw.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let result = parse_args(&raw).and_then(|args| match args.command.as_str() {
        "stats" => stats(&args),
        "convert" => convert(&args),
        "render" => render(&args),
        _ => Err(anyhow!("{USAGE}")),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("hopscope: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn parse_args(raw: &[String]) -> anyhow::Result<Args> {
    let mut args = Args::default();
    let mut it = raw.iter();
    args.command = it.next().cloned().ok_or_else(|| anyhow!("{USAGE}"))?;
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| anyhow!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--to" => args.to = Some(value()?),
            "-o" | "--out" => args.out = Some(value()?),
            "--chain" => args.options.chain = Some(value()?),
            "--asset" => args.options.asset = Some(value()?),
            "--width" | "--height" => {
                let v = value()?;
                let n: u32 = v
                    .parse()
                    .ok()
                    .filter(|n| (200..=20_000).contains(n))
                    .ok_or_else(|| {
                        anyhow!("{arg} {v}: expected a number of pixels from 200 to 20000")
                    })?;
                if arg == "--width" {
                    args.svg.width = n;
                } else {
                    args.svg.height = n;
                }
            }
            "--theme" => {
                args.svg.theme = match value()?.as_str() {
                    "light" => hopscope_core::export::Theme::Light,
                    "dark" => hopscope_core::export::Theme::Dark,
                    other => bail!("--theme {other}: expected light or dark"),
                }
            }
            "--transparent" => args.svg.background = false,
            "--decimals" => {
                let v = value()?;
                args.options.decimals = v
                    .parse()
                    .with_context(|| format!("--decimals {v} is not a whole number"))?;
            }
            flag if flag.starts_with('-') => bail!("unknown option {flag}\n{USAGE}"),
            file => args.files.push(file.to_owned()),
        }
    }
    if args.files.is_empty() {
        bail!("no input file\n{USAGE}");
    }
    Ok(args)
}

/// Draws the case the files make (its saved view and positions, or laid out) as SVG, as the
/// HTML snapshot, or lists its visible transfers as CSV, by the output's extension.
fn render(args: &Args) -> anyhow::Result<()> {
    let out = args
        .out
        .as_ref()
        .ok_or_else(|| anyhow!("render needs -o OUT.svg\n{USAGE}"))?;
    let (case, _) = read_all(args)?;
    let lower = out.to_ascii_lowercase();
    let text = if lower.ends_with(".csv") {
        let (view, scene) = export::opened(&case);
        export::transfers_csv(&case, &view, &scene)
    } else {
        let svg = export::render_case(&case, &args.svg);
        if lower.ends_with(".html") || lower.ends_with(".htm") {
            export::html_snapshot(&svg, &case.title)
        } else {
            svg
        }
    };
    std::fs::write(out, text).map_err(|e| anyhow!("{out}: cannot write: {e}"))?;
    Ok(())
}

/// Reads every file and merges them in order, as the app does (label lists label the case);
/// warnings go to stderr. Any file that cannot be read is an error.
fn read_all(args: &Args) -> anyhow::Result<(Case, Vec<Format>)> {
    let mut texts = Vec::with_capacity(args.files.len());
    for file in &args.files {
        texts.push((file.clone(), read_text(file)?));
    }
    let batch = open_files(None, &texts, &args.options);
    let mut formats = Vec::new();
    for report in &batch.reports {
        if let Some(error) = &report.error {
            bail!("{}: {}", report.name, terminal_safe(error));
        }
        for warning in &report.warnings {
            eprintln!(
                "hopscope: {}: warning: {}",
                report.name,
                terminal_safe(&warning.to_string())
            );
        }
        if report.duplicate_transfers > 0 {
            eprintln!(
                "hopscope: {}: {} transfers were already in the earlier files; kept once",
                report.name, report.duplicate_transfers
            );
        }
        if let Some(format) = report.format.filter(|f| !formats.contains(f)) {
            formats.push(format);
        }
    }
    let case = batch.case.ok_or_else(|| anyhow!("no case could be read"))?;
    Ok((case, formats))
}

/// Text from a file as it may be printed to a terminal: control characters (which could move
/// the cursor or recolour the screen) become U+FFFD.
fn terminal_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

fn read_text(file: &str) -> anyhow::Result<String> {
    let bytes = std::fs::read(file).map_err(|e| anyhow!("{file}: cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = String::from_utf8_lossy(&bytes[..e.utf8_error().valid_up_to()]);
        let (line, column) = hopscope_core::format::locate(&valid, valid.len());
        anyhow!("{file}: line {line}, column {column}: the file is not UTF-8 text")
    })
}

fn stats(args: &Args) -> anyhow::Result<()> {
    let (case, formats) = read_all(args)?;
    let mut stats = CaseStats::of(&case, formats[0]);
    let names: Vec<&str> = formats.iter().map(|f| f.name()).collect();
    let line = if names.len() == 1 {
        stats.to_json_line()
    } else {
        // Several formats: "format" lists them all.
        stats.format = "merged";
        let mut v: serde_json::Value = serde_json::from_str(&stats.to_json_line())?;
        v["format"] = serde_json::json!(names);
        v.to_string()
    };
    println!("{line}");
    Ok(())
}

fn convert(args: &Args) -> anyhow::Result<()> {
    let to = args
        .to
        .as_deref()
        .ok_or_else(|| anyhow!("convert needs --to case|graphml|gexf|cytoscape"))?;
    let out = args
        .out
        .as_deref()
        .ok_or_else(|| anyhow!("convert needs -o OUT"))?;
    let (case, _) = read_all(args)?;
    let text = match to {
        "case" => write_case_v1(&case),
        "graphml" => write_graphml(&case),
        "gexf" => write_gexf(&case),
        "cytoscape" => write_cytoscape(&case),
        other => bail!("--to {other}: expected case, graphml, gexf or cytoscape"),
    };
    std::fs::write(out, text).map_err(|e| anyhow!("{out}: cannot write: {e}"))?;
    Ok(())
}
