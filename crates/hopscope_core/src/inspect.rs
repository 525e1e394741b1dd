//! What the inspector shows about one node: its address, category, label, tags and every
//! transfer in and out, in time order, as plain values ready to display (with its US-dollar
//! value at the time where its file gave one).

use petgraph::Direction;

use crate::model::labels::{self, LabelBook};
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
    /// Its US-dollar value at the time, where its file gave one ("1,034.73 USD"; "≈" where
    /// cut to 6 decimals).
    pub usd: Option<String>,
}

pub fn summarize(case: &Case, id: NodeId) -> Option<NodeSummary> {
    let graph = &case.graph;
    let node = graph.node(id)?;
    let book: &LabelBook = &case.book;
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
                    usd: case
                        .facts
                        .usd(tid)
                        .map(|u| crate::figures::amount(u, "USD").text),
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
