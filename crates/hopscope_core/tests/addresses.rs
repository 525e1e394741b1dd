//! The Addresses table: sums equal to the transfers' (exactly, wei-sized amounts included),
//! balance = received − sent exactly (negative too, never "-0"), sort orders, the category
//! filter, the traced amount from a trace of the same asset only, and the demo case's top
//! receiver.

mod common;

use std::collections::BTreeSet;

use hopscope_core::addresses::{self, AddressRow, SortKey};
use hopscope_core::model::{Address, Amount, Asset, Category, Chain, Graph, Node, Transfer};
use hopscope_core::trace::{trace, Method};
use hopscope_core::{parse_case, Case, NodeId};

fn node(g: &mut Graph, name: &str, category: Category) -> NodeId {
    g.add_node(Node {
        address: Address::new(name),
        chain: Chain::new("ethereum"),
        label: None,
        label_source: None,
        category,
        tags: vec![],
    })
    .0
}

fn send(g: &mut Graph, k: usize, from: NodeId, to: NodeId, amount: &str, asset: &str) {
    common::send_asset(g, k, from, to, amount, asset);
}

/// thief → a (1.000000000000000001 ETH and 5 USDT), a → exchange (0.5 and 0.25 ETH),
/// thief → exchange (2 ETH), exchange → b (3 ETH).
fn case() -> (Case, [NodeId; 4]) {
    let mut g = Graph::new();
    let thief = node(&mut g, "0xthief", Category::Hacker);
    let a = node(&mut g, "0xa", Category::Unknown);
    let ex = node(&mut g, "0xex", Category::Exchange);
    let b = node(&mut g, "0xb", Category::Unknown);
    send(&mut g, 1, thief, a, "1.000000000000000001", "ETH");
    send(&mut g, 2, thief, a, "5", "USDT");
    send(&mut g, 3, a, ex, "0.5", "ETH");
    send(&mut g, 4, a, ex, "0.25", "ETH");
    send(&mut g, 5, thief, ex, "2", "ETH");
    send(&mut g, 6, ex, b, "3", "ETH");
    let case = Case {
        title: "t".into(),
        notes: String::new(),
        graph: g,
        seeds: vec![thief],
        investigation: None,
        story: None,
        book: hopscope_core::format::label_list::bundled_book(),
        facts: Default::default(),
        sources: Vec::new(),
    };
    (case, [thief, a, ex, b])
}

fn row(rows: &[AddressRow], id: NodeId) -> &AddressRow {
    rows.iter().find(|r| r.id == id).unwrap()
}

fn amount(raw: &str) -> Amount {
    Amount::parse(raw).unwrap()
}

#[test]
fn sums_are_the_transfers_exactly() {
    let (case, [thief, a, ex, b]) = case();
    let eth = Asset::new("ETH");
    let rows = addresses::rows(&case, &eth, None, None);
    assert_eq!(rows.len(), 4);
    assert_eq!(
        row(&rows, a).received.amount,
        amount("1.000000000000000001")
    );
    assert_eq!(row(&rows, a).sent.amount, amount("0.75"));
    assert_eq!(row(&rows, a).balance().to_string(), "0.250000000000000001");
    assert_eq!(row(&rows, ex).received.amount, amount("2.75"));
    assert_eq!((row(&rows, ex).n_in, row(&rows, ex).n_out), (3, 1));
    // Sent more than the data shows it received: a negative balance, exactly.
    assert_eq!(row(&rows, ex).balance().to_string(), "−0.25");
    assert!(row(&rows, ex).balance().negative);
    assert_eq!(
        row(&rows, thief).balance().to_string(),
        "−3.000000000000000001"
    );
    assert_eq!(row(&rows, b).balance().to_string(), "3");
    // Every row's sums agree with a plain walk over the transfers.
    for r in &rows {
        let total = |pick: &dyn Fn(&Transfer) -> bool| {
            case.graph
                .transfers()
                .iter()
                .filter(|t| t.asset == eth && pick(t))
                .fold(Amount::ZERO, |s, t| s.checked_add(t.amount).unwrap())
        };
        assert_eq!(r.received.amount, total(&|t| t.to == r.id));
        assert_eq!(r.sent.amount, total(&|t| t.from == r.id));
        assert!(!r.received.saturated && !r.sent.saturated);
    }
    // Another asset: only the addresses that moved it.
    let usdt = addresses::rows(&case, &Asset::new("USDT"), None, None);
    assert_eq!(
        usdt.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![thief, a]
    );
    assert_eq!(row(&usdt, a).received.amount, amount("5"));
}

#[test]
fn a_zero_balance_has_no_sign() {
    let mut g = Graph::new();
    let x = node(&mut g, "0xx", Category::Unknown);
    let y = node(&mut g, "0xy", Category::Unknown);
    send(&mut g, 1, x, y, "1.5", "ETH");
    send(&mut g, 2, y, x, "1.5", "ETH");
    let case = Case {
        title: String::new(),
        notes: String::new(),
        graph: g,
        seeds: vec![],
        investigation: None,
        story: None,
        book: hopscope_core::format::label_list::bundled_book(),
        facts: Default::default(),
        sources: Vec::new(),
    };
    let rows = addresses::rows(&case, &Asset::new("ETH"), None, None);
    assert_eq!(row(&rows, x).balance().to_string(), "0");
    assert!(!row(&rows, x).balance().negative);
    // As the table writes them: every digit with the unit, no "−0".
    assert_eq!(row(&rows, x).balance().text("ETH"), "0 ETH");
    assert_eq!(row(&rows, x).received.text("ETH"), "1.5 ETH");
    let owed = addresses::Balance {
        negative: true,
        magnitude: Amount::parse("1234.5").unwrap(),
        inexact: true,
    };
    assert_eq!(owed.text("ETH"), "≈ −1,234.5 ETH");
    let over = addresses::Sum {
        amount: Amount::parse("7").unwrap(),
        saturated: true,
    };
    assert_eq!(over.text("USDT"), "≥ 7 USDT");
}

#[test]
fn sort_orders() {
    let (case, [thief, a, ex, b]) = case();
    let mut rows = addresses::rows(&case, &Asset::new("ETH"), None, None);
    let order = |rows: &[AddressRow]| rows.iter().map(|r| r.id).collect::<Vec<_>>();
    addresses::sort(&mut rows, SortKey::Received, true);
    assert_eq!(order(&rows), vec![b, ex, a, thief]);
    addresses::sort(&mut rows, SortKey::Received, false);
    assert_eq!(order(&rows), vec![thief, a, ex, b]);
    addresses::sort(&mut rows, SortKey::Sent, true);
    // thief 3.0…1, ex 3, a 0.75, b 0.
    assert_eq!(order(&rows), vec![thief, ex, a, b]);
    // Balances: 3, 0.25…, −0.25, −3.0…1.
    addresses::sort(&mut rows, SortKey::Balance, true);
    assert_eq!(order(&rows), vec![b, a, ex, thief]);
    addresses::sort(&mut rows, SortKey::Balance, false);
    assert_eq!(order(&rows), vec![thief, ex, a, b]);
    // Counterparties: ex has 3 (thief, a, b), thief 2, a 2, b 1; ties by id.
    addresses::sort(&mut rows, SortKey::Degree, true);
    assert_eq!(order(&rows), vec![ex, thief, a, b]);
}

#[test]
fn category_filter() {
    let (case, [_, _, ex, _]) = case();
    let only: BTreeSet<Category> = [Category::Exchange].into();
    let rows = addresses::rows(&case, &Asset::new("ETH"), None, Some(&only));
    assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![ex]);
    let all = addresses::rows(&case, &Asset::new("ETH"), None, None);
    assert_eq!(
        addresses::categories(&all),
        vec![
            (Category::Exchange, 1),
            (Category::Hacker, 1),
            (Category::Unknown, 2)
        ]
    );
}

#[test]
fn traced_amount_comes_from_a_trace_of_the_same_asset() {
    let (case, [_, a, ex, b]) = case();
    let eth = Asset::new("ETH");
    let t = trace(&case, &case.seeds, &eth, Method::Haircut);
    let mut rows = addresses::rows(&case, &eth, Some(&t), None);
    assert_eq!(row(&rows, a).traced, Some(t.received_by(a)));
    assert_eq!(row(&rows, ex).traced, Some(t.received_by(ex)));
    assert!(row(&rows, ex).traced.unwrap() > Amount::parse("2").unwrap());
    addresses::sort(&mut rows, SortKey::Traced, true);
    assert_eq!(
        rows[0].id, ex,
        "the exchange received most of the stolen ETH"
    );
    assert_eq!(rows[1].id, b);
    // A trace of ETH says nothing of USDT.
    let usdt = addresses::rows(&case, &Asset::new("USDT"), Some(&t), None);
    assert!(usdt.iter().all(|r| r.traced.is_none()));
}

#[test]
fn the_demo_case_top_receiver() {
    let case = parse_case(&common::repo_file("cases/htx-2023-tornado.json"))
        .unwrap()
        .value;
    let assets = addresses::assets(&case);
    assert!(!assets.is_empty());
    let asset = &assets[0];
    let mut rows = addresses::rows(&case, asset, None, None);
    addresses::sort(&mut rows, SortKey::Received, true);
    let top = rows[0].received.amount;
    let most = case
        .graph
        .node_ids()
        .map(|id| {
            case.graph
                .transfers()
                .iter()
                .filter(|t| &t.asset == asset && t.to == id)
                .fold(Amount::ZERO, |s, t| s.checked_add(t.amount).unwrap())
        })
        .max()
        .unwrap();
    assert_eq!(top, most);
    assert!(rows
        .windows(2)
        .all(|w| w[0].received.amount >= w[1].received.amount));
}
