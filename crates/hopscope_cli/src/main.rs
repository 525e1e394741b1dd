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
//! - `hopscope trace FILE… --seed ADDR [--seed ADDR…] [--asset A] [--method haircut|fifo]
//!   [--no-conversions]` prints the trace from the seeds as one JSON document: the
//!   conversions the value went through, what each address received and holds per asset, and
//!   the cash-out rows (`export::trace_report`, the app's trace).
//!
//! - `hopscope report CASE -o report.html [--attach-case] [--hops-csv F] [--cashout-csv F]`
//!   writes the report that stands as evidence (`export::report`): the same bytes the app's
//!   Export → Report gives for that saved case; its hop and cash-out tables as CSV on request.
//!
//! `--chain C`, `--asset A` and `--decimals D` fill in what a file does not say. The arguments
//! are read by clap: `--help` for the tool and each command, `--version`. A file that cannot be
//! read gets a message naming the file, line, column and cause, and exit code 2; so does a
//! mistake in the arguments (a bad value in the words `--theme pink: expected light or dark`).

use std::process::ExitCode;

use anyhow::{anyhow, bail};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Parser, Subcommand, ValueEnum};
use hopscope_core::export::{self, SvgOptions, Theme};
use hopscope_core::format::batch::open_files;
use hopscope_core::format::{write_case_v1, write_cytoscape, write_gexf, write_graphml};
use hopscope_core::stats::CaseStats;
use hopscope_core::trace::Method;
use hopscope_core::{Case, Format, ImportOptions};

/// hopscope: follow stolen crypto through a transaction graph. The figures of a case, the case
/// in another format, its picture.
#[derive(Parser)]
#[command(
    name = "hopscope",
    version,
    arg_required_else_help = true,
    args_override_self = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print one line of JSON with the format(s) and size of the case the files make together.
    Stats {
        /// Files read and merged in order: cases, transfer tables, graph files, label lists.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
        #[command(flatten)]
        import: Import,
    },
    /// Merge the files and write them in another format.
    Convert {
        /// Files read and merged in order: cases, transfer tables, graph files, label lists.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
        /// The format to write.
        #[arg(long, value_enum, value_name = "FORMAT")]
        to: To,
        /// The file to write.
        #[arg(short, long, value_name = "OUT")]
        out: String,
        #[command(flatten)]
        import: Import,
    },
    /// Trace the stolen value from the seeds and print it as one JSON document.
    ///
    /// The conversions used (swaps, wraps, cross-chain swaps), what each address received and
    /// holds per asset and in the stolen asset's worth, and the cash-out rows. The case file's
    /// verdicts count where it has an investigation.
    Trace {
        /// Files read and merged in order: cases, transfer tables, graph files, label lists.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
        /// Where the stolen value starts (repeat for several addresses).
        #[arg(long = "seed", required = true, value_name = "ADDR")]
        seeds: Vec<String>,
        /// The stolen asset (else the one the seeds sent most often).
        #[arg(long = "trace-asset", visible_alias = "stolen", value_name = "A")]
        trace_asset: Option<String>,
        /// How what an address sends is split between stolen and clean.
        #[arg(long, value_enum, default_value = "haircut")]
        method: MethodName,
        /// Keep to the stolen asset: stop where it is swapped.
        #[arg(long)]
        no_conversions: bool,
        #[command(flatten)]
        import: Import,
    },
    /// Write the report of a saved case: one HTML file that prints to PDF.
    ///
    /// Summary, picture, every traced route hop by hop with its transactions, method and
    /// limits, labels and notes, and the case file's SHA-256. The same case file gives the
    /// same bytes, here and in the app.
    Report {
        /// The case file (a hopscope case, as the app saves it).
        #[arg(value_name = "CASE")]
        file: String,
        /// The report to write (HTML).
        #[arg(short, long, value_name = "OUT")]
        out: String,
        /// Put the case file inside the report, as a link the reader can save and open.
        #[arg(long)]
        attach_case: bool,
        /// Also write the hop tables as CSV to this file.
        #[arg(long, value_name = "F")]
        hops_csv: Option<String>,
        /// Also write the cash-out table as CSV to this file.
        #[arg(long, value_name = "F")]
        cashout_csv: Option<String>,
    },
    /// Draw a case as SVG, as a one-file HTML page, or list its transfers as CSV.
    ///
    /// The picture is the SVG the app exports: the case's saved view and positions (its trace
    /// re-run, notes and highlighted path drawn), or the whole case laid out deterministically.
    /// To OUT.html, the one-file snapshot with pan, zoom and tooltips; to OUT.csv, the transfers
    /// the picture shows.
    Render {
        /// The case file (several files are merged in order).
        #[arg(required = true, value_name = "CASE")]
        files: Vec<String>,
        /// The file to write: OUT.svg, OUT.html or OUT.csv, chosen by its extension.
        #[arg(short, long, value_name = "OUT")]
        out: String,
        /// Width of the picture in pixels, 200 to 20000.
        #[arg(long, value_name = "W", value_parser = pixels, default_value_t = SvgOptions::default().width)]
        width: u32,
        /// Height of the picture in pixels, 200 to 20000.
        #[arg(long, value_name = "H", value_parser = pixels, default_value_t = SvgOptions::default().height)]
        height: u32,
        /// Colours of the picture (light unless given).
        #[arg(long, value_enum)]
        theme: Option<ThemeName>,
        /// No background: the page stays transparent.
        #[arg(long)]
        transparent: bool,
        #[command(flatten)]
        import: Import,
    },
}

/// What a file may not say itself.
#[derive(clap::Args)]
struct Import {
    /// Chain of the addresses when a file does not name one (e.g. ethereum, bsc).
    #[arg(long, value_name = "C")]
    chain: Option<String>,
    /// Asset of graph-file edge weights when a file does not name one (e.g. ETH).
    #[arg(long, value_name = "A")]
    asset: Option<String>,
    /// Decimal places of graph-file edge weights given in base units (18 for wei).
    #[arg(long, value_name = "D", value_parser = whole_number)]
    decimals: Option<u32>,
}

impl Import {
    fn options(&self) -> ImportOptions {
        let defaults = ImportOptions::default();
        ImportOptions {
            chain: self.chain.clone(),
            asset: self.asset.clone(),
            decimals: self.decimals.unwrap_or(defaults.decimals),
            ..defaults
        }
    }
}

/// The formats `convert` writes.
#[derive(Clone, Copy, ValueEnum)]
enum To {
    Case,
    Graphml,
    Gexf,
    Cytoscape,
}

#[derive(Clone, Copy, ValueEnum)]
enum MethodName {
    Haircut,
    Fifo,
}

#[derive(Clone, Copy, ValueEnum)]
enum ThemeName {
    Light,
    Dark,
}

fn pixels(v: &str) -> Result<u32, String> {
    v.parse()
        .ok()
        .filter(|n| (200..=20_000).contains(n))
        .ok_or_else(|| "expected a number of pixels from 200 to 20000".to_owned())
}

fn whole_number(v: &str) -> Result<u32, String> {
    v.parse().map_err(|_| "expected a whole number".to_owned())
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return refused(&err),
    };
    let result = match &cli.command {
        Command::Stats { files, import } => stats(files, &import.options()),
        Command::Convert {
            files,
            to,
            out,
            import,
        } => convert(files, *to, out, &import.options()),
        Command::Trace {
            files,
            seeds,
            trace_asset,
            method,
            no_conversions,
            import,
        } => trace(
            files,
            &export::TraceRequest {
                seeds,
                asset: trace_asset.as_deref().or(import.asset.as_deref()),
                method: match method {
                    MethodName::Haircut => Method::Haircut,
                    MethodName::Fifo => Method::Fifo,
                },
                conversions: !no_conversions,
            },
            &import.options(),
        ),
        Command::Report {
            file,
            out,
            attach_case,
            hops_csv,
            cashout_csv,
        } => report(
            file,
            out,
            *attach_case,
            hops_csv.as_deref(),
            cashout_csv.as_deref(),
        ),
        Command::Render {
            files,
            out,
            width,
            height,
            theme,
            transparent,
            import,
        } => {
            let svg = SvgOptions {
                width: *width,
                height: *height,
                theme: match theme {
                    None => SvgOptions::default().theme,
                    Some(ThemeName::Light) => Theme::Light,
                    Some(ThemeName::Dark) => Theme::Dark,
                },
                background: !transparent,
            };
            render(files, out, &svg, &import.options())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("hopscope: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Help and the version go to stdout (code 0); a mistake in the arguments to stderr (code 2):
/// a bad value as `hopscope: --to pdf: expected case, graphml, gexf or cytoscape`, anything
/// else (an unknown option or command, a missing argument) as clap words it, with the usage.
fn refused(err: &clap::Error) -> ExitCode {
    if let Some(message) = bad_value(err) {
        eprintln!("hopscope: {message}");
        return ExitCode::from(2);
    }
    let _ = err.print();
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}

/// `--flag value: cause` for a value clap refused, naming the values allowed.
fn bad_value(err: &clap::Error) -> Option<String> {
    let text = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.as_str()),
        _ => None,
    };
    // The argument as clap names it, `--theme <THEME>`: its flag.
    let flag = text(ContextKind::InvalidArg)?.split(' ').next()?;
    // No value at all: clap's `a value is required for '--to <FORMAT>'` says it better.
    let value = text(ContextKind::InvalidValue).filter(|v| !v.is_empty())?;
    let cause = match (err.kind(), err.get(ContextKind::ValidValue)) {
        (ErrorKind::InvalidValue, Some(ContextValue::Strings(allowed))) => {
            let (last, first) = allowed.split_last()?;
            if first.is_empty() {
                format!("expected {last}")
            } else {
                format!("expected {} or {last}", first.join(", "))
            }
        }
        (ErrorKind::ValueValidation, _) => std::error::Error::source(err)?.to_string(),
        _ => return None,
    };
    Some(format!("{flag} {value}: {cause}"))
}

/// Draws the case the files make (its saved view and positions, or laid out) as SVG, as the
/// HTML snapshot, or lists its visible transfers as CSV, by the output's extension.
fn render(
    files: &[String],
    out: &str,
    svg_options: &SvgOptions,
    options: &ImportOptions,
) -> anyhow::Result<()> {
    let (case, _) = read_all(files, options)?;
    let lower = out.to_ascii_lowercase();
    let text = if lower.ends_with(".csv") {
        let (view, scene) = export::opened(&case);
        export::transfers_csv(&case, &view, &scene)
    } else {
        let svg = export::render_case(&case, svg_options);
        if lower.ends_with(".html") || lower.ends_with(".htm") {
            export::html_snapshot(&svg, &case.title)
        } else {
            svg
        }
    };
    std::fs::write(out, text).map_err(|e| anyhow!("{out}: cannot write: {e}"))?;
    Ok(())
}

/// Writes the report of the case file `file` (and its tables where asked).
fn report(
    file: &str,
    out: &str,
    attach_case: bool,
    hops_csv: Option<&str>,
    cashout_csv: Option<&str>,
) -> anyhow::Result<()> {
    let text = read_text(file)?;
    let report = export::report(&text, &export::ReportOptions { attach_case })
        .map_err(|e| anyhow!("{file}: {}", terminal_safe(&e)))?;
    for warning in &report.warnings {
        eprintln!("hopscope: {file}: warning: {}", terminal_safe(warning));
    }
    let write = |path: &str, text: &str| {
        std::fs::write(path, text).map_err(|e| anyhow!("{path}: cannot write: {e}"))
    };
    write(out, &report.html)?;
    if let Some(path) = hops_csv {
        write(path, &report.hops_csv)?;
    }
    if let Some(path) = cashout_csv {
        write(path, &report.cashout_csv)?;
    }
    Ok(())
}

/// Reads every file and merges them in order, as the app does (label lists label the case);
/// warnings go to stderr. Any file that cannot be read is an error.
fn read_all(files: &[String], options: &ImportOptions) -> anyhow::Result<(Case, Vec<Format>)> {
    let mut texts = Vec::with_capacity(files.len());
    for file in files {
        texts.push((file.clone(), read_text(file)?));
    }
    let batch = open_files(None, &texts, options);
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

fn stats(files: &[String], options: &ImportOptions) -> anyhow::Result<()> {
    let (case, formats) = read_all(files, options)?;
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

fn trace(
    files: &[String],
    request: &export::TraceRequest,
    options: &ImportOptions,
) -> anyhow::Result<()> {
    let (case, _) = read_all(files, options)?;
    let report = export::trace_report(&case, request).map_err(|e| anyhow!(e))?;
    println!("{}", serde_json::to_string_pretty(&report)?);
    Ok(())
}

fn convert(files: &[String], to: To, out: &str, options: &ImportOptions) -> anyhow::Result<()> {
    let (case, _) = read_all(files, options)?;
    let text = match to {
        To::Case => write_case_v1(&case),
        To::Graphml => write_graphml(&case),
        To::Gexf => write_gexf(&case),
        To::Cytoscape => write_cytoscape(&case),
    };
    std::fs::write(out, text).map_err(|e| anyhow!("{out}: cannot write: {e}"))?;
    Ok(())
}
