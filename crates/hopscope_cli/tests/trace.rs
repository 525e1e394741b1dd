//! `hopscope trace` prints the trace as one JSON document: on the real Etherscan exports with
//! swaps (test_data/swaps), DAI followed into the assets it was swapped for; with
//! `--no-conversions` kept to DAI; a seed the case lacks is refused with a message.

use std::process::Command;

fn repo(rel: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

const USER: &str = "0x003dc32fe920a4aaeed12dc87e145f030aa753f3";

fn trace(extra: &[&str]) -> std::process::Output {
    let dir = "crates/hopscope_core/test_data/swaps";
    let files: Vec<String> = ["normal", "erc20", "internal"]
        .iter()
        .map(|k| repo(&format!("{dir}/etherscan_0x003dc_{k}_swaps.csv")))
        .collect();
    Command::new(env!("CARGO_BIN_EXE_hopscope"))
        .arg("trace")
        .args(&files)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn trace_prints_the_conversions_used_and_what_each_address_got() {
    let out = trace(&["--seed", USER, "--asset", "DAI", "--method", "fifo"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["asset"], "DAI");
    assert_eq!(report["method"], "fifo");
    let used = report["conversions"].as_array().unwrap();
    let gen_eth = used
        .iter()
        .find(|c| c["tx"].as_str().unwrap().starts_with("0x227a6df0"))
        .expect("the GEN → ETH swap");
    for key in [
        "tx",
        "address",
        "from_asset",
        "from_amount",
        "to_asset",
        "to_amount",
        "kind",
        "confidence",
    ] {
        assert!(!gen_eth[key].is_null(), "{key}");
    }
    assert_eq!(gen_eth["to_amount"], "4.844489901451990949");
    let user = report["addresses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["address"] == USER)
        .unwrap();
    let assets: Vec<&str> = user["received"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["asset"].as_str().unwrap())
        .collect();
    assert!(
        assets.contains(&"ETH") && assets.contains(&"DAI"),
        "{assets:?}"
    );
}

#[test]
fn no_conversions_keeps_to_the_asset_and_a_missing_seed_is_refused() {
    let out = trace(&["--seed", USER, "--asset", "DAI", "--no-conversions"]);
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["conversions"].as_array().unwrap().len(), 0);
    assert_eq!(report["conversions_followed"], false);
    let out = trace(&["--seed", "0xdeadbeef"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--seed 0xdeadbeef: no such address"));
}
