//! Conversions found in small cases built row by row.

use super::*;
use crate::model::{Address, Category, Chain, Graph, Node, Transfer};

/// A case of transfers (tx, from, to, amount, asset, time) over named addresses, with the
/// categories given.
pub(crate) fn case_of(
    rows: &[(&str, &str, &str, &str, &str, i64)],
    categories: &[(&str, Category)],
) -> Case {
    let mut graph = Graph::new();
    let id = |graph: &mut Graph, a: &str| {
        let category = categories
            .iter()
            .find(|(n, _)| *n == a)
            .map_or(Category::Unknown, |(_, c)| *c);
        graph
            .add_node(Node {
                address: Address::new(a),
                chain: Chain::new(if a.starts_with("bc1") {
                    "bitcoin"
                } else {
                    "ethereum"
                }),
                label: None,
                label_source: None,
                category,
                tags: vec![],
            })
            .0
    };
    for (i, (tx, from, to, amount, asset, time)) in rows.iter().enumerate() {
        let (from, to) = (id(&mut graph, from), id(&mut graph, to));
        graph
            .add_transfer(Transfer {
                tx: TxHash::from((*tx).to_owned()),
                from,
                to,
                amount: Amount::parse(amount).unwrap(),
                asset: Asset::new(asset),
                timestamp: Some(*time),
                chain: None,
                block: None,
                fee: None,
                index: Some(i as u32),
            })
            .unwrap();
    }
    Case {
        graph,
        ..Case::default()
    }
}

fn node(case: &Case, a: &str) -> NodeId {
    case.graph.node_by_address(&Address::new(a)).unwrap()
}

#[test]
fn a_swap_through_a_labelled_router_is_the_traders() {
    // Uniswap V2 shape: user → pair (USDC), pair → router (WETH), router → user (ETH).
    let case = case_of(
        &[
            ("0xt1", "user", "pair", "62423", "USDC", 100),
            ("0xt1", "pair", "router", "41.4", "WETH", 100),
            ("0xt1", "router", "user", "41.4", "ETH", 100),
        ],
        &[("router", Category::Defi)],
    );
    let list = conversions(&case, &[]);
    assert_eq!(list.len(), 1, "{list:?}");
    let c = &list[0];
    assert_eq!(c.kind, ConversionKind::Swap);
    assert_eq!(c.address, node(&case, "user"));
    assert_eq!(c.to, node(&case, "user"));
    assert_eq!(c.from_asset.as_str(), "USDC");
    assert_eq!(c.from_amount, Amount::parse("62423").unwrap());
    assert_eq!(c.to_asset.as_str(), "ETH");
    assert_eq!(c.to_amount, Amount::parse("41.4").unwrap());
    assert!(
        c.evidence.contains(&ConversionEvidence::Guess),
        "{:?}",
        c.evidence
    );
    assert!(!c.doubtful);
}

#[test]
fn the_sender_decides_and_swap_and_send_reaches_the_recipient() {
    let mut case = case_of(
        &[
            ("0xt2", "user", "pool", "1000", "USDT", 100),
            ("0xt2", "pool", "friend", "0.5", "ETH", 100),
        ],
        &[],
    );
    let user = node(&case, "user");
    case.facts.set_sender(&TxHash::from("0xT2"), user);
    let list = conversions(&case, &[]);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].address, user);
    assert_eq!(list[0].to, node(&case, "friend"));
    assert!(list[0].evidence.contains(&ConversionEvidence::Sender));
    assert!(list[0].evidence.contains(&ConversionEvidence::SentOn));
}

#[test]
fn a_wrap_and_a_single_asset_transaction() {
    let case = case_of(
        &[
            ("0xw", "user", "weth", "2", "ETH", 100),
            ("0xw", "weth", "user", "2", "WETH", 100),
            ("0xp", "user", "other", "1", "ETH", 200),
            ("0xp", "other", "third", "1", "ETH", 200),
        ],
        &[("weth", Category::Defi)],
    );
    let list = conversions(&case, &[]);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].kind, ConversionKind::Wrap);
    assert!(wrap_pair_for_test("ETH", "WETH"));
    assert!(!wrap_pair_for_test("ETH", "ETH"));
    assert!(!wrap_pair_for_test("BTC", "WETH"));
}

fn wrap_pair_for_test(a: &str, b: &str) -> bool {
    same_tx::wrap_pair(&Asset::new(a), &Asset::new(b))
}

#[test]
fn a_multi_hop_route_is_one_conversion_from_first_input_to_last_output() {
    let case = case_of(
        &[
            ("0xm", "user", "poolA", "5000", "USDT", 100),
            ("0xm", "poolA", "poolB", "4990", "USDC", 100),
            ("0xm", "poolB", "agg", "2.5", "WETH", 100),
            ("0xm", "agg", "user", "2.5", "ETH", 100),
        ],
        &[
            ("poolA", Category::Defi),
            ("poolB", Category::Defi),
            ("agg", Category::Defi),
        ],
    );
    let list = conversions(&case, &[]);
    assert_eq!(list.len(), 1);
    let c = &list[0];
    assert_eq!(
        (c.from_asset.as_str(), c.to_asset.as_str()),
        ("USDT", "ETH")
    );
    assert!(c.evidence.contains(&ConversionEvidence::OnlyGiver));
    assert!(matches!(&c.evidence[2], ConversionEvidence::Through(v) if v.len() == 3));
    assert!(c.confidence > 0.85);
}

#[test]
fn a_rate_far_from_its_pairs_median_is_doubtful() {
    let mut rows = Vec::new();
    let txs = ["0x1", "0x2", "0x3", "0x4"];
    let outs = ["1", "1.1", "0.9", "500"];
    for (tx, out) in txs.iter().zip(outs) {
        rows.push((*tx, "user", "pool", "2000", "USDC", 100));
        rows.push((*tx, "pool", "user", out, "ETH", 100));
    }
    let case = case_of(&rows, &[("pool", Category::Defi)]);
    let list = conversions(&case, &[]);
    assert_eq!(list.len(), 4);
    let doubtful: Vec<bool> = list.iter().map(|c| c.doubtful).collect();
    assert_eq!(doubtful, vec![false, false, false, true]);
}

#[test]
fn a_thorchain_deposit_pairs_with_its_out_memo_payout() {
    let mut case = case_of(
        &[
            ("0xaa11bb22cc33dd44", "thief", "router", "10", "ETH", 1000),
            ("bf0c01", "vault", "btctx", "0.6", "BTC", 1600),
            ("bf0c01", "btctx", "bc1qdest", "0.55", "BTC", 1600),
            ("bf0c01", "btctx", "vault", "0.05", "BTC", 1600),
        ],
        &[("router", Category::Defi)],
    );
    case.facts.set_memo(
        &TxHash::from("0xaa11bb22cc33dd44"),
        "=:BTC.BTC:bc1qdest:0/1/0",
    );
    case.facts
        .set_memo(&TxHash::from("bf0c01"), "OUT:AA11BB22CC33DD44");
    let list = conversions(&case, &[]);
    assert_eq!(list.len(), 1, "{list:?}");
    let c = &list[0];
    assert_eq!(c.kind, ConversionKind::CrossChain);
    assert_eq!(c.to, node(&case, "bc1qdest"));
    assert_eq!(c.to_amount, Amount::parse("0.55").unwrap());
    assert!(c.confidence > 0.9);
    assert!(matches!(c.evidence[1], ConversionEvidence::OutboundMemo(_)));
}

#[test]
fn without_an_out_memo_the_destination_and_window_pair_with_less_confidence() {
    let mut case = case_of(
        &[
            ("0xaa22", "thief", "router", "10", "ETH", 1000),
            ("cc01", "btctx", "bc1qdest", "0.55", "BTC", 2000),
            ("cc02", "btctx", "bc1qdest", "9", "BTC", 1000 + WINDOW + 10),
        ],
        &[],
    );
    case.facts
        .set_memo(&TxHash::from("0xaa22"), "SWAP:b:bc1qdest");
    let list = conversions(&case, &[]);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].confidence, 0.6);
    assert_eq!(
        list[0].evidence[1],
        ConversionEvidence::DestinationAndTime { seconds: 1000 }
    );
}

const WINDOW: i64 = cross_chain::WINDOW_SECONDS;

#[test]
fn memos_parse_or_are_refused() {
    let m = parse_memo("=:ETH.USDT-0XDAC17F958D2EE523A2206206994597C13D831EC7:0xabc:0").unwrap();
    assert_eq!(m.coin, "USDT");
    assert_eq!(m.chain, Some("ethereum"));
    assert_eq!(m.destination, "0xabc");
    assert_eq!(parse_memo("s:b:bc1q").unwrap().chain, Some("bitcoin"));
    assert_eq!(parse_memo("OUT:ABCDEF"), None);
    assert_eq!(parse_memo("=:BTC.BTC"), None);
    assert_eq!(parse_memo("ADD:BTC.BTC:x"), None);
}

#[test]
fn two_conversions_of_a_pair_are_judged_by_their_dollar_values_not_a_median() {
    let mut case = case_of(
        &[
            ("0x1", "a", "pool", "3000", "DAI", 100),
            ("0x1", "pool", "a", "1", "ETH", 100),
            ("0x2", "b", "pool", "3000", "DAI", 200),
            ("0x2", "pool", "b", "1000", "ETH", 200),
        ],
        &[("pool", Category::Defi)],
    );
    // Without dollar values two rates say nothing of which is wrong.
    let list = conversions(&case, &[]);
    assert!(list.iter().all(|c| !c.doubtful));
    for (k, usd) in ["3000", "3000", "3000", "3000000"].iter().enumerate() {
        case.facts.set_usd(
            crate::model::TransferId(k as u32),
            Amount::parse(usd).unwrap(),
        );
    }
    let list = conversions(&case, &[]);
    let doubtful: Vec<bool> = list.iter().map(|c| c.doubtful).collect();
    assert_eq!(doubtful, [false, true]);
}

#[test]
fn two_deposits_to_one_address_take_one_payout_each() {
    let mut case = case_of(
        &[
            ("0xd1", "t1", "router", "10", "ETH", 1000),
            ("0xd2", "t2", "router", "10", "ETH", 1100),
            ("bb01", "vault", "bc1qdest", "0.5", "BTC", 1500),
            ("bb02", "vault", "bc1qdest", "0.5", "BTC", 1700),
        ],
        &[],
    );
    for tx in ["0xd1", "0xd2"] {
        case.facts.set_memo(&TxHash::from(tx), "=:BTC.BTC:bc1qdest");
    }
    let list = conversions(&case, &[]);
    assert_eq!(list.len(), 2);
    assert_ne!(list[0].outputs, list[1].outputs);
}

#[test]
fn times_at_the_ends_of_the_range_do_not_overflow() {
    let mut case = case_of(
        &[
            ("0xd1", "t1", "router", "10", "ETH", i64::MIN + 1),
            ("bb01", "vault", "bc1qdest", "0.5", "BTC", i64::MAX),
        ],
        &[],
    );
    case.facts
        .set_memo(&TxHash::from("0xd1"), "=:BTC.BTC:bc1qdest");
    assert!(conversions(&case, &[]).is_empty());
}

#[test]
fn without_labels_the_trader_is_the_one_that_held_what_it_paid() {
    // The thief received USDT earlier; the pool's stock is not in the data (as in an export
    // of the thief's address alone).
    let case = case_of(
        &[
            ("0x0", "victim", "thief", "3000", "USDT", 10),
            ("0x1", "thief", "pool", "3000", "USDT", 100),
            ("0x1", "pool", "thief", "1", "WETH", 100),
        ],
        &[],
    );
    let list = conversions(&case, &[]);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].address, node(&case, "thief"));
    assert_eq!(list[0].from_asset.as_str(), "USDT");
}

#[test]
fn a_refund_of_the_input_is_kept_apart_and_the_amount_in_is_net() {
    let case = case_of(
        &[
            ("0x1", "user", "router", "1", "ETH", 100),
            ("0x1", "pool", "user", "2400", "USDC", 100),
            ("0x1", "router", "user", "0.2", "ETH", 100),
        ],
        &[("router", Category::Defi), ("pool", Category::Defi)],
    );
    let list = conversions(&case, &[]);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].from_amount, Amount::parse("0.8").unwrap());
    assert_eq!(list[0].refunds.len(), 1);
}
