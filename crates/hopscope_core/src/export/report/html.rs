//! The report as one HTML page: no script, no request (a Content-Security-Policy that allows
//! none), a print stylesheet (`style.rs`) for A4 and Letter. Sections: summary, picture, hops,
//! method and limits, labels and notes, integrity. Every text from the case goes through the
//! core's one escaper (`format::xml::escape`); the running header's title through
//! `css_string`.

use std::fmt::Write;

use super::findings::Findings;
use super::lines::{HopLine, Party};
use super::style::STYLE;
use crate::figures::{amount, count, format_utc};
use crate::format::xml::escape;
use crate::infer::Heuristic;
use crate::model::labels::shown;
use crate::trace::{Method, Pools};

/// What the integrity section states: the case file's digest and size, and the attachment.
pub struct Integrity<'a> {
    pub sha256: &'a str,
    pub bytes: usize,
    /// The case file as a `data:` address, when it is attached.
    pub attachment: Option<(&'a str, String)>,
}

/// Text from the case for the page: without direction controls, escaped.
fn e(text: &str) -> String {
    escape(&crate::export::text::without_bidi_controls(text)).into_owned()
}

/// A CSS string holding `text`: every character but ASCII letters and digits as a six-digit
/// escape (a space too, since an escape swallows one space after it), so nothing in it can
/// end the string or the style element.
pub fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    let text = crate::export::text::without_bidi_controls(text);
    for c in text.chars().take(120) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            let _ = write!(out, "\\{:06x}", u32::from(c));
        }
    }
    out.push('"');
    out
}

/// An exact decimal as the line gives it, grouped, with its unit (`1,250.5 ETH`).
fn exact(decimal: &str, unit: &str) -> String {
    match crate::model::Amount::parse(decimal) {
        Ok(v) => amount(v, unit).exact,
        Err(_) => format!("{decimal} {unit}"),
    }
}

fn party(p: &Party) -> String {
    let label = if p.label.is_empty() {
        String::new()
    } else {
        format!("<b>{}</b><br>", e(&p.label))
    };
    format!("{label}<span class=\"mono\">{}</span>", e(&p.address))
}

/// The page.
pub fn page(f: &Findings, svg: &str, integrity: &Integrity) -> String {
    let title = if f.case.title.trim().is_empty() {
        "Untitled case"
    } else {
        f.case.title.trim()
    };
    let mut out = String::with_capacity(svg.len() + 64 * 1024);
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
<meta name=\"generator\" content=\"hopscope {}\">\n<title>Report: {}</title>\n<style>\n{STYLE}\n\
@page {{ @top-left {{ content: {}; }} }}\n</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        e(title),
        css_string(title)
    );
    let _ = write!(
        out,
        "<header class=\"cover\">\n<p class=\"kicker\">Investigation report</p>\n<h1>{}</h1>\n<p>Made by hopscope {} from the case file with SHA-256 <span class=\"mono\">{}</span>{}. Every figure is exact and carries its unit; times are UTC.</p>\n<nav><ol><li><a href=\"#summary\">Summary</a></li><li><a href=\"#picture\">Picture</a></li><li><a href=\"#hops\">Hops</a></li><li><a href=\"#method\">Method and limits</a></li><li><a href=\"#labels\">Labels and notes</a></li><li><a href=\"#integrity\">Integrity</a></li></ol></nav>\n</header>\n",
        e(title),
        env!("CARGO_PKG_VERSION"),
        integrity.sha256,
        f.span()
            .map(|(_, to)| format!("; the data runs to {}", format_utc(to)))
            .unwrap_or_default()
    );
    summary(&mut out, f);
    let _ = write!(
        out,
        "<section id=\"picture\">\n<h2>2. Picture</h2>\n<p>The case's saved view, as hopscope draws it, with its legend.</p>\n<figure class=\"picture\">\n{}\n</figure>\n</section>\n",
        svg.trim()
    );
    hops(&mut out, f);
    method(&mut out, f);
    labels_and_notes(&mut out, f);
    integrity_section(&mut out, f, integrity);
    out.push_str("</body>\n</html>\n");
    out
}

fn summary(out: &mut String, f: &Findings) {
    out.push_str("<section id=\"summary\">\n<h2>1. Summary</h2>\n");
    let graph = &f.case.graph;
    let _ = write!(
        out,
        "<p>The case holds {} addresses and {} transfers",
        count(graph.n_nodes()),
        count(graph.n_transfers())
    );
    match f.span() {
        Some((from, to)) => {
            let _ = writeln!(
                out,
                ", from {} to {}.</p>",
                format_utc(from),
                format_utc(to)
            );
        }
        None => out.push_str("; none of them has a time.</p>\n"),
    }
    if f.seeds.is_empty() {
        out.push_str("<p>The case names no seed (no address the stolen value starts from), so nothing is traced.</p>\n");
    } else {
        out.push_str("<h3>Seeds</h3>\n<ul class=\"seeds\">\n");
        for &s in &f.seeds {
            let _ = writeln!(out, "<li>{}</li>", party(&f.party(s)));
        }
        out.push_str("</ul>\n<h3>What left the seeds</h3>\n");
        let left = f.left_seeds();
        if left.is_empty() {
            out.push_str("<p>The seeds sent nothing to other addresses.</p>\n");
        } else {
            out.push_str("<table><thead><tr><th>Asset</th><th class=\"num\">Amount</th><th class=\"num\">US dollars at the time</th></tr></thead><tbody>\n");
            for (asset, sum, usd) in left {
                let usd = match usd {
                    Some((v, false)) => amount(v, "USD").exact,
                    Some((v, true)) => format!(
                        "{} (only the transfers whose file gave a value)",
                        amount(v, "USD").exact
                    ),
                    None => "not in the data".to_owned(),
                };
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                    e(asset.as_str()),
                    e(&amount(sum, asset.as_str()).exact),
                    e(&usd)
                );
            }
            out.push_str("</tbody></table>\n");
        }
    }
    let Some(run) = &f.trace else {
        out.push_str("</section>\n");
        return;
    };
    let t = &run.trace;
    let unit = run.asset.as_str();
    let _ = write!(
        out,
        "<h3>Trace</h3>\n<p>{} traced by <b>{}</b> from the seeds; {}; {}. {}</p>\n",
        e(unit),
        match run.method {
            Method::Haircut => "haircut (proportional)",
            Method::Fifo => "FIFO (first in, first out)",
        },
        match run.pools {
            Pools::Absorb =>
                "mixer pools and bridges hold what they receive unless a link carries it on",
            Pools::Ordinary => "mixer pools and bridges are treated as ordinary addresses",
        },
        if run.conversions {
            "followed across swaps and other conversions, each part worth its share of the stolen asset"
        } else {
            "kept to the stolen asset: it stops where it is swapped"
        },
        if run.saved {
            "These are the trace settings saved with the case."
        } else {
            "The case has no saved trace, so the report uses the default one: the asset the seeds sent most often, by haircut."
        }
    );
    conversions(out, f);
    out.push_str("<h3>Cash-out: exchanges that received stolen value</h3>\n");
    let lines = f.cashout_lines();
    if lines.is_empty() {
        out.push_str("<p>No exchange received traced value.</p>\n");
    } else {
        let _ = writeln!(
            out,
            "<table><thead><tr><th>Exchange</th><th>Asset</th><th class=\"num\">Received</th><th class=\"num\">Still held</th><th class=\"num\">Exchange total, worth in {}</th><th class=\"num\">Exchange total, US dollars</th></tr></thead><tbody>",
            e(unit)
        );
        for l in lines {
            let usd = match l.total_usd {
                Some((v, partial)) => format!(
                    "{}{}",
                    exact(&v, "USD"),
                    if partial {
                        " (some receipts had no value)"
                    } else {
                        ""
                    }
                ),
                None if l.total_worth.is_some() => "not in the data".to_owned(),
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                party(&l.exchange),
                e(&l.asset),
                e(&exact(&l.received, &l.asset)),
                e(&exact(&l.holds, &l.asset)),
                l.total_worth.map(|w| e(&exact(&w, unit))).unwrap_or_default(),
                e(&usd)
            );
        }
        out.push_str("</tbody></table>\n");
    }
    let listed = |out: &mut String,
                  title: &str,
                  empty: &str,
                  list: &[(crate::model::NodeId, crate::model::Amount)]| {
        let _ = writeln!(out, "<h3>{title}</h3>");
        if list.is_empty() {
            let _ = writeln!(out, "<p>{empty}</p>");
            return;
        }
        let _ = writeln!(
            out,
            "<table><thead><tr><th>Address</th><th class=\"num\">Worth in {}</th><th>In each asset</th></tr></thead><tbody>",
            e(unit)
        );
        for &(id, v) in list {
            let assets: Vec<String> = t
                .held_assets(id)
                .iter()
                .map(|(a, x)| amount(*x, a.as_str()).exact)
                .collect();
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                party(&f.party(id)),
                e(&amount(v, unit).exact),
                e(&assets.join("; "))
            );
        }
        out.push_str("</tbody></table>\n");
    };
    listed(
        out,
        "Still in mixer pools and bridges",
        "No pool or bridge holds traced value.",
        &t.absorbed,
    );
    listed(
        out,
        "Swapped, not followed",
        "No traced value stopped at a swap.",
        &t.swapped,
    );
    let mut holders: Vec<(crate::model::NodeId, crate::model::Amount)> = t
        .held
        .iter()
        .filter(|(id, v)| {
            !v.is_zero()
                && !t.cashout.iter().any(|(c, _)| c == *id)
                && !t.absorbed.iter().any(|(c, _)| c == *id)
                && !f.seeds.contains(id)
        })
        .map(|(&id, &v)| (id, v))
        .collect();
    holders.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let more = holders.len().saturating_sub(25);
    holders.truncate(25);
    listed(
        out,
        "Still held by other addresses (largest 25)",
        "No other address still holds traced value.",
        &holders,
    );
    if more > 0 {
        let _ = writeln!(
            out,
            "<p>{} more addresses hold smaller amounts (the Addresses panel and hopscope trace list them all).</p>",
            count(more)
        );
    }
    out.push_str("</section>\n");
}

/// The conversions the traced value went through, in time order: who converted what into
/// what (exact), how much of it was stolen, the transaction, and how sure.
fn conversions(out: &mut String, f: &Findings) {
    let Some(run) = &f.trace else { return };
    if !run.conversions {
        return;
    }
    out.push_str("<h3>Conversions the traced value went through</h3>\n");
    if run.trace.converted.is_empty() {
        out.push_str("<p>None: the traced value was not swapped, wrapped or bridged into another asset.</p>\n");
        return;
    }
    out.push_str("<table><thead><tr><th>Time (UTC)</th><th>Conversion</th><th>By</th><th class=\"num\">Gave → got</th><th class=\"num\">Stolen in → out</th><th>Transaction</th><th>How sure</th></tr></thead><tbody>\n");
    let graph = &f.case.graph;
    for c in &run.trace.converted {
        let conv = &c.conversion;
        let first = conv.inputs.first().and_then(|&t| graph.transfer(t));
        let time = first
            .and_then(|t| t.timestamp)
            .map(format_utc)
            .unwrap_or_default();
        let explorer = first
            .and_then(|t| graph.chain_of(t))
            .map(|c| super::lines::explorer(c.as_str(), &conv.tx.as_str()))
            .unwrap_or_default();
        // Listed because the trace followed it.
        let verdict = {
            use crate::infer::Verdicts;
            super::findings::verdict(f.view.verdict(conv.key()), Some(true))
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}<br>→ {}</td><td class=\"num\">{}<br>→ {}</td><td><span class=\"mono\">{}</span>{}</td><td>{:.0} % confidence; {}</td></tr>",
            e(&time),
            e(conv.kind.as_str()),
            party(&f.party(conv.address)),
            e(&amount(conv.from_amount, conv.from_asset.as_str()).exact),
            e(&amount(conv.to_amount, conv.to_asset.as_str()).exact),
            e(&amount(c.stolen_in, conv.from_asset.as_str()).exact),
            e(&amount(c.stolen_out, conv.to_asset.as_str()).exact),
            e(&conv.tx.as_str()),
            if explorer.is_empty() {
                String::new()
            } else {
                format!("<br><span class=\"explorer\">{}</span>", e(&explorer))
            },
            100.0 * conv.confidence,
            verdict
        );
    }
    out.push_str("</tbody></table>\n");
}

fn hops(out: &mut String, f: &Findings) {
    out.push_str("<section id=\"hops\">\n<h2>3. Hops</h2>\n");
    if f.tables.is_empty() {
        if f.trace.is_some() {
            out.push_str("<p>No hop table: the traced value ended nowhere outside the seeds (no exchange, pool, swap or other address still holds any of it), and the case has no highlighted path and no story. The conversions it went through are listed in the summary.</p>\n");
        } else {
            out.push_str("<p>No hop table: the case has no trace from seeds, no highlighted path and no story.</p>\n");
        }
    }
    for (k, table) in f.tables.iter().enumerate() {
        let _ = write!(
            out,
            "<div class=\"route\">\n<h3>3.{} {}</h3>\n<p class=\"caption\">{}</p>\n",
            k + 1,
            e(&table.title),
            e(&table.caption)
        );
        out.push_str("<table class=\"hops\"><thead><tr><th>#</th><th>From → to</th><th>Transaction</th><th>Time (UTC)</th><th class=\"num\">Amount</th><th class=\"num\">Traced</th><th>Inference</th></tr></thead><tbody>\n");
        for line in f.hop_lines(&table.rows) {
            hop_row(out, &line);
        }
        out.push_str("</tbody></table>\n</div>\n");
    }
    if f.routes_left_out > 0 {
        let _ = writeln!(
            out,
            "<p>{} more addresses the value reached have no route table here; the cash-out table, the Addresses panel and hopscope trace list them.</p>",
            count(f.routes_left_out)
        );
    }
    out.push_str("</section>\n");
}

fn hop_row(out: &mut String, l: &HopLine) {
    if let Some(n) = l.more {
        let _ = writeln!(
            out,
            "<tr class=\"more\"><td>{}</td><td colspan=\"6\">… and {} more transfers from {} to {} (the hops CSV lists the first {} too; all are in the case file)</td></tr>",
            l.number,
            count(n),
            e(&l.from.address),
            e(&l.to.address),
            super::findings::MAX_PAIR_TRANSFERS
        );
        return;
    }
    let explorer = if l.explorer.is_empty() {
        String::new()
    } else {
        format!("<br><span class=\"explorer\">{}</span>", e(&l.explorer))
    };
    let traced = if l.traced.is_empty() {
        String::new()
    } else {
        format!(
            "{}<br>({})",
            e(&exact(&l.traced, &l.asset)),
            e(&l.traced_percent)
        )
    };
    let usd = if l.usd.is_empty() {
        String::new()
    } else {
        format!("<br>{} at the time", e(&exact(&l.usd, "USD")))
    };
    let inferred = match &l.inferred {
        None => "—".to_owned(),
        Some(i) => format!(
            "<b>{}</b>: {}<br>{}; {}",
            e(i.heuristic.name()),
            e(&i.what),
            i.confidence
                .map(|c| format!("{:.0} % confidence", 100.0 * c))
                .unwrap_or_else(|| "no confidence recorded".to_owned()),
            e(i.verdict)
        ),
    };
    let _ = writeln!(
        out,
        "<tr><td>{}</td><td>{}<br>→ {}</td><td><span class=\"mono\">{}</span>{}<br><span class=\"chain\">{}</span></td><td>{}</td><td class=\"num\">{}{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
        l.number,
        party(&l.from),
        party(&l.to),
        e(&l.tx),
        explorer,
        e(&l.chain),
        e(&l.time),
        e(&exact(&l.amount, &l.asset)),
        usd,
        traced,
        inferred
    );
}

fn method(out: &mut String, f: &Findings) {
    out.push_str("<section id=\"method\">\n<h2>4. Method and limits</h2>\n");
    let used_method = f.trace.as_ref().map(|r| r.method);
    out.push_str("<h3>Tracing</h3>\n<dl>\n");
    for (m, h) in [
        (Method::Haircut, Heuristic::Haircut),
        (Method::Fifo, Heuristic::Fifo),
    ] {
        let _ = writeln!(
            out,
            "<dt>{}{}</dt><dd>{}</dd><dd class=\"limit\">Can be wrong: {}</dd>",
            e(h.name()),
            if used_method == Some(m) {
                " — used in this report"
            } else {
                ""
            },
            e(h.rests_on()),
            e(h.can_be_wrong())
        );
    }
    out.push_str("</dl>\n<h3>Heuristics this case used</h3>\n<dl>\n");
    let used = Heuristic::used(
        &f.patterns,
        &f.links,
        f.trace
            .as_ref()
            .map(|r| (r.method, r.pools == Pools::Absorb)),
        f.view.entities(),
    );
    for h in used
        .into_iter()
        .filter(|h| !matches!(h, Heuristic::Haircut | Heuristic::Fifo))
    {
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd><dd class=\"limit\">Can be wrong: {}</dd>",
            e(h.name()),
            e(h.rests_on()),
            e(h.can_be_wrong())
        );
    }
    out.push_str("</dl>\n<h3>Inputs</h3>\n");
    if f.case.sources.is_empty() {
        out.push_str("<p>The case file does not list the files it was built from (it was saved before hopscope recorded them, or written by another tool).</p>\n");
    } else {
        out.push_str("<table><thead><tr><th>File</th><th>Read as</th><th class=\"num\">Transfers added</th><th>Import warnings</th></tr></thead><tbody>\n");
        for s in &f.case.sources {
            let warnings = if s.warnings.is_empty() {
                "none".to_owned()
            } else {
                format!(
                    "<ul>{}</ul>",
                    s.warnings
                        .iter()
                        .map(|w| format!("<li>{}</li>", e(w)))
                        .collect::<String>()
                )
            };
            let _ = writeln!(
                out,
                "<tr><td class=\"mono\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                e(&s.name),
                e(&s.format),
                count(s.transfers),
                warnings
            );
        }
        out.push_str("</tbody></table>\n");
    }
    if !f.warnings.is_empty() {
        let _ = writeln!(
            out,
            "<h3>Warnings reading the case file</h3>\n<p>{} warnings; what they name was skipped or read as said:</p>\n<ul>",
            count(f.warnings.len())
        );
        for w in f.warnings.iter().take(200) {
            let _ = writeln!(out, "<li>{}</li>", e(w));
        }
        if f.warnings.len() > 200 {
            let _ = writeln!(out, "<li>… and {} more</li>", count(f.warnings.len() - 200));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h3>What this report cannot say</h3>\n<ul>\n<li>Only the transfers in the case file are known: other tokens, other chains and internal transactions that were not exported are not here, and every traced share after a missing transfer would change.</li>\n<li>An address's owner is known only through its label; unlabelled addresses may belong to anyone, including an exchange.</li>\n<li>Inferred steps (demixing candidates, bridge hops, conversions) are leads with the confidence shown, not proof; the verdict column says which the investigator checked.</li>\n</ul>\n</section>\n");
}

fn labels_and_notes(out: &mut String, f: &Findings) {
    out.push_str("<section id=\"labels\">\n<h2>5. Labels and notes</h2>\n<h3>Labels of the addresses shown and named in this report</h3>\n");
    let mut rows = String::new();
    let mut n = 0usize;
    let named = f.named();
    for (id, node) in f.case.graph.nodes() {
        if !f.view.is_visible(id) && !named.contains(&id) {
            continue;
        }
        let s = shown(node, &f.case.book);
        let Some(label) = s.label else { continue };
        n += 1;
        let source = s
            .book_source
            .unwrap_or_else(|| "the case's own file".to_owned());
        let _ = writeln!(
            rows,
            "<tr><td class=\"mono\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e(node.address.as_str()),
            e(&label),
            e(s.category.as_str()),
            e(&source)
        );
    }
    if n == 0 {
        out.push_str("<p>No address shown has a label.</p>\n");
    } else {
        let _ = write!(
            out,
            "<table><thead><tr><th>Address</th><th>Label</th><th>Category</th><th>Source</th></tr></thead><tbody>\n{rows}</tbody></table>\n"
        );
    }
    out.push_str("<h3>The investigator's notes</h3>\n");
    let mut any = false;
    if !f.case.notes.trim().is_empty() {
        any = true;
        let _ = writeln!(out, "<div class=\"notes\">{}</div>", e(f.case.notes.trim()));
    }
    let notes: Vec<_> = f.view.notes().collect();
    if !notes.is_empty() {
        any = true;
        out.push_str("<table><thead><tr><th>On</th><th>Note</th></tr></thead><tbody>\n");
        for (mark, note) in notes {
            let on = match mark {
                crate::view::Mark::Node(id) => party(&f.party(id)),
                crate::view::Mark::Flow(a, b) => {
                    format!("{}<br>→ {}", party(&f.party(a)), party(&f.party(b)))
                }
            };
            let _ = writeln!(
                out,
                "<tr><td>{on}</td><td class=\"notes\">{}</td></tr>",
                e(&note.text)
            );
        }
        out.push_str("</tbody></table>\n");
    }
    let annotations = f.view.annotations();
    if !annotations.is_empty() {
        any = true;
        out.push_str("<h3>Annotations on the picture</h3>\n<table><thead><tr><th>Kind</th><th>On</th><th>Text</th></tr></thead><tbody>\n");
        for a in annotations {
            let on: Vec<String> = a
                .shape
                .anchors()
                .into_iter()
                .map(|id| party(&f.party(id)))
                .collect();
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"notes\">{}</td></tr>",
                a.shape.kind(),
                on.join(if a.shape.kind() == "arrow" {
                    "<br>→ "
                } else {
                    "<br>"
                }),
                e(&a.text)
            );
        }
        out.push_str("</tbody></table>\n");
    }
    if !any {
        out.push_str("<p>The case has no notes.</p>\n");
    }
    out.push_str("</section>\n");
}

fn integrity_section(out: &mut String, f: &Findings, i: &Integrity) {
    let _ = write!(
        out,
        "<section id=\"integrity\">\n<h2>6. Integrity</h2>\n<dl>\n<dt>Case file</dt><dd>SHA-256 <span class=\"mono\">{}</span>, {} bytes. Check it with <span class=\"mono\">sha256sum</span> on the file; the same file always gives this report byte for byte (<span class=\"mono\">hopscope report FILE -o report.html</span>).</dd>\n<dt>Made by</dt><dd>hopscope {}</dd>\n<dt>Data runs to</dt><dd>{}</dd>\n<dt>Time of making</dt><dd>not recorded, so that the report depends on the case file alone.</dd>\n",
        i.sha256,
        count(i.bytes),
        env!("CARGO_PKG_VERSION"),
        f.span()
            .map(|(_, to)| format!("{}, the last transfer's time", format_utc(to)))
            .unwrap_or_else(|| "no transfer has a time".to_owned())
    );
    match &i.attachment {
        Some((name, href)) => {
            let _ = writeln!(
                out,
                "<dt>Attached</dt><dd><a download=\"{}\" href=\"{}\">the case file</a>, to open in hopscope (save the link, then open the file).</dd>",
                e(name),
                href
            );
        }
        None => out.push_str(
            "<dt>Attached</dt><dd>nothing: the case file is not inside this report.</dd>\n",
        ),
    }
    out.push_str("</dl>\n</section>\n");
}
