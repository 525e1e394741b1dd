//! The visible transfers as CSV, for a report's appendix or a spreadsheet: every transfer
//! between two drawn nodes that the view's filter admits, oldest first. Labels are the ones
//! shown; a cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR) is
//! prefixed with `'`, since the text comes from untrusted files. Each row also gives the
//! transfer's US-dollar value at the time where its file had one, and its part in a conversion
//! (a swap's input or output, with both amounts).

use crate::model::labels::{self, LabelBook};
use std::collections::HashMap;

use crate::model::{NodeId, Transfer, TransferId};
use crate::style::Scene;
use crate::view::View;
use crate::Case;

pub const CSV_HEADER: [&str; 12] = [
    "tx",
    "time_utc",
    "chain",
    "from",
    "from_label",
    "to",
    "to_label",
    "asset",
    "amount",
    "block",
    "usd_at_time",
    "conversion",
];

/// The transfers the picture shows: both ends drawn (as different nodes; a group's members
/// count as the group), admitted by the filter. Oldest first; without times, in case order.
pub fn visible_transfers<'c>(
    case: &'c Case,
    view: &View,
    scene: &Scene,
) -> Vec<(TransferId, &'c Transfer)> {
    const NONE: u32 = u32::MAX;
    let mut index = vec![NONE; case.graph.node_bound()];
    for (i, node) in scene.nodes.iter().enumerate() {
        if let Some(slot) = index.get_mut(node.id.index()) {
            *slot = i as u32;
        }
        if let Some(g) = node.group.and_then(|g| view.groups().get(g)) {
            for m in g.members.iter().filter(|&&m| view.is_visible(m)) {
                if let Some(slot) = index.get_mut(m.index()) {
                    *slot = i as u32;
                }
            }
        }
    }
    let at = |id: NodeId| index.get(id.index()).copied().unwrap_or(NONE);
    let reach = view.reach(case);
    let mut out: Vec<(TransferId, &Transfer)> = case
        .graph
        .transfers()
        .iter()
        .enumerate()
        .map(|(k, t)| (TransferId(k as u32), t))
        .filter(|(_, t)| {
            let (s, d) = (at(t.from), at(t.to));
            s != NONE
                && d != NONE
                && s != d
                && view.filter.admits(t)
                && view.filter.admits_direction(reach.as_ref(), t.from, t.to)
        })
        .collect();
    // Stable: transfers without a time keep their order, after the timed ones.
    out.sort_by_key(|(_, t)| (t.timestamp.is_none(), t.timestamp));
    out
}

/// A cell a spreadsheet will not run as a formula.
pub(crate) fn cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

/// The visible transfers as CSV text (RFC 4180 quoting, `\n` line ends).
pub fn transfers_csv(case: &Case, view: &View, scene: &Scene) -> String {
    let book: &LabelBook = &case.book;
    let label = |id: NodeId| {
        case.graph
            .node(id)
            .map(|n| (n.address.as_str().to_owned(), labels::shown(n, book).label))
            .unwrap_or_default()
    };
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = w.write_record(CSV_HEADER);
    // Each transfer's part in a conversion: "in: swap 3,000,000 USDT → 1,000 ETH".
    let mut part: HashMap<TransferId, String> = HashMap::new();
    for c in crate::convert::conversions(case, &[]) {
        let text = format!("{} {}", c.kind.as_str(), crate::convert::words::label(&c));
        for &t in &c.inputs {
            part.entry(t).or_insert_with(|| format!("in: {text}"));
        }
        for &t in &c.outputs {
            part.entry(t).or_insert_with(|| format!("out: {text}"));
        }
    }
    for (id, t) in visible_transfers(case, view, scene) {
        let (from, from_label) = label(t.from);
        let (to, to_label) = label(t.to);
        let record = [
            cell(&t.tx.as_str()),
            t.timestamp
                .map(crate::figures::format_utc)
                .unwrap_or_default(),
            cell(t.chain.as_ref().map(|c| c.as_str()).unwrap_or("")),
            cell(&from),
            cell(&from_label.unwrap_or_default()),
            cell(&to),
            cell(&to_label.unwrap_or_default()),
            cell(&t.asset.0),
            t.amount.to_string(),
            t.block.map(|b| b.to_string()).unwrap_or_default(),
            case.facts
                .usd(id)
                .map(|u| u.to_string())
                .unwrap_or_default(),
            part.get(&id).map(|p| cell(p)).unwrap_or_default(),
        ];
        let _ = w.write_record(&record);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
