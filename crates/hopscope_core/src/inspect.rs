//! What the inspector shows about one node: its address, category, label, tags and every
//! transfer in and out, in time order, as plain values ready to display.

use petgraph::Direction;

use crate::labels::{self, LabelBook};
use crate::model::{Case, Category, NodeId};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeSummary {
    pub address: String,
    pub chain: String,
    pub label: Option<String>,
    /// Where the label comes from when the case's files did not give it.
    pub label_source: Option<String>,
    pub category: Category,
    pub tags: Vec<String>,
    pub is_seed: bool,
    pub incoming: Vec<TransferRow>,
    pub outgoing: Vec<TransferRow>,
}

/// One transfer as seen from the inspected node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransferRow {
    pub tx: String,
    /// The address at the other end.
    pub counterparty: String,
    pub counterparty_label: Option<String>,
    /// The amount with its unit, grouped, cut to `figures::MAX_DECIMALS` and marked "≈" where
    /// longer (`figures::amount`).
    pub amount: String,
    /// Every digit, for a tooltip.
    pub amount_exact: String,
    pub asset: String,
    pub timestamp: Option<i64>,
}

pub fn summarize(case: &Case, id: NodeId) -> Option<NodeSummary> {
    let graph = &case.graph;
    let node = graph.node(id)?;
    let book = LabelBook::bundled();
    let shown = labels::shown(node, book);
    let rows = |direction: Direction| -> Vec<TransferRow> {
        graph
            .transfers_of(id, direction)
            .into_iter()
            .filter_map(|tid| {
                let t = graph.transfer(tid)?;
                let other = graph.node(if direction == Direction::Outgoing {
                    t.to
                } else {
                    t.from
                })?;
                let figure = crate::figures::amount(t.amount, t.asset.as_str());
                Some(TransferRow {
                    tx: t.tx.as_str().to_owned(),
                    counterparty: other.address.as_str().to_owned(),
                    counterparty_label: labels::shown(other, book).label,
                    amount: figure.text,
                    amount_exact: figure.exact,
                    asset: t.asset.as_str().to_owned(),
                    timestamp: t.timestamp,
                })
            })
            .collect()
    };
    Some(NodeSummary {
        address: node.address.as_str().to_owned(),
        chain: node.chain.as_str().to_owned(),
        label: shown.label,
        label_source: shown.book_source,
        category: shown.category,
        tags: node.tags.clone(),
        is_seed: case.seeds.contains(&id),
        incoming: rows(Direction::Incoming),
        outgoing: rows(Direction::Outgoing),
    })
}

/// UTC date and time (`2024-03-01 12:00:00 UTC`) from Unix seconds, without a clock or a
/// time-zone database (proleptic Gregorian calendar).
pub fn format_utc(timestamp: i64) -> String {
    let days = timestamp.div_euclid(86_400);
    let secs = timestamp.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// An approximate figure for reading (drawn scales, ranking values): thousands separated, at
/// most 4 decimals, never a negative zero. Money in the model is shown with
/// `figures::amount` instead, exactly and with its unit.
pub fn format_amount(v: f64) -> String {
    // A negative zero, or a tiny negative from subtraction, would print "-0".
    let v = if v.is_finite() && v.abs() < 0.000_05 {
        0.0
    } else {
        v
    };
    let text = format!("{v:.4}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_dates() {
        assert_eq!(format_utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(format_utc(1_709_294_400), "2024-03-01 12:00:00 UTC");
        assert_eq!(format_utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(format_utc(-1), "1969-12-31 23:59:59 UTC");
    }

    #[test]
    fn approximate_figures_never_show_a_negative_zero() {
        // An empty f64 sum is -0.0; the trace summary once printed it as "-0 ETH".
        let empty: f64 = std::iter::empty::<f64>().sum();
        assert_eq!(format_amount(empty), "0");
        assert_eq!(format_amount(-0.000_001), "0");
        assert_eq!(format_amount(1234.5), "1,234.5");
    }
}
