//! The report that stands as evidence (`hopscope report`, the app's Export → Report): one
//! self-contained HTML file made from a case file's text alone — summary, picture, hop tables,
//! method and limits, labels and notes, integrity (the file's SHA-256) — and its tables as CSV.
//! The app hands this the text it would save, the CLI the file it reads, so a saved case
//! gives the same bytes in both. Parts: `findings.rs` (what it says), `lines.rs` (the rows),
//! `html.rs` and `style.rs` (the page), `tables.rs` (the CSV).

mod findings;
mod html;
mod lines;
mod style;
mod tables;

use base64::Engine as _;
use sha2::{Digest, Sha256};

pub use findings::{Findings, MAX_PAIR_TRANSFERS, MAX_ROUTES};
pub use html::css_string;
pub use lines::explorer;

use super::{render_case, SvgOptions};
use crate::format::{import, Format, ImportOptions};
use crate::Case;

/// The picture's size in the report (pixels of the SVG, scaled to the page's width).
pub const PICTURE_WIDTH: u32 = 1100;
pub const PICTURE_HEIGHT: u32 = 1300;

/// What the report carries beyond what every report has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// The case file inside the report, as a link the reader can save and open.
    pub attach_case: bool,
}

/// What a report is made of: the HTML page and the two tables as CSV, and what reading the
/// case file and restoring its investigation warned of (also in the page).
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub html: String,
    pub hops_csv: String,
    pub cashout_csv: String,
    pub warnings: Vec<String>,
}

/// The case a report is made from: `text` read as a case file. Anything else is refused (a
/// report states the digest of the case file it rests on).
fn read(text: &str) -> Result<(Case, Vec<String>), String> {
    if Format::detect(text) != Some(Format::CaseV1) {
        return Err("a report is made from a hopscope case file (save the case first, or `hopscope convert … --to case`)".to_owned());
    }
    import(text, &ImportOptions::default())
        .map(|i| {
            (
                i.value,
                i.warnings.iter().map(ToString::to_string).collect(),
            )
        })
        .map_err(|e| e.to_string())
}

/// The report's two tables alone, as CSV (hops, cash-out): what `report` gives, without the
/// page and its picture.
pub fn tables(text: &str) -> Result<(String, String), String> {
    let (case, warnings) = read(text)?;
    let findings = Findings::of(&case, warnings);
    Ok((tables::hops_csv(&findings), tables::cashout_csv(&findings)))
}

/// The report of the case file `text`.
pub fn report(text: &str, options: &ReportOptions) -> Result<Report, String> {
    let (case, warnings) = read(text)?;
    let findings = Findings::of(&case, warnings);
    let svg = render_case(
        &case,
        &SvgOptions {
            // Portrait, to fill a printed page.
            width: PICTURE_WIDTH,
            height: PICTURE_HEIGHT,
            background: false,
            ..SvgOptions::default()
        },
    );
    let sha256 = crate::model::hex(&Sha256::digest(text.as_bytes()));
    let attachment = options.attach_case.then(|| {
        (
            format!("{}.hopscope.json", super::file_stem(&case.title)),
            format!(
                "data:application/json;base64,{}",
                base64::engine::general_purpose::STANDARD.encode(text.as_bytes())
            ),
        )
    });
    let integrity = html::Integrity {
        sha256: &sha256,
        bytes: text.len(),
        attachment: attachment.as_ref().map(|(n, h)| (n.as_str(), h.clone())),
    };
    Ok(Report {
        html: html::page(&findings, &svg, &integrity),
        hops_csv: tables::hops_csv(&findings),
        cashout_csv: tables::cashout_csv(&findings),
        warnings: findings.warnings.clone(),
    })
}
