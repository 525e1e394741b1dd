//! Tabular imports with the header rows explorers really write: Etherscan-family CSV exports
//! (normal, internal, token; old and current headers; BscScan), a generic edge list with a
//! sniffed delimiter, and merging several files into one case.

use hopscope_core::format::edge_list::{self, ColumnMapping};
use hopscope_core::format::etherscan_csv::{detect, EtherscanKind};
use hopscope_core::model::Case;
use hopscope_core::{import, Address, Amount, Format, ImportOptions, Imported};
use proptest::prelude::*;

mod common;
use common::sample;

fn read(rel: &str) -> Imported<Case> {
    import(&sample(rel), &ImportOptions::default()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// (from, to, amount, asset, timestamp) of every transfer, in file order.
fn transfers(case: &Case) -> Vec<(String, String, String, String, Option<i64>)> {
    let g = &case.graph;
    g.transfers()
        .iter()
        .map(|t| {
            (
                g.node(t.from).unwrap().address.to_string(),
                g.node(t.to).unwrap().address.to_string(),
                t.amount.to_string(),
                t.asset.as_str().to_owned(),
                t.timestamp,
            )
        })
        .collect()
}

fn messages(imported: &Imported<Case>) -> Vec<String> {
    imported.warnings.iter().map(|w| w.to_string()).collect()
}

#[test]
fn recognises_each_etherscan_export_by_its_header() {
    for (file, kind) in [
        ("etherscan/normal-2024.csv", EtherscanKind::Normal),
        ("etherscan/normal-2021.csv", EtherscanKind::Normal),
        ("etherscan/internal-2024.csv", EtherscanKind::Internal),
        ("etherscan/tokens-2024.csv", EtherscanKind::Token),
        ("etherscan/bscscan-2024.csv", EtherscanKind::Normal),
    ] {
        let text = sample(file);
        assert_eq!(detect(text.lines().next().unwrap()), Some(kind), "{file}");
        assert_eq!(read(file).format, Format::EtherscanCsv, "{file}");
    }
    assert_eq!(
        read("edge_list/semicolon-bom.csv").format,
        Format::EdgeListCsv
    );
}

#[test]
fn a_spreadsheet_resave_without_quotes_is_still_an_etherscan_export() {
    let unquoted = sample("etherscan/normal-2021.csv").replace('"', "");
    let imported = import(&unquoted, &ImportOptions::default()).unwrap();
    assert_eq!(imported.format, Format::EtherscanCsv);
    assert_eq!(imported.value.graph.n_transfers(), 1);
}

#[test]
fn a_token_named_like_the_case_marker_does_not_make_an_export_a_case() {
    let text = r#"{"status":"1","message":"OK","result":[{"blockNumber":"1","timeStamp":"1","hash":"0x1","from":"0xa","to":"0xb","value":"1","tokenName":"hopscope-case","tokenSymbol":"format","tokenDecimal":"0"}]}"#;
    let imported = import(text, &ImportOptions::default()).unwrap();
    assert_eq!(imported.format, Format::EtherscanApi);
}

#[test]
fn normal_transactions_keep_value_transfers_and_skip_failed_and_empty_ones() {
    let imported = read("etherscan/normal-2024.csv");
    let hot = "0x8b2db5765004eff7966033cd2d199b4f0c523f7c";
    assert_eq!(
        transfers(&imported.value),
        vec![
            (
                hot.into(),
                "0xe4b7a2f8d24bb83c7f124a4b4c7a25cb4e4c2e75".into(),
                "1250.5".into(),
                "ETH".into(),
                Some(1_709_294_411)
            ),
            (
                "0x0000000000000000000000000000000000000abc".into(),
                hot.into(),
                "0.5".into(),
                "ETH".into(),
                Some(1_709_294_447)
            ),
            (
                hot.into(),
                "0x00000000000000000000000000000000000c0de1".into(),
                "0.25".into(),
                "ETH".into(),
                Some(1_709_294_459)
            ),
        ]
    );
    let first = &imported.value.graph.transfers()[0];
    assert_eq!(
        first.fee.as_ref().map(hopscope_core::model::Packed::get),
        Some(Amount::parse("0.00210432").unwrap())
    );
    assert_eq!(first.block, Some(19_340_001));
    assert_eq!(first.chain.as_ref().map(|c| c.as_str()), Some("ethereum"));
    let m = messages(&imported).join("\n");
    assert!(m.contains("1 failed transactions"), "{m}");
    assert!(m.contains("1 zero-value transactions"), "{m}");
    assert!(m.contains("chain taken as ethereum"), "{m}");
}

#[test]
fn old_headers_internal_and_token_exports_and_other_chains() {
    let old = read("etherscan/normal-2021.csv").value;
    assert_eq!(transfers(&old)[0].2, "10");

    let internal = read("etherscan/internal-2024.csv");
    let t = transfers(&internal.value);
    assert_eq!(t.len(), 1, "the failed internal call is skipped");
    assert_eq!(
        t[0].0, "0xa160cdab225685da1d56aa342ad8841c3b53f291",
        "From is the pool"
    );
    assert_eq!(
        t[0].1, "0x9aa440d4399868f43d0d056fc255a7afae2efdef",
        "TxTo is the recipient"
    );
    assert_eq!(t[0].2, "100");

    let tokens = transfers(&read("etherscan/tokens-2024.csv").value);
    assert_eq!(
        tokens
            .iter()
            .map(|t| (t.2.as_str(), t.3.as_str()))
            .collect::<Vec<_>>(),
        [("3100000", "USDT"), ("1750000.5", "USDT")]
    );

    let bsc = read("etherscan/bscscan-2024.csv");
    let t = &bsc.value.graph.transfers()[0];
    assert_eq!(
        (t.asset.as_str(), t.amount.to_string()),
        ("BNB", "42.42".to_owned())
    );
    assert_eq!(t.chain.as_ref().map(|c| c.as_str()), Some("bsc"));
    assert!(bsc.warnings.is_empty(), "{:?}", bsc.warnings);

    let arbitrum = ImportOptions {
        chain: Some("arbitrum".into()),
        ..ImportOptions::default()
    };
    let arb = import(&sample("etherscan/normal-2021.csv"), &arbitrum).unwrap();
    assert_eq!(
        arb.value.graph.transfers()[0]
            .chain
            .as_ref()
            .map(|c| c.as_str()),
        Some("arbitrum")
    );
    assert!(arb.warnings.is_empty(), "the user named the chain");
}

#[test]
fn edge_list_with_bom_semicolons_and_crlf_reports_every_bad_row_by_line() {
    let imported = read("edge_list/semicolon-bom.csv");
    let t = transfers(&imported.value);
    assert_eq!(
        t,
        vec![
            (
                "0xaaa".into(),
                "0xbbb".into(),
                "1250.5".into(),
                "ETH".into(),
                Some(1_709_294_400)
            ),
            (
                "0xbbb".into(),
                "0xccc".into(),
                "12".into(),
                "ETH".into(),
                Some(1_709_337_600)
            ),
            // The same row again in one file, with no index to tell them apart, is a second
            // equal transfer (two equal payouts in one transaction), not a duplicate.
            (
                "0xbbb".into(),
                "0xccc".into(),
                "12".into(),
                "ETH".into(),
                Some(1_709_337_600)
            ),
        ]
    );
    let m = messages(&imported);
    let located: Vec<&str> = m.iter().filter_map(|w| w.split(':').next()).collect();
    assert_eq!(located, ["line 4", "line 5", "line 6", "line 7"], "{m:#?}");
    assert!(m[0].contains("no sender or recipient"));
    assert!(m[2].contains("3 fields where the header has 6"));
    assert!(m[3].contains("comma that is not a thousands separator"));
}

#[test]
fn an_unsure_edge_list_asks_for_a_mapping_and_reads_with_one() {
    let text = sample("edge_list/unsure.csv");
    let err = import(&text, &ImportOptions::default()).expect_err("columns are not recognisable");
    assert!(
        err.message.contains("choose them in the column dialog"),
        "{err}"
    );
    assert!(err.message.contains("col_a, col_b, col_c"), "{err}");
    assert_eq!(edge_list::headers(&text), ["col_a", "col_b", "col_c"]);
    let mapping = ColumnMapping {
        from: 0,
        to: 1,
        amount: 2,
        ..ColumnMapping::default()
    };
    let imported =
        edge_list::parse_edge_list(&text, &ImportOptions::default(), Some(&mapping)).unwrap();
    assert_eq!(
        transfers(&imported.value),
        vec![("1".into(), "2".into(), "3".into(), "?".into(), None)]
    );
    let bad = ColumnMapping {
        from: 0,
        to: 1,
        amount: 9,
        ..ColumnMapping::default()
    };
    assert!(edge_list::parse_edge_list(&text, &ImportOptions::default(), Some(&bad)).is_err());
}

#[test]
fn several_files_merge_into_one_case_and_the_same_transfer_is_kept_once() {
    let mut case = read("etherscan/normal-2024.csv").value;
    let tokens = read("etherscan/tokens-2024.csv").value;
    let report = case.merge(tokens);
    assert_eq!((report.new_transfers, report.duplicate_transfers), (2, 0));
    assert_eq!(case.graph.n_transfers(), 5);
    // The hot wallet is one node although both files name it.
    assert!(case
        .graph
        .node_by_address(&Address::new("0x8B2DB5765004EFF7966033CD2D199B4F0C523F7C"))
        .is_some());
    let n_nodes = case.graph.n_nodes();
    let again = read("etherscan/normal-2024.csv").value;
    let report = case.merge(again);
    assert_eq!(
        (
            report.new_nodes,
            report.new_transfers,
            report.duplicate_transfers
        ),
        (0, 0, 3)
    );
    assert_eq!(case.graph.n_nodes(), n_nodes);
}

#[test]
fn an_eight_megabyte_line_is_skipped_with_a_reason() {
    let huge = "a".repeat(8 << 20);
    let text = format!("from,to,amount\n{huge},b,1\nc,d,2\n");
    let imported = import(&text, &ImportOptions::default()).expect("the other rows still read");
    assert_eq!(imported.value.graph.n_transfers(), 1);
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.message.contains("longer than 256 characters")),
        "{:?}",
        imported.warnings
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(1000)))]
    #[test]
    fn tabular_importers_never_panic(junk in "\\PC{0,300}", line in 0usize..8, header in 0usize..3) {
        let headers = [
            sample("etherscan/normal-2024.csv"),
            sample("etherscan/internal-2024.csv"),
            sample("edge_list/semicolon-bom.csv"),
        ];
        let base = &headers[header];
        let mut lines: Vec<&str> = base.lines().collect();
        let at = line.min(lines.len());
        lines.insert(at, &junk);
        let text = lines.join("\n");
        let _ = import(&text, &ImportOptions::default());
        let _ = import(&junk, &ImportOptions::default());
    }
}

#[test]
fn reading_a_big_table_reports_progress_as_it_goes() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let mut text = String::from("from,to,amount,asset,tx\n");
    let mut i = 0u64;
    while text.len() < 3 * 1024 * 1024 + 100 {
        text.push_str(&format!(
            "0x{:040x},0x{:040x},1.5,ETH,0x{i:064x}\n",
            i % 997,
            i % 991 + 5000
        ));
        i += 1;
    }
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    let options = ImportOptions {
        progress: hopscope_core::format::Progress::new(move |done| sink.borrow_mut().push(done)),
        ..ImportOptions::default()
    };
    let case = hopscope_core::import(&text, &options).expect("reads").value;
    assert_eq!(case.graph.n_transfers() as u64, i);
    let seen = seen.borrow();
    assert_eq!(seen.len(), 3, "one report per MiB passed: {seen:?}");
    assert!(seen.windows(2).all(|w| w[0] < w[1]) && *seen.last().unwrap() <= text.len());
}

#[test]
fn a_fake_usdt_is_a_different_asset_from_tethers() {
    let header = "\"Transaction Hash\",\"Blockno\",\"UnixTimestamp\",\"DateTime (UTC)\",\"From\",\"To\",\"TokenValue\",\"USDValueDayOfTx\",\"ContractAddress\",\"TokenName\",\"TokenSymbol\"";
    let row = |tx: &str, contract: &str| {
        format!("\"{tx}\",\"1\",\"1700635931\",\"2023-11-22 06:52:11\",\"0x8b2db5765004eff7966033cd2d199b4f0c523f7c\",\"0xe3d5cfff3d68135f62b0586cc250b4c93829a994\",\"1000\",\"$1,000.00\",\"{contract}\",\"Tether USD\",\"USDT\"")
    };
    let fake = "0xdac17f958d2ee523a2206206994597c13d831ec8";
    let text = format!(
        "{header}\n{}\n{}\n",
        row("0x01", "0xdac17f958d2ee523a2206206994597c13d831ec7"),
        row("0x02", fake)
    );
    let case = import(&text, &ImportOptions::default()).unwrap().value;
    let (_, _, flow) = case.graph.flows().next().unwrap();
    let totals: Vec<(String, String)> = case
        .graph
        .sums(flow)
        .totals
        .iter()
        .map(|(a, v)| (a.as_str().to_owned(), v.to_string()))
        .collect();
    assert_eq!(
        totals,
        [
            ("USDT".to_owned(), "1000".to_owned()),
            (format!("USDT ({fake})"), "1000".to_owned())
        ]
    );
}
