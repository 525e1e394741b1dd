//! Query tools' result tables and bare edge lists, read with what their columns do not say
//! taken from the data and said in the report: `value` in wei told from decimal amounts, token
//! base units kept exact when the file gives no decimals, `\x` bytea addresses, ISO times with
//! offsets, the chain and asset of Bitcoin, Tron and EVM addresses by their form, a `Chain`
//! column that holds assets.

use hopscope_core::model::Case;
use hopscope_core::{import, Format, ImportOptions, Imported};

mod common;
use common::sample;

fn read(rel: &str) -> Imported<Case> {
    import(&sample(rel), &ImportOptions::default()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// (from, to, amount, asset, chain, time) of every transfer, in file order.
fn rows(case: &Case) -> Vec<(String, String, String, String, String, Option<i64>)> {
    let g = &case.graph;
    g.transfers()
        .iter()
        .map(|t| {
            let from = g.node(t.from).unwrap();
            (
                from.address.to_string(),
                g.node(t.to).unwrap().address.to_string(),
                t.amount.to_string(),
                t.asset.as_str().to_owned(),
                from.chain.as_str().to_owned(),
                t.timestamp,
            )
        })
        .collect()
}

fn said(imported: &Imported<Case>) -> String {
    imported
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn bigquery_transactions_in_wei_read_as_exact_ether() {
    let imported = read("query_tool/ethereum-etl-transactions.csv");
    assert_eq!(imported.format, Format::EdgeListCsv);
    let r = rows(&imported.value);
    assert_eq!(r.len(), 4);
    assert_eq!(
        r[0],
        (
            "0x1406854d149e081ac09cb4ca560da463f3123059".into(),
            "0xa0e74ae010d51894734c308d612131056bb721ad".into(),
            "110".into(),
            "ETH".into(),
            "ethereum".into(),
            Some(1_438_936_285)
        )
    );
    assert_eq!(r[1].2, "8.14041639063076");
    let said = said(&imported);
    assert!(
        said.contains(
            "read as base units (wei, satoshi) because the column \"value\" holds whole numbers"
        ),
        "{said}"
    );
    assert!(
        said.contains("the 0x form is the same on every EVM chain"),
        "{said}"
    );
}

#[test]
fn token_base_units_without_decimals_stay_exact_and_say_so() {
    let imported = read("query_tool/ethereum-etl-token-transfers.csv");
    let r = rows(&imported.value);
    let token = "0xf4eced2f682ce333f96f2d8966c613ded8fc95dd (base units)";
    assert_eq!((r[0].2.as_str(), r[0].3.as_str()), ("100000", token));
    assert_eq!((r[1].2.as_str(), r[1].3.as_str()), ("200000", token));
    let said = said(&imported);
    assert!(
        said.contains("the file does not give its decimals: kept exactly in base units"),
        "{said}"
    );
    assert!(
        !said.contains("asset ETH"),
        "the token is not called ETH: {said}"
    );
}

#[test]
fn dune_bytea_addresses_and_iso_times_with_offsets() {
    let imported = read("query_tool/dune-bytea.csv");
    let r = rows(&imported.value);
    assert_eq!(r[0].0, "0x8b2db5765004eff7966033cd2d199b4f0c523f7c");
    assert_eq!(r[0].1, "0xa160cdab225685da1d56aa342ad8841c3b53f291");
    assert_eq!(r[0].2, "1000.000000000000000001");
    assert_eq!(r[0].5, Some(1_710_123_323));
    // 05:15:23 at +02:00 is 03:15:23 UTC: an hour after the first row.
    assert_eq!(r[1].5, Some(1_710_123_323 + 3600));
    assert_eq!(r[1].2, "0.000000000000000001");
    assert_eq!(r[1].3, "ETH");
    let txs: Vec<String> = imported
        .value
        .graph
        .transfers()
        .iter()
        .map(|t| t.tx.to_string())
        .collect();
    assert!(txs[0].starts_with("0x5a5b37d1"), "{txs:?}");
    // The same address written `\x…` in one row and `\x…` with capitals in another is one node.
    assert_eq!(imported.value.graph.n_nodes(), 3);
}

#[test]
fn bitcoin_and_tron_addresses_name_their_chain() {
    let imported = read("query_tool/bitcoin-edges.csv");
    let r = rows(&imported.value);
    assert!(
        r.iter().all(|row| row.3 == "BTC" && row.4 == "bitcoin"),
        "{r:?}"
    );
    assert_eq!(r[0].2, "0.5");
    let said = said(&imported);
    assert!(
        said.contains("reads as bitcoin, asset BTC (Bitcoin Cash and Bitcoin SV write the same"),
        "{said}"
    );
    assert!(
        said.contains("(bc1…) reads as bitcoin, asset BTC\n")
            || said.ends_with("(bc1…) reads as bitcoin, asset BTC"),
        "{said}"
    );
    let tron = read("query_tool/tron-edges.csv");
    let r = rows(&tron.value);
    assert_eq!(
        (r[0].2.as_str(), r[0].3.as_str(), r[0].4.as_str()),
        ("25000", "USDT", "tron")
    );
}

#[test]
fn a_chain_column_of_assets_is_read_as_the_asset() {
    let imported = read("query_tool/breadcrumbs-like.csv");
    let r = rows(&imported.value);
    assert_eq!(
        (r[0].2.as_str(), r[0].3.as_str()),
        ("0.000000000000000001", "USDT")
    );
    assert_eq!((r[1].2.as_str(), r[1].3.as_str()), ("250.5", "USDC"));
    assert_eq!((r[2].3.as_str(), r[2].4.as_str()), ("ETH", "ethereum"));
    let said = said(&imported);
    assert!(
        said.contains("the column \"Chain\" holds assets, not chains (USDC, USDT)"),
        "{said}"
    );
    assert!(
        said.contains("1 row names a chain but no asset: taken as the chain's coin, ETH"),
        "{said}"
    );
}

#[test]
fn wei_rewritten_by_a_spreadsheet_is_still_wei_and_token_symbols_keep_base_units() {
    // A query result saved again by a spreadsheet: one big integer became `1.5E+21`.
    let text = "from_address,to_address,value\n0x1406854d149e081ac09cb4ca560da463f3123059,0xa0e74ae010d51894734c308d612131056bb721ad,1.5E+21\n0x1406854d149e081ac09cb4ca560da463f3123059,0xa0e74ae010d51894734c308d612131056bb721ad,2000000000000000000\n";
    let imported = import(text, &ImportOptions::default()).unwrap();
    let amounts: Vec<String> = imported
        .value
        .graph
        .transfers()
        .iter()
        .map(|t| t.amount.to_string())
        .collect();
    assert_eq!(amounts, ["1500", "2"]);
    // A token table naming its tokens by symbol: `LTC` here is a token, not Litecoin, so its
    // decimals are not guessed from the coin.
    let tokens = "token_address,symbol,from_address,to_address,value\n0x4338665cbb7b2485a8855a139b75d5e34ab0db94,LTC,0x1406854d149e081ac09cb4ca560da463f3123059,0xa0e74ae010d51894734c308d612131056bb721ad,1000000000000000000\n";
    let imported = import(tokens, &ImportOptions::default()).unwrap();
    let t = &imported.value.graph.transfers()[0];
    assert_eq!(
        (t.amount.to_string(), t.asset.as_str()),
        ("1000000000000000000".to_owned(), "LTC (base units)")
    );
}
