//! Builds the bundled label book (`labels/bundled.csv`) from public lists, with hopscope's own
//! readers, so the book holds exactly what the app would read from those files:
//! 1. `labels/curated.csv`: entries checked by hand, each with its sources (first: they win);
//! 2. the OFAC SDN list's digital-currency addresses, as 0xB10C publishes them (MIT; the list
//!    itself is a US Government work), every chain's file;
//! 3. GraphSense TagPacks (MIT) about thefts, sanctions, mixers and exchanges.
//!
//! Each source is read at a pinned commit from a local git copy:
//!
//! ```text
//! cargo run -p hopscope_core --example label_book -- \
//!     --ofac <git dir of 0xB10C/ofac-sanctioned-digital-currency-addresses> \
//!     --tagpacks <git dir of graphsense/graphsense-tagpacks> > crates/hopscope_core/labels/bundled.csv
//! ```
//!
//! An address is kept once: the first list that names it wins. Entries whose category reads as
//! unknown are left out (the book only holds addresses whose role is known).

use std::collections::BTreeSet;
use std::process::Command;

use hopscope_core::format::label_list::read_label_list;
use hopscope_core::model::{Address, Category, LabelEntry};

const OFAC_REPO: &str = "0xB10C/ofac-sanctioned-digital-currency-addresses";
const OFAC_COMMIT: &str = "f2aee2265956bf28ce71824c2c2c8cab02c2e173";
const OFAC_FILES: &[&str] = &[
    "ETH", "XBT", "USDT", "USDC", "TRX", "BSC", "ARB", "ETC", "LTC", "BCH", "BSV", "BTG", "DASH",
    "XMR", "XRP", "XVG", "ZEC",
];
const TAGPACKS_REPO: &str = "graphsense/graphsense-tagpacks";
const TAGPACKS_COMMIT: &str = "29ff93c8ab0db37370453a290b7becba429b73f8";
const TAGPACKS: &[&str] = &[
    "ofac.yaml",
    "lazarus.yaml",
    "lazarus2.yaml",
    "ronin_bridge.yaml",
    "binance_hack.yaml",
    "hacks.yaml",
    "tornado_cash.yaml",
    "blender_io.yaml",
    "plustoken.yaml",
    "exchange-wallets-binance.yaml",
    "exchange-wallets-bybit.yaml",
    "exchange-wallets-okx.yaml",
    "exchange-wallets-huobi.yaml",
    "exchange-wallets-kucoin.yaml",
    "exchange-wallets-bitfinexcom.yaml",
    "exchange-wallets-cryptocom.yaml",
    "exchange-wallets-deribit.yaml",
    "exchange-wallets-swissborg.yaml",
    "etherscan-wordcloud-exchange.yaml",
    "etherscamdb_tagpack.yaml",
];

fn git_show(dir: &str, commit: &str, path: &str) -> String {
    let out = Command::new("git")
        .args(["--git-dir", dir, "show", &format!("{commit}:{path}")])
        .output()
        .unwrap_or_else(|e| panic!("git show {path}: {e}"));
    assert!(
        out.status.success(),
        "git show {commit}:{path} in {dir} failed"
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn arg(name: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
        .unwrap_or_else(|| panic!("missing {name} <git dir>"))
}

fn main() {
    let (ofac, tagpacks) = (arg("--ofac"), arg("--tagpacks"));
    eprintln!("reading {OFAC_REPO} @{OFAC_COMMIT} and {TAGPACKS_REPO} @{TAGPACKS_COMMIT}");
    let mut lists: Vec<(String, String)> = vec![(
        "curated".into(),
        include_str!("../labels/curated.csv").to_owned(),
    )];
    // Each entry's source names the list and, for a tag, the document it cites; the
    // repositories and commits are the constants above.
    for coin in OFAC_FILES {
        let path = format!("sanctioned_addresses_{coin}.txt");
        let name = format!("OFAC SDN list ({OFAC_REPO} {path})");
        lists.push((name, git_show(&ofac, OFAC_COMMIT, &path)));
    }
    for pack in TAGPACKS {
        let path = format!("packs/{pack}");
        lists.push((
            format!("GraphSense TagPack {pack}"),
            git_show(&tagpacks, TAGPACKS_COMMIT, &path),
        ));
    }
    let mut seen: BTreeSet<Address> = BTreeSet::new();
    let mut rows: Vec<(Address, LabelEntry)> = Vec::new();
    for (name, text) in &lists {
        let list_name = if name == "curated" {
            "bundled label book"
        } else {
            name
        };
        let book = read_label_list(text, list_name)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .value;
        let mut entries: Vec<(Address, LabelEntry)> = book.into_entries().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut kept = 0;
        for (address, mut entry) in entries {
            if entry.category == Category::Unknown || !seen.insert(address.clone()) {
                continue;
            }
            if name.starts_with("OFAC") {
                entry.label = "OFAC SDN list: sanctioned".to_owned();
            }
            // `<list> (GraphSense TagPack "<title>"): <url>` → `<list>: <url>`.
            if let Some((list, rest)) = entry.source.split_once(" (GraphSense TagPack \"") {
                let cited = rest.split_once("): ").map(|(_, url)| url);
                entry.source = match cited {
                    Some(url) => format!("{list}: {url}"),
                    None => list.to_owned(),
                };
            }
            rows.push((address, entry));
            kept += 1;
        }
        eprintln!("{kept:>6} from {name}");
    }
    let mut out = csv::Writer::from_writer(std::io::stdout());
    out.write_record(["address", "label", "category", "chain", "source"])
        .expect("write");
    for (address, e) in &rows {
        out.write_record([
            address.as_str(),
            &e.label,
            e.category.as_str(),
            e.chain.as_deref().unwrap_or(""),
            &e.source,
        ])
        .expect("write");
    }
    out.flush().expect("flush");
    eprintln!("{:>6} entries in all", rows.len());
}
