//! The Etherscan family's current export layout: `DateTime (UTC)`, amounts written with their
//! coin (`300 ETH`), the explorer's name tags (`From_Nametag`, `To_Nametag`) kept as labels
//! sourced to the export, token exports naming the token as `Tether USD (USDT)`, columns in
//! any order, the chain taken from the coin (`BNB` is BSC), failed rows skipped and counted.

use hopscope_core::format::etherscan_csv::{detect, EtherscanKind, NAME_TAG_SOURCE};
use hopscope_core::model::Case;
use hopscope_core::{import, Address, Format, ImportOptions, Imported};

mod common;
use common::sample;

fn read(rel: &str) -> Imported<Case> {
    import(&sample(rel), &ImportOptions::default()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// (tx, from, to, amount, asset, chain) of every transfer, in file order.
fn rows(case: &Case) -> Vec<(String, String, String, String, String, String)> {
    let g = &case.graph;
    g.transfers()
        .iter()
        .map(|t| {
            (
                t.tx.as_str()[..6].to_owned(),
                g.node(t.from).unwrap().address.to_string(),
                g.node(t.to).unwrap().address.to_string(),
                t.amount.to_string(),
                t.asset.as_str().to_owned(),
                t.chain
                    .as_ref()
                    .map(|c| c.as_str().to_owned())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

fn label(case: &Case, address: &str) -> Option<(String, String)> {
    let id = case.graph.node_by_text(address)?;
    let n = case.graph.node(id)?;
    Some((n.label.clone()?, n.label_source.clone()?))
}

#[test]
fn recognises_the_current_layouts_in_any_column_order() {
    for (file, kind) in [
        ("etherscan/internal-2025.csv", EtherscanKind::Internal),
        (
            "etherscan/internal-2025-reordered.csv",
            EtherscanKind::Internal,
        ),
        ("etherscan/normal-2025-bsc.csv", EtherscanKind::Normal),
        ("etherscan/tokens-2025.csv", EtherscanKind::Token),
    ] {
        let text = sample(file);
        assert_eq!(detect(text.lines().next().unwrap()), Some(kind), "{file}");
        assert_eq!(read(file).format, Format::EtherscanCsv, "{file}");
    }
}

#[test]
fn internal_transfers_keep_their_coin_their_names_and_every_wei() {
    let imported = read("etherscan/internal-2025.csv");
    let case = &imported.value;
    let pool = "0xa160cdab225685da1d56aa342ad8841c3b53f291";
    let hop = "0x2f6a2cf2d1ac8e4f5e1c1c0a52a2e51cb1e3e2b0";
    let router = "0xd90e2f925da726b50c4ed8d0fb90ad053324f31b";
    assert_eq!(
        rows(case),
        [
            (
                "0x5a5b".into(),
                pool.into(),
                hop.into(),
                "300".into(),
                "ETH".into(),
                "ethereum".into()
            ),
            (
                "0x7c7d".into(),
                hop.into(),
                router.into(),
                "0.000000000000000001".into(),
                "ETH".into(),
                "ethereum".into()
            ),
        ]
    );
    assert_eq!(
        label(case, pool),
        Some(("Tornado.Cash: Router".into(), NAME_TAG_SOURCE.into()))
    );
    assert_eq!(
        label(case, router),
        Some(("THORChain: Router".into(), NAME_TAG_SOURCE.into()))
    );
    assert_eq!(label(case, hop), None, "an empty name tag names nothing");
    let said: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        said.iter().any(|w| w.contains("1 failed transactions")),
        "{said:?}"
    );
    // Another column order reads the same transfer.
    let reordered = read("etherscan/internal-2025-reordered.csv").value;
    assert_eq!(rows(&reordered)[0], rows(case)[0]);
    assert!(case
        .graph
        .node_by_text(&Address::new(pool).to_string())
        .is_some());
}

#[test]
fn the_coin_written_with_the_amount_names_the_chain() {
    let imported = read("etherscan/normal-2025-bsc.csv");
    let case = &imported.value;
    let r = rows(case);
    assert_eq!(r.len(), 1, "the zero-value approval is skipped: {r:?}");
    assert_eq!(
        (r[0].3.as_str(), r[0].4.as_str(), r[0].5.as_str()),
        ("1234.5", "BNB", "bsc")
    );
    let hot = "0x8894e0a0c962cb723c1976a4421c95949be2d4e3";
    assert_eq!(
        label(case, hot).map(|l| l.0),
        Some("Binance: Hot Wallet 6".into())
    );
    let fee = case.graph.transfers()[0].fee.clone().unwrap();
    assert_eq!(fee.to_string(), "0.000021");
    let said: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        !said.iter().any(|w| w.contains("chain taken as ethereum")),
        "{said:?}"
    );
}

#[test]
fn token_exports_name_the_token_and_keep_every_digit() {
    let case = read("etherscan/tokens-2025.csv").value;
    let r = rows(&case);
    assert_eq!(r[0].3, "50");
    assert_eq!(r[0].4, "USDT");
    assert_eq!(r[1].3, "82542769229.90364658");
    assert_eq!(r[1].4, "MEME");
    assert_eq!(
        label(&case, "0xe453b6ba7d8a4b402dff9c1b2da18226c5c2a9d3").map(|l| l.0),
        Some("example.eth".into())
    );
}
