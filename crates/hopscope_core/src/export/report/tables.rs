//! The report's tables as CSV, for a spreadsheet: every hop table in one file (a column names
//! the table), and the cash-out table. Amounts exact, units named in the header (`[asset]`
//! where the row's asset column gives the unit, the stolen asset's name for worth, `USD`);
//! cells a spreadsheet would run as a formula are defused (`export::csv::cell`).

use super::findings::Findings;
use crate::export::csv::cell;

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new())
}

fn text(w: csv::Writer<Vec<u8>>) -> String {
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Every hop table as CSV.
pub fn hops_csv(f: &Findings) -> String {
    let mut w = writer();
    let _ = w.write_record([
        "table",
        "hop",
        "from",
        "from_label",
        "to",
        "to_label",
        "chain",
        "tx",
        "explorer",
        "time_utc",
        "amount [asset]",
        "asset",
        "traced [asset]",
        "traced_share [%]",
        "usd_at_time [USD]",
        "inference",
        "heuristic",
        "confidence [%]",
        "verdict",
        "not_listed [transfers]",
    ]);
    for table in &f.tables {
        for line in f.hop_lines(&table.rows) {
            let inferred = line.inferred.as_ref();
            let _ = w.write_record([
                cell(&table.title),
                line.number.to_string(),
                cell(&line.from.address),
                cell(&line.from.label),
                cell(&line.to.address),
                cell(&line.to.label),
                cell(&line.chain),
                cell(&line.tx),
                cell(&line.explorer),
                line.time.clone(),
                line.amount.clone(),
                cell(&line.asset),
                line.traced.clone(),
                line.traced_percent.trim_end_matches(" %").to_owned(),
                line.usd.clone(),
                inferred.map(|i| cell(&i.what)).unwrap_or_default(),
                inferred
                    .map(|i| i.heuristic.name().to_owned())
                    .unwrap_or_default(),
                inferred
                    .and_then(|i| i.confidence)
                    .map(|c| format!("{:.0}", 100.0 * c))
                    .unwrap_or_default(),
                inferred.map(|i| i.verdict.to_owned()).unwrap_or_default(),
                line.more.map(|n| n.to_string()).unwrap_or_default(),
            ]);
        }
    }
    text(w)
}

/// The cash-out table as CSV: a row per exchange and asset; the exchange's totals on its
/// first row only, so a column sums to the whole.
pub fn cashout_csv(f: &Findings) -> String {
    let worth = f
        .trace
        .as_ref()
        .map(|r| r.asset.as_str().to_owned())
        .unwrap_or_default();
    let mut w = writer();
    let _ = w.write_record([
        "exchange".to_owned(),
        "exchange_label".to_owned(),
        "asset".to_owned(),
        "received [asset]".to_owned(),
        "still_held [asset]".to_owned(),
        format!(
            "exchange_total_worth [{}]",
            worth.replace([',', '"', '\n', '\r'], " ")
        ),
        "exchange_total_usd [USD]".to_owned(),
        "usd_partial".to_owned(),
    ]);
    for line in f.cashout_lines() {
        let _ = w.write_record([
            cell(&line.exchange.address),
            cell(&line.exchange.label),
            cell(&line.asset),
            line.received,
            line.holds,
            line.total_worth.unwrap_or_default(),
            line.total_usd
                .as_ref()
                .map(|(u, _)| u.clone())
                .unwrap_or_default(),
            line.total_usd
                .map(|(_, p)| if p { "yes" } else { "no" }.to_owned())
                .unwrap_or_default(),
        ]);
    }
    text(w)
}
