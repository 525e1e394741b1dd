//! API JSON imports with the field names the APIs really use: Etherscan-family `txlist`,
//! `txlistinternal`, `tokentx` (values in base units), error responses, and Bitcoin
//! transactions from Esplora modelled as address → transaction → address.

use hopscope_core::model::Case;
use hopscope_core::{import, Address, Amount, Format, ImportOptions, Imported};
use proptest::prelude::*;

mod common;
use common::sample;

fn read(rel: &str) -> Imported<Case> {
    import(&sample(rel), &ImportOptions::default()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn amounts(case: &Case) -> Vec<(String, String, String)> {
    let g = &case.graph;
    g.transfers()
        .iter()
        .map(|t| {
            (
                g.node(t.to).unwrap().address.to_string(),
                t.amount.to_string(),
                t.asset.as_str().to_owned(),
            )
        })
        .collect()
}

#[test]
fn txlist_values_are_wei_fees_are_gas_times_price_and_failures_are_skipped() {
    let imported = read("etherscan_api/txlist.json");
    assert_eq!(imported.format, Format::EtherscanApi);
    assert_eq!(
        amounts(&imported.value),
        [(
            "0x3dd49f67e9d5bc4c5e6634b3f70bfd9dc1b6bd74".into(),
            "1.5".into(),
            "ETH".into()
        )]
    );
    let t = &imported.value.graph.transfers()[0];
    // 21000 gas × 6476896228 wei = 136014820788000 wei.
    assert_eq!(
        t.fee.as_ref().map(hopscope_core::model::Packed::get),
        Some(Amount::parse("0.000136014820788").unwrap())
    );
    assert_eq!(
        (t.timestamp, t.block),
        (Some(1_665_137_219), Some(15_695_524))
    );
    let m: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        m.iter().any(|w| w.contains("1 failed transactions")),
        "{m:?}"
    );
    assert!(
        m.iter().any(|w| w.contains("1 zero-value transactions")),
        "{m:?}"
    );
}

#[test]
fn internal_and_token_transfers_use_their_own_units() {
    let internal = read("etherscan_api/txlistinternal.json");
    assert_eq!(amounts(&internal.value)[0].1, "100");
    assert!(
        internal.value.graph.transfers()[0].index.is_some(),
        "the traceId places it in its transaction"
    );
    // Two equal internal transfers of one transaction, told apart by their traceId.
    let twice = sample("etherscan_api/txlistinternal.json").replace("}\n]}", "},\n{\"blockNumber\":\"19450000\",\"timeStamp\":\"1710633600\",\"hash\":\"0xb2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1\",\"from\":\"0xa160cdab225685da1d56aa342ad8841c3b53f291\",\"to\":\"0x9aa440d4399868f43d0d056fc255a7afae2efdef\",\"value\":\"100000000000000000000\",\"contractAddress\":\"\",\"input\":\"\",\"type\":\"call\",\"gas\":\"2300\",\"gasUsed\":\"0\",\"traceId\":\"0_2\",\"isError\":\"0\",\"errCode\":\"\"}\n]}");
    let both = import(&twice, &ImportOptions::default()).unwrap();
    assert_eq!(both.value.graph.n_transfers(), 2);
    let again = import(
        &sample("etherscan_api/txlistinternal.json"),
        &ImportOptions::default(),
    )
    .unwrap()
    .value;
    let mut merged = both.value;
    assert_eq!(
        merged.merge(again).duplicate_transfers,
        1,
        "the same trace from another file is the same transfer"
    );
    assert_eq!(internal.value.title, "Etherscan API: internal transactions");
    let tokens = read("etherscan_api/tokentx.json");
    assert_eq!(
        amounts(&tokens.value),
        [(
            "0xffea26119c2cf4d123f2e5ad1c070798ba1352c5".into(),
            "55".into(),
            "USDT".into()
        )]
    );
    assert_eq!(
        tokens.value.graph.transfers()[0].fee,
        None,
        "a token transfer's gas is not its fee"
    );
}

#[test]
fn an_error_response_is_an_error_and_an_empty_one_an_empty_case() {
    let err = import(
        &sample("etherscan_api/error.json"),
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(err.message.contains("Max rate limit reached"), "{err}");
    let empty = read("etherscan_api/empty.json");
    assert_eq!(empty.value.graph.n_transfers(), 0);
    let bsc = ImportOptions {
        chain: Some("bsc".into()),
        ..ImportOptions::default()
    };
    let on_bsc = import(&sample("etherscan_api/txlist.json"), &bsc).unwrap();
    assert_eq!(on_bsc.value.graph.transfers()[0].asset.as_str(), "BNB");
}

#[test]
fn bitcoin_transactions_sit_between_their_inputs_and_outputs() {
    let imported = read("esplora/tx.json");
    assert_eq!(imported.format, Format::Esplora);
    let g = &imported.value.graph;
    let tx = g
        .node_by_address(&Address::new(
            "efb6659d27c1f8cd4c0964e8abbf7921b53570b7680453226a981b443fd539b4",
        ))
        .unwrap();
    assert_eq!(g.node(tx).unwrap().tags, ["transaction"]);
    let sender = g
        .node_by_address(&Address::new("bc1qf27trwp5dq5lp6rwgxt7aedpndqkrvyx7rtfz5"))
        .unwrap();
    let t = g.transfers();
    assert_eq!(t.len(), 3, "one input, two outputs with an address");
    assert_eq!(
        (t[0].from, t[0].to, t[0].amount.to_string()),
        (sender, tx, "0.00052454".into())
    );
    assert_eq!(
        (t[2].from, t[2].to, t[2].amount.to_string()),
        (tx, sender, "0.00018188".into()),
        "change back to the sender"
    );
    assert_eq!(t[1].index, Some(0));
    assert_eq!(t[0].timestamp, Some(1_668_494_519));
    assert!(imported
        .warnings
        .iter()
        .any(|w| w.message.contains("outputs without an address")));

    let many = read("esplora/address-txs.json");
    let g = &many.value.graph;
    let spend = g
        .node_by_address(&Address::new(
            "1111111111111111111111111111111111111111111111111111111111111111",
        ))
        .unwrap();
    assert_eq!(
        g.transfers().iter().filter(|t| t.to == spend).count(),
        2,
        "both inputs of the multi-input spend"
    );
    assert!(many.warnings.iter().any(|w| w.message.contains("coinbase")));
    let unconfirmed = g
        .transfers()
        .iter()
        .find(|t| t.amount == Amount::parse("6.25").unwrap())
        .unwrap();
    assert_eq!(unconfirmed.timestamp, None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(1000)))]
    #[test]
    fn api_importers_never_panic(junk in "\\PC{0,200}", cut in 0usize..3000, which in 0usize..4) {
        let files = ["etherscan_api/txlist.json", "etherscan_api/tokentx.json", "esplora/tx.json", "esplora/address-txs.json"];
        let text = sample(files[which]);
        let mut end = cut.min(text.len());
        while !text.is_char_boundary(end) { end -= 1; }
        let _ = import(&format!("{}{}{}", &text[..end], junk, &text[end..]), &ImportOptions::default());
        let _ = import(&text[..end], &ImportOptions::default());
    }
}

#[test]
fn a_token_transfer_in_a_csv_export_and_in_the_api_with_its_log_index_is_stored_once() {
    use hopscope_core::format::batch::open_files;
    let csv = "\"Transaction Hash\",\"Blockno\",\"UnixTimestamp\",\"DateTime (UTC)\",\"From\",\"To\",\"TokenValue\",\"USDValueDayOfTx\",\"ContractAddress\",\"TokenName\",\"TokenSymbol\"\n\
\"0xaa01\",\"18625000\",\"1700635931\",\"2023-11-22 06:52:11\",\"0x8b2db5765004eff7966033cd2d199b4f0c523f7c\",\"0xe3d5cfff3d68135f62b0586cc250b4c93829a994\",\"5\",\"$5.00\",\"0xdac17f958d2ee523a2206206994597c13d831ec7\",\"Tether USD\",\"USDT\"\n\
\"0xaa01\",\"18625000\",\"1700635931\",\"2023-11-22 06:52:11\",\"0x8b2db5765004eff7966033cd2d199b4f0c523f7c\",\"0xe3d5cfff3d68135f62b0586cc250b4c93829a994\",\"5\",\"$5.00\",\"0xdac17f958d2ee523a2206206994597c13d831ec7\",\"Tether USD\",\"USDT\"\n";
    let row = |log: u32| {
        format!(
            r#"{{"blockNumber":"18625000","timeStamp":"1700635931","hash":"0xAA01","from":"0x8b2db5765004eff7966033cd2d199b4f0c523f7c","contractAddress":"0xdac17f958d2ee523a2206206994597c13d831ec7","to":"0xe3d5cfff3d68135f62b0586cc250b4c93829a994","value":"5000000","tokenName":"Tether USD","tokenSymbol":"USDT","tokenDecimal":"6","logIndex":"{log}","transactionIndex":"1","gas":"1","gasPrice":"1","gasUsed":"1","cumulativeGasUsed":"1","input":"deprecated","confirmations":"1"}}"#
        )
    };
    // Two equal transfers in one transaction (logs 4 and 11), and log 4 again from an
    // overlapping page.
    let api = format!(
        r#"{{"status":"1","message":"OK","result":[{},{},{}]}}"#,
        row(4),
        row(11),
        row(4)
    );
    let files = vec![
        ("tokens.csv".to_owned(), csv.to_owned()),
        ("tokentx.json".to_owned(), api),
    ];
    let batch = open_files(None, &files, &ImportOptions::default());
    let case = batch.case.expect("a case");
    assert_eq!(case.graph.n_transfers(), 2, "{:?}", batch.reports);
    assert_eq!(batch.reports[1].duplicate_transfers, 2);
    assert_eq!(batch.reports[1].new_transfers, 0);
}
