//! Conversions and the trace across them, on real Etherscan exports of an address that swapped
//! on Uniswap, SushiSwap, 1inch and Curve (`test_data/swaps`, source in its README).

mod common;

use common::sample;
use hopscope_core::convert::{conversions, ConversionEvidence, ConversionKind};
use hopscope_core::export::{trace_report, TraceRequest};
use hopscope_core::format::batch::open_files;
use hopscope_core::infer::Patterns;
use hopscope_core::model::{Address, Amount, Asset, TransferId};
use hopscope_core::trace::{trace_across, trace_through, Method, Trace};
use hopscope_core::{Case, ImportOptions};

const USER: &str = "0x003dc32fe920a4aaeed12dc87e145f030aa753f3";

fn real_case() -> Case {
    let files: Vec<(String, String)> = ["normal", "erc20", "internal"]
        .iter()
        .map(|k| {
            let name = format!("swaps/etherscan_0x003dc_{k}_swaps.csv");
            (name.clone(), sample(&name))
        })
        .collect();
    let batch = open_files(None, &files, &ImportOptions::default());
    for r in &batch.reports {
        assert!(r.error.is_none(), "{:?}", r.error);
        assert!(
            !r.warnings.iter().any(|w| w.to_string().contains("fields")),
            "{}: {:?}",
            r.name,
            r.warnings
        );
    }
    batch.case.expect("a case")
}

fn amount(s: &str) -> Amount {
    Amount::parse(s).unwrap()
}

#[test]
fn every_swap_of_the_real_exports_is_found_with_its_amounts() {
    let case = real_case();
    let list = conversions(&case, &[]);
    let user = case.graph.node_by_address(&Address::new(USER)).unwrap();
    let found = |tx: &str| {
        list.iter()
            .find(|c| c.tx.as_str().starts_with(tx))
            .unwrap_or_else(|| panic!("{tx} not found in {list:#?}"))
    };
    // Token for token through the Uniswap V2 router: the user signed it.
    let c = found("0xf6bf99b1");
    assert_eq!(c.address, user);
    assert_eq!(c.from_asset.as_str(), "DAI");
    assert_eq!(c.from_amount, amount("1017.881923452677036281"));
    assert!(c.to_asset.as_str().starts_with("GEN"));
    assert_eq!(c.to_amount, amount("6676.204402690040626853"));
    assert!(c.evidence.contains(&ConversionEvidence::Sender));
    // Token for ETH: the ETH came back as an internal transfer (an 18-field row).
    let c = found("0x227a6df0");
    assert_eq!(c.to_asset.as_str(), "ETH");
    assert_eq!(c.to_amount, amount("4.844489901451990949"));
    assert!(c
        .evidence
        .iter()
        .any(|e| matches!(e, ConversionEvidence::Through(_))));
    // ETH for exact DAI with a refund: what was given net of the refund.
    let c = found("0xdc7199e3");
    assert_eq!(
        c.from_amount,
        amount("4.250173087255895818").saturating_sub(amount("0.020963137916501829"))
    );
    assert_eq!(c.to_amount, amount("1596"));
    // Curve and 1inch stablecoin swaps, Uniswap V1 token to token.
    assert_eq!(found("0xb843b8e8").to_amount, amount("4506.611832"));
    assert_eq!(
        found("0xe1be0420").to_amount,
        amount("551.672841774771849584")
    );
    assert_eq!(found("0x92e6c868").to_amount, amount("2145.86543802"));
    // BADGER for WETH: a swap, not a wrap.
    assert_eq!(found("0x9098aa38").kind, ConversionKind::Swap);
    assert!(list
        .iter()
        .all(|c| c.kind == ConversionKind::Swap && !c.doubtful));
    // The failed swap moved nothing and is not one.
    assert!(list
        .iter()
        .all(|c| !c.tx.as_str().starts_with("0xbb1f6716")));
    assert_eq!(list.len(), 13, "{list:#?}");
}

#[test]
fn the_usd_values_of_the_exports_are_kept_on_their_transfers() {
    let case = real_case();
    let usd: Vec<Amount> = (0..case.graph.n_transfers())
        .filter_map(|k| case.facts.usd(TransferId(k as u32)))
        .collect();
    assert!(usd.contains(&amount("1034.73")), "{usd:?}");
    // ETH rows: `Historical $Price/Eth` (416.04 on that row) times the amount, exactly.
    let internal = case
        .graph
        .transfers()
        .iter()
        .position(|t| t.amount == amount("4.844489901451990949"))
        .unwrap();
    assert_eq!(
        case.facts.usd(TransferId(internal as u32)),
        Some(
            amount("4.844489901451990949")
                .times(amount("416.04"))
                .unwrap()
        )
    );
}

#[test]
fn one_trace_follows_dai_through_gen_into_eth_and_the_strict_one_stops() {
    let case = real_case();
    let user = case.graph.node_by_address(&Address::new(USER)).unwrap();
    let patterns = Patterns::of(&case);
    let dai = Asset::new("DAI");
    let across = trace_across(
        &case,
        &[user],
        &dai,
        Method::Haircut,
        &patterns.absorbing,
        &[],
        &patterns.conversions,
    );
    // DAI → GEN (Uniswap) → ETH (Uniswap): the ETH that came back is stolen, worth the DAI
    // that went in; so is the stolen share of the ETH a router refunded (0xdc7199e3: ETH in
    // for exact DAI, 0.020963137916501829 ETH back).
    let eth = across
        .received_assets(user)
        .iter()
        .find(|(a, _)| a.as_str() == "ETH")
        .map(|(_, v)| *v)
        .unwrap();
    let refund = case
        .graph
        .transfers()
        .iter()
        .position(|t| t.amount == amount("0.020963137916501829"))
        .unwrap();
    assert!(!across.carried[refund].is_zero());
    assert_eq!(
        eth,
        amount("4.844489901451990949").saturating_add(across.carried[refund].get())
    );
    // DAI that came back (ETH → DAI on Uniswap, USDC → DAI on 1inch) is listed as DAI, worth
    // itself: the sum of the stolen part of every DAI transfer to the user.
    let back = across
        .received_assets(user)
        .iter()
        .find(|(a, _)| *a == dai)
        .map(|(_, v)| *v);
    let dai_in = case
        .graph
        .transfers()
        .iter()
        .enumerate()
        .filter(|(_, t)| t.to == user && t.asset == dai)
        .fold(Amount::ZERO, |s, (k, _)| {
            s.saturating_add(across.carried[k].get())
        });
    assert!(dai_in > amount("1000"), "{dai_in}");
    assert_eq!(back, Some(dai_in));
    for (id, total) in &across.received {
        let own = across
            .received_assets(*id)
            .iter()
            .find(|(a, _)| *a == dai)
            .map_or(Amount::ZERO, |(_, v)| *v);
        assert!(own <= *total);
    }
    assert!(across
        .converted
        .iter()
        .any(|c| c.conversion.tx.as_str().starts_with("0x227a6df0")
            && c.stolen_out == amount("4.844489901451990949")));
    let strict = trace_through(
        &case,
        &[user],
        &dai,
        Method::Haircut,
        &patterns.absorbing,
        &[],
    );
    for (id, total) in &strict.received {
        assert_eq!(strict.received_assets(*id), [(dai.clone(), *total)]);
    }
    assert!(strict.converted.is_empty());
    assert!(strict
        .carried
        .iter()
        .zip(case.graph.transfers())
        .all(|(c, t)| c.is_zero() || t.asset == dai));
}

#[test]
fn the_cli_report_lists_the_conversions_used_with_their_evidence() {
    let case = real_case();
    let seeds = [USER.to_owned()];
    let report = trace_report(
        &case,
        &TraceRequest {
            seeds: &seeds,
            asset: Some("DAI"),
            method: Method::Fifo,
            conversions: true,
        },
    )
    .unwrap();
    let used = report["conversions"].as_array().unwrap();
    assert!(used.len() >= 5, "{used:#?}");
    let gen_eth = used
        .iter()
        .find(|c| c["tx"].as_str().unwrap().starts_with("0x227a6df0"))
        .unwrap();
    assert_eq!(gen_eth["to_asset"], "ETH");
    assert_eq!(gen_eth["to_amount"], "4.844489901451990949");
    assert_eq!(gen_eth["kind"], "swap");
    assert!(gen_eth["evidence"][0]
        .as_str()
        .unwrap()
        .contains("one transaction"));
    let strict = trace_report(
        &case,
        &TraceRequest {
            seeds: &seeds,
            asset: Some("DAI"),
            method: Method::Fifo,
            conversions: false,
        },
    )
    .unwrap();
    assert!(strict["conversions"].as_array().unwrap().is_empty());
    let missing = trace_report(
        &case,
        &TraceRequest {
            seeds: &["0xnothere".to_owned()],
            asset: None,
            method: Method::Haircut,
            conversions: true,
        },
    );
    assert!(missing.unwrap_err().contains("0xnothere"));
}

/// Real THORChain deposits (call data) and payouts (OP_RETURN scripts): their memos are read.
#[test]
fn real_thorchain_memos_are_read_from_call_data_and_op_return_scripts() {
    use hopscope_core::convert::parse_memo;
    use hopscope_core::model::memo::memo_in_hex;
    let data: serde_json::Value =
        serde_json::from_str(&sample("thorchain/shapeshift_memos.json")).unwrap();
    let deposits = data["ethereum_deposits"].as_array().unwrap();
    let memos: Vec<String> = deposits
        .iter()
        .map(|d| memo_in_hex(d["input"].as_str().unwrap()).unwrap())
        .collect();
    assert_eq!(
        memos,
        [
            "SWAP:THOR.RUNE:thor19f3dsgetxzssvdmqnplfep5fe42fsrvq9u87ax:",
            "=:b:3GsSTWcQfbEpMQW4nJ6oPr1UhQZZCS74KD:7415381:t:30",
        ]
    );
    let btc = parse_memo(&memos[1]).unwrap();
    assert_eq!(btc.chain, Some("bitcoin"));
    assert_eq!(btc.destination, "3GsSTWcQfbEpMQW4nJ6oPr1UhQZZCS74KD");
    let scripts = data["bitcoin_op_return_scripts"].as_array().unwrap();
    let out = memo_in_hex(scripts[0]["script"].as_str().unwrap()).unwrap();
    assert_eq!(
        out,
        "OUT:B5FE4F2D310D32ADD3D70C1E806E224943A08E73AC89287AB374B6566C4605D8"
    );
    // The importer keeps the deposit's sender and memo: the deposit as Etherscan's API
    // gives a normal transaction (the real fields, in its shape).
    let mut row = deposits[1].clone();
    row["nonce"] = "1".into();
    row["isError"] = "0".into();
    row["txreceipt_status"] = "1".into();
    let text = serde_json::json!({"status": "1", "message": "OK", "result": [row]}).to_string();
    let case = hopscope_core::import(&text, &ImportOptions::default())
        .unwrap()
        .value;
    let tx = hopscope_core::TxHash::from(deposits[1]["hash"].as_str().unwrap().to_owned());
    assert_eq!(case.facts.memo(&tx), Some(memos[1].as_str()));
    let sender = case.facts.sender(&tx).unwrap();
    assert_eq!(
        case.graph.node(sender).unwrap().address.as_str(),
        "0xa2d3301900e429d29179d3c5c7cd8d813e8fbba5"
    );
}

/// The bundled teaching case: one trace of USDT from the hack reaches the exchanges as BTC
/// (through the DEX swap, Tornado Cash's accepted links and THORChain); the strict one stops
/// at the DEX.
#[test]
fn the_bundled_swap_route_is_traced_from_the_hack_to_the_exchanges_in_one_run() {
    use hopscope_core::export::trace_view;
    use hopscope_core::model::Category;
    use hopscope_core::trace::Pools;
    let case = hopscope_core::parse_case(&common::repo_file("cases/swap-route-thorchain.json"))
        .unwrap()
        .value;
    let view = hopscope_core::case_file::restore(case.investigation.as_ref().unwrap(), &case).view;
    let patterns = Patterns::of(&case);
    let kinds: Vec<ConversionKind> = patterns.conversions.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            ConversionKind::Swap,
            ConversionKind::CrossChain,
            ConversionKind::CrossChain
        ]
    );
    let usdt = Asset::new("USDT");
    let across = trace_view(
        &case,
        &view,
        &patterns,
        Method::Haircut,
        &usdt,
        Pools::Absorb,
        true,
    );
    let exchanges: Vec<_> = across
        .cashout
        .iter()
        .map(|(id, _)| *id)
        .filter(|id| case.graph.node(*id).unwrap().category == Category::Exchange)
        .collect();
    assert_eq!(exchanges.len(), 3, "{:?}", across.cashout);
    let btc: Amount = exchanges.iter().fold(Amount::ZERO, |s, id| {
        s.saturating_add(
            across
                .received_assets(*id)
                .iter()
                .find(|(a, _)| a.as_str() == "BTC")
                .unwrap()
                .1,
        )
    });
    assert_eq!(btc, amount("27"));
    // Worth in USDT at the conversions' own rates: 27 of the 49.86 BTC that came out of
    // 1,000 ETH bought with 3,000,000 USDT.
    let worth = Trace::total(&across.cashout);
    assert!(
        worth > amount("1600000") && worth < amount("1700000"),
        "{worth}"
    );
    let strict = trace_view(
        &case,
        &view,
        &patterns,
        Method::Haircut,
        &usdt,
        Pools::Absorb,
        false,
    );
    assert!(strict.cashout.is_empty());
    assert_eq!(Trace::total(&strict.swapped), Amount::ZERO);
    assert!(strict.converted.is_empty());
}

/// A dollar cell or a swap memo that cannot be read is a warning naming where it is; the rest
/// of the file opens.
#[test]
fn unreadable_dollar_cells_and_swap_memos_are_warnings_with_their_place() {
    let header = r#""Txhash","Blockno","UnixTimestamp","DateTime (UTC)","From","To","TokenValue","USDValueDayOfTx","ContractAddress","TokenName","TokenSymbol""#;
    let csv = format!(
        "{header}\n\"0xaa\",\"1\",\"1600000000\",\"2020-09-13 12:26:40\",\"0x1111111111111111111111111111111111111111\",\"0x2222222222222222222222222222222222222222\",\"5\",\"$1,2,3\",\"0xc\",\"Dai\",\"DAI\"\n\"0xbb\",\"1\",\"1600000000\",\"2020-09-13 12:26:40\",\"0x1111111111111111111111111111111111111111\",\"0x2222222222222222222222222222222222222222\",\"5\",\"N/A\",\"0xc\",\"Dai\",\"DAI\"\n"
    );
    let read = hopscope_core::import(&csv, &ImportOptions::default()).unwrap();
    assert_eq!(read.value.graph.n_transfers(), 2);
    let text: Vec<String> = read.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        text.iter()
            .any(|w| w.contains("line 2") && w.contains("USDValueDayOfTx")),
        "{text:?}"
    );
    assert!(!text.iter().any(|w| w.contains("line 3")), "{text:?}");
    let hex: String = "=:BTC.BTC".bytes().map(|b| format!("{b:02x}")).collect();
    let api = serde_json::json!({"status": "1", "message": "OK", "result": [{
        "blockNumber": "1", "timeStamp": "1600000000", "hash": "0xcc", "nonce": "1",
        "from": "0x1111111111111111111111111111111111111111",
        "to": "0x2222222222222222222222222222222222222222", "value": "1000000000000000000",
        "isError": "0", "txreceipt_status": "1", "gasUsed": "21000", "gasPrice": "1",
        "input": format!("0x{hex}")
    }]})
    .to_string();
    let read = hopscope_core::import(&api, &ImportOptions::default()).unwrap();
    let text: Vec<String> = read.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        text.iter()
            .any(|w| w.contains("result[0]") && w.contains("asks for a swap")),
        "{text:?}"
    );
    let case = r#"{"format":"hopscope-case","version":1,"nodes":[{"id":"a"},{"id":"b"}],
        "transfers":[{"tx":"0x1","from":"a","to":"b","amount":"1","asset":"ETH","timestamp":10}],
        "transactions":[{"tx":"0x1","memo":"=:BTC.BTC"},{"tx":"0x2","sender":"nobody"}]}"#;
    let read = hopscope_core::parse_case(case).unwrap();
    let text: Vec<String> = read.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        text.iter()
            .any(|w| w.contains("transactions[0].memo") && w.contains("asks for a swap")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|w| w.contains("transactions[1].sender")),
        "{text:?}"
    );
}

/// The exports carry conversions: the SVG draws each as a labelled edge, the CSV marks each
/// transfer's part in one.
#[test]
fn the_svg_and_csv_exports_include_the_conversions() {
    use hopscope_core::export::{opened, render_case, transfers_csv, SvgOptions};
    let mut case = hopscope_core::parse_case(&common::repo_file("cases/swap-route-thorchain.json"))
        .unwrap()
        .value;
    // Every address shown, as after expanding the whole route.
    case.investigation = None;
    let svg = render_case(&case, &SvgOptions::default());
    assert!(
        svg.contains("3,000,000 USDT → 1,000 ETH"),
        "the swap's edge is labelled"
    );
    assert!(
        svg.contains("500 ETH → 24.93 BTC"),
        "so is each cross-chain swap"
    );
    assert!(
        svg.contains("Dashed teal: conversion"),
        "and the legend says what it is"
    );
    let (view, scene) = opened(&case);
    let csv = transfers_csv(&case, &view, &scene);
    assert!(csv
        .lines()
        .next()
        .unwrap()
        .ends_with(",usd_at_time,conversion"));
    assert!(csv.contains("in: swap 3,000,000 USDT → 1,000 ETH"), "{csv}");
    assert!(
        csv.contains("out: cross-chain swap 500 ETH → 24.93 BTC"),
        "{csv}"
    );
}
