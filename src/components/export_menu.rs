//! "Export": the picture for a report as SVG (the core's `export::svg` with the stage's
//! marks — trace fill, highlighted path, notes —, the same bytes `hopscope render` writes for
//! the saved case), as PNG at 1×, 2× or 4× with the theme's
//! background or a transparent one, as a one-file HTML snapshot with pan, zoom and tooltips,
//! and the visible transfers as CSV; and the report that stands as evidence (`export::report`
//! of the case file Save would write, so the same bytes `hopscope report` makes of it), with
//! its hop and cash-out tables as CSV.

use hopscope_core::export::{self, SvgOptions};
use leptos::prelude::*;

use super::banner::Messages;
use super::case_store::file_stem;
use super::open_case::CaseStore;
use super::theme::ThemeStore;
use crate::platform::{picture, storage};

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Svg,
    Png,
    Html,
    Csv,
    Report,
    HopsCsv,
    CashoutCsv,
}

/// What exporting reads (the open case, the theme) and where it reports.
#[derive(Clone, Copy)]
struct Exporter {
    case: CaseStore,
    messages: Messages,
    theme: ThemeStore,
}

impl Exporter {
    /// The SVG of what is on the canvas now, with the app's theme, and the case's title.
    fn picture_svg(&self, background: bool) -> Option<(String, String)> {
        let theme = self.theme.theme.get_untracked();
        self.case.peek(|s| {
            let s = s?;
            let options = SvgOptions {
                theme,
                background,
                ..SvgOptions::default()
            };
            Some((
                export::svg(&s.case, &s.scene, s.positions(), &s.marks(), &options),
                s.case.title.clone(),
            ))
        })
    }

    /// The case file Save would write, and the case's title.
    fn saved_text(&self) -> Option<(String, String)> {
        self.case.peek(|s| {
            let s = s?;
            Some((
                hopscope_core::format::write_case_v1(&s.case_to_save()),
                s.case.title.clone(),
            ))
        })
    }

    fn export(&self, kind: Kind, scale: u32, transparent: bool, attach_case: bool) {
        let ui = *self;
        let fail = move |message: String| ui.messages.error.set(Some(message));
        match kind {
            Kind::Report | Kind::HopsCsv | Kind::CashoutCsv => {
                let Some((text, title)) = self.saved_text() else {
                    return;
                };
                let stem = file_stem(&title);
                // The page for the report; the tables alone (no picture) for a table.
                let made = match kind {
                    Kind::Report => export::report(&text, &export::ReportOptions { attach_case })
                        .map(|r| (format!("{stem}.report.html"), r.html, "text/html")),
                    Kind::HopsCsv => export::report::tables(&text)
                        .map(|(hops, _)| (format!("{stem}.hops.csv"), hops, "text/csv")),
                    _ => export::report::tables(&text)
                        .map(|(_, cashout)| (format!("{stem}.cashout.csv"), cashout, "text/csv")),
                };
                let result = made
                    .map_err(|e| format!("The report could not be made: {e}"))
                    .and_then(|(name, body, mime)| storage::download(&name, &body, mime));
                if let Err(e) = result {
                    fail(e);
                }
            }
            Kind::Csv => {
                let Some((text, title)) = self.case.peek(|s| {
                    let s = s?;
                    Some((
                        export::transfers_csv(&s.case, &s.view, &s.scene),
                        s.case.title.clone(),
                    ))
                }) else {
                    return;
                };
                let name = format!("{}.transfers.csv", file_stem(&title));
                if let Err(e) = storage::download(&name, &text, "text/csv") {
                    fail(e);
                }
            }
            Kind::Svg | Kind::Html => {
                let Some((svg, title)) = self.picture_svg(true) else {
                    return;
                };
                let result = if kind == Kind::Svg {
                    storage::download(&format!("{}.svg", file_stem(&title)), &svg, "image/svg+xml")
                } else {
                    let page = export::html_snapshot(&svg, &title);
                    storage::download(&format!("{}.html", file_stem(&title)), &page, "text/html")
                };
                if let Err(e) = result {
                    fail(e);
                }
            }
            Kind::Png => {
                let Some((svg, title)) = self.picture_svg(!transparent) else {
                    return;
                };
                let options = SvgOptions::default();
                let name = format!("{}@{scale}x.png", file_stem(&title));
                ui.messages
                    .status
                    .set(format!("Making the PNG at {scale}×…"));
                leptos::task::spawn_local(async move {
                    match picture::svg_to_png(&svg, options.width, options.height, scale).await {
                        Ok(blob) => match storage::download_blob(&name, &blob) {
                            Ok(()) => ui
                                .messages
                                .status
                                .set(format!("Exported the picture as PNG at {scale}×")),
                            Err(e) => fail(e),
                        },
                        Err(e) => fail(e),
                    }
                });
                return;
            }
        }
        // The PNG says so itself once it is made.
        let message = match kind {
            Kind::Svg => "Exported the picture as SVG".to_owned(),
            Kind::Png => return,
            Kind::Html => {
                "Exported a one-file HTML snapshot (pan, zoom, tooltips; opens from disk)"
                    .to_owned()
            }
            Kind::Csv => "Exported the visible transfers as CSV".to_owned(),
            Kind::Report => {
                "Exported the report (one HTML file; print it to PDF from the browser)".to_owned()
            }
            Kind::HopsCsv => "Exported the report's hop tables as CSV".to_owned(),
            Kind::CashoutCsv => "Exported the report's cash-out table as CSV".to_owned(),
        };
        self.messages.status.set(message);
    }
}

/// The HTML that embeds the open case read-only in another page: an iframe of this app with
/// `?embed` and the case file in the fragment (which browsers never send to a server).
fn embed_code(case: CaseStore) -> Option<String> {
    let case = case.read(|s| hopscope_core::format::write_case_v1(&s.case_to_save()))?;
    let location = web_sys::window()?.location();
    let base = format!("{}{}", location.origin().ok()?, location.pathname().ok()?);
    Some(format!(
        "<iframe src=\"{}?embed#{}\" width=\"900\" height=\"560\" style=\"border:0\" title=\"hopscope: read-only picture of a case\"></iframe>",
        export::escape(&base),
        super::page_address::case_fragment(&case)
    ))
}

#[component]
pub fn ExportMenu() -> impl IntoView {
    let ui = Exporter {
        case: expect_context::<CaseStore>(),
        messages: expect_context::<Messages>(),
        theme: expect_context::<ThemeStore>(),
    };
    let scale = RwSignal::new(2u32);
    let transparent = RwSignal::new(false);
    let attach = RwSignal::new(false);
    let code = RwSignal::new(None::<String>);
    // An embed code carries its case: another case opened, it goes.
    Effect::new(move |_| {
        ui.case.opened.track();
        code.set(None);
    });
    let menu = NodeRef::<leptos::html::Details>::new();
    // An export closes the menu.
    let run = move |kind: Kind| {
        move |_| {
            if let Some(details) = menu.get_untracked() {
                details.set_open(false);
            }
            ui.export(
                kind,
                scale.get_untracked(),
                transparent.get_untracked(),
                attach.get_untracked(),
            )
        }
    };
    view! {
        <details class="export-menu" node_ref=menu>
            <summary data-testid="export-menu" title="Export the picture, the report or the visible transfers">"Export"</summary>
            <div class="export-items">
                <button data-testid="export-svg" on:click=run(Kind::Svg) title="Vector picture with title, legend, scale, data time and source note">
                    "Picture (SVG)"
                </button>
                <div class="export-png">
                    <button data-testid="export-png" on:click=run(Kind::Png)>"Picture (PNG)"</button>
                    <select data-testid="export-png-scale" aria-label="PNG scale" on:change=move |ev| scale.set(event_target_value(&ev).parse().unwrap_or(2))>
                        <option value="1">"1×"</option>
                        <option value="2" selected>"2×"</option>
                        <option value="4">"4×"</option>
                    </select>
                    <select data-testid="export-png-background" aria-label="PNG background" on:change=move |ev| transparent.set(event_target_value(&ev) == "transparent")>
                        <option value="solid" selected>"background"</option>
                        <option value="transparent">"transparent"</option>
                    </select>
                </div>
                <button data-testid="export-html" on:click=run(Kind::Html) title="One HTML file with the picture, pan, zoom and tooltips; opens from disk">
                    "Snapshot (HTML)"
                </button>
                <button data-testid="export-csv" on:click=run(Kind::Csv) title="Every transfer the picture shows">
                    "Visible transfers (CSV)"
                </button>
                <div class="export-report">
                    <button data-testid="export-report" on:click=run(Kind::Report) title="One HTML file that stands as evidence: summary, picture, every hop with its transaction, method and limits, labels and notes, the case file's SHA-256. Prints to PDF; no script, no request.">
                        "Report (HTML)"
                    </button>
                    <label class="hint" title="Put the case file inside the report, so its reader can open it in hopscope">
                        <input type="checkbox" data-testid="export-report-attach" prop:checked=move || attach.get() on:change=move |ev| attach.set(event_target_checked(&ev)) />
                        " attach case file"
                    </label>
                </div>
                <button data-testid="export-hops-csv" on:click=run(Kind::HopsCsv) title="The report's hop tables: every hop with its transaction, exact amount, traced share and inference">
                    "Report hops (CSV)"
                </button>
                <button data-testid="export-cashout-csv" on:click=run(Kind::CashoutCsv) title="The report's cash-out table: each exchange and asset, exact amounts">
                    "Report cash-out (CSV)"
                </button>
                <button data-testid="export-embed" on:click=move |_| code.set(embed_code(ui.case)) title="HTML for a read-only view of this case inside another page">
                    "Embed code"
                </button>
                {move || code.get().map(|c| view! {
                    <p class="hint embed-warning">
                        "The embed code carries the whole case file — every transfer, label and note — in its address. Share it only where all of that may be public."
                    </p>
                    <textarea class="embed-code" data-testid="embed-code" readonly rows="4">{c}</textarea>
                })}
            </div>
        </details>
    }
}
