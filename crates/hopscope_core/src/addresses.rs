//! The Addresses table: every address of a case with what it received and sent of one asset
//! (exact sums of its transfers), its balance in the data (received − sent, exact, may be
//! negative when the data misses earlier receipts), the stolen amount a trace says reached it,
//! and its number of counterparties; sortable by each, filtered by category. Answers "who
//! received the most" without drawing anything. One pass over the transfers, so a case of tens
//! of thousands of addresses is tabled in milliseconds.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::model::labels::{shown, LabelBook};
use crate::model::{Amount, Asset, Case, Category, NodeId};
use crate::trace::Trace;

/// One address in one asset.
#[derive(Clone, Debug, PartialEq)]
pub struct AddressRow {
    pub id: NodeId,
    /// The category it is shown with (its own, or the label book's).
    pub category: Category,
    pub received: Sum,
    pub sent: Sum,
    /// Transfers in and out of this asset.
    pub n_in: usize,
    pub n_out: usize,
    /// Stolen value of this asset the trace says it received, when a trace of this asset ran.
    pub traced: Option<Amount>,
    /// Distinct counterparties, in any asset.
    pub degree: usize,
}

/// An exact sum of transfers; `saturated` when it no longer fit, and then holds the largest
/// partial sum that did (shown as "at least").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sum {
    pub amount: Amount,
    pub saturated: bool,
}

impl Sum {
    /// For reading: every digit, with its unit; "≥" when the sum overflowed.
    pub fn text(self, unit: &str) -> String {
        let text = crate::figures::amount(self.amount, unit).exact;
        if self.saturated {
            format!("≥ {text}")
        } else {
            text
        }
    }

    fn add(&mut self, amount: Amount) {
        match self.amount.checked_add(amount) {
            Some(total) => self.amount = total,
            None => self.saturated = true,
        }
    }
}

/// Received − sent, exactly: a magnitude and a sign (never "-0").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Balance {
    pub negative: bool,
    pub magnitude: Amount,
    /// Either sum saturated, so the balance is not known exactly.
    pub inexact: bool,
}

impl Balance {
    /// For reading: every digit, with its unit; "−" only before a non-zero magnitude, "≈" when
    /// a sum overflowed.
    pub fn text(self, unit: &str) -> String {
        let text = crate::figures::amount(self.magnitude, unit).exact;
        let sign = if self.negative && !self.magnitude.is_zero() {
            "−"
        } else {
            ""
        };
        let approx = if self.inexact { "≈ " } else { "" };
        format!("{approx}{sign}{text}")
    }

    fn of(received: Sum, sent: Sum) -> Balance {
        let inexact = received.saturated || sent.saturated;
        match received.amount.checked_sub(sent.amount) {
            Some(magnitude) => Balance {
                negative: false,
                magnitude,
                inexact,
            },
            None => Balance {
                negative: true,
                magnitude: sent.amount.checked_sub(received.amount).unwrap_or_default(),
                inexact,
            },
        }
    }
}

impl Ord for Balance {
    fn cmp(&self, other: &Balance) -> Ordering {
        match (self.negative, other.negative) {
            (false, false) => self.magnitude.cmp(&other.magnitude),
            (true, true) => other.magnitude.cmp(&self.magnitude),
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
        }
    }
}

impl PartialOrd for Balance {
    fn partial_cmp(&self, other: &Balance) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Balance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.negative && !self.magnitude.is_zero() {
            "−"
        } else {
            ""
        };
        write!(f, "{sign}{}", self.magnitude)
    }
}

impl AddressRow {
    pub fn balance(&self) -> Balance {
        Balance::of(self.received, self.sent)
    }
}

/// What the table is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Received,
    Sent,
    Balance,
    Traced,
    Degree,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [
        SortKey::Received,
        SortKey::Sent,
        SortKey::Balance,
        SortKey::Traced,
        SortKey::Degree,
    ];

    pub fn title(self) -> &'static str {
        match self {
            SortKey::Received => "Received",
            SortKey::Sent => "Sent",
            SortKey::Balance => "Balance",
            SortKey::Traced => "Traced",
            SortKey::Degree => "Counterparties",
        }
    }
}

/// The assets of a case, most transfers first (then by name): the table's asset choice.
pub fn assets(case: &Case) -> Vec<Asset> {
    let mut count: BTreeMap<&Asset, usize> = BTreeMap::new();
    for t in case.graph.transfers() {
        *count.entry(&t.asset).or_default() += 1;
    }
    let mut out: Vec<(&Asset, usize)> = count.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    out.into_iter().map(|(a, _)| a.clone()).collect()
}

/// Every address that received or sent `asset`, in id order. `trace` fills `traced` when it
/// followed the same asset. `categories` keeps only addresses of those categories (`None`: all).
pub fn rows(
    case: &Case,
    asset: &Asset,
    trace: Option<&Trace>,
    categories: Option<&BTreeSet<Category>>,
) -> Vec<AddressRow> {
    let graph = &case.graph;
    let bound = graph.node_bound();
    let mut received = vec![Sum::default(); bound];
    let mut sent = vec![Sum::default(); bound];
    let mut n_in = vec![0usize; bound];
    let mut n_out = vec![0usize; bound];
    for t in graph.transfers().iter().filter(|t| &t.asset == asset) {
        let (from, to) = (t.from.index(), t.to.index());
        if let (Some(s), Some(n)) = (sent.get_mut(from), n_out.get_mut(from)) {
            s.add(t.amount);
            *n += 1;
        }
        if let (Some(r), Some(n)) = (received.get_mut(to), n_in.get_mut(to)) {
            r.add(t.amount);
            *n += 1;
        }
    }
    let trace = trace.filter(|tr| tr.asset.as_ref() == Some(asset));
    let book: &LabelBook = &case.book;
    let degrees = graph.degrees();
    graph
        .nodes()
        .filter(|(id, _)| n_in[id.index()] + n_out[id.index()] > 0)
        .filter_map(|(id, node)| {
            let category = shown(node, book).category;
            if categories.is_some_and(|c| !c.contains(&category)) {
                return None;
            }
            let i = id.index();
            Some(AddressRow {
                id,
                category,
                received: received[i],
                sent: sent[i],
                n_in: n_in[i],
                n_out: n_out[i],
                traced: trace.map(|tr| tr.received_by(id)),
                degree: degrees.get(i).map_or(0, |&d| d as usize),
            })
        })
        .collect()
}

/// Sorts rows by `key`, largest first when `descending`; ties by address id, so the order is
/// the same every time.
pub fn sort(rows: &mut [AddressRow], key: SortKey, descending: bool) {
    rows.sort_by(|a, b| {
        let by = match key {
            SortKey::Received => a.received.amount.cmp(&b.received.amount),
            SortKey::Sent => a.sent.amount.cmp(&b.sent.amount),
            SortKey::Balance => a.balance().cmp(&b.balance()),
            SortKey::Traced => a
                .traced
                .unwrap_or(Amount::ZERO)
                .cmp(&b.traced.unwrap_or(Amount::ZERO)),
            SortKey::Degree => a.degree.cmp(&b.degree),
        };
        let by = if descending { by.reverse() } else { by };
        by.then(a.id.cmp(&b.id))
    });
}

/// The categories among `rows`, with how many rows each has: the category filter's choices.
pub fn categories(rows: &[AddressRow]) -> Vec<(Category, usize)> {
    let mut count: BTreeMap<Category, usize> = BTreeMap::new();
    for r in rows {
        *count.entry(r.category).or_default() += 1;
    }
    count.into_iter().collect()
}
