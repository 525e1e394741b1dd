//! Label lists in the shapes people share, from real public samples (`test_data/labels`):
//! GraphSense TagPacks (header fields inherited by each tag, per-tag overrides, a trailing
//! space and a duplicate), the OFAC SDN list's address lists (one chain per address form,
//! three chains in the USDT list), Etherscan label scrapes (CSV with an unnamed index column,
//! JSON maps of address → name and → {name, labels}), `address,nameTag` with a malformed row,
//! Forta's `banned_address,wallet_tag,data_source`: each recognised by content, every entry
//! with its source and a category, and the report saying how many the list named and how many
//! are in the case.

use hopscope_core::format::batch::{combine, read_file};
use hopscope_core::format::label_list::read_label_list;
use hopscope_core::model::{Address, Category, LabelBook, LabelEntry};
use hopscope_core::{Format, ImportOptions};

mod common;
use common::sample;

fn book(file: &str) -> (LabelBook, Vec<String>) {
    let text = sample(&format!("labels/{file}"));
    assert_eq!(Format::detect(&text), Some(Format::LabelList), "{file}");
    let imported = read_label_list(&text, file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let said = imported.warnings.iter().map(|w| w.to_string()).collect();
    (imported.value, said)
}

fn entry<'a>(book: &'a LabelBook, address: &str) -> &'a LabelEntry {
    book.lookup(&Address::new(address))
        .unwrap_or_else(|| panic!("{address} is not in the book"))
}

fn count(book: &LabelBook, category: Category) -> usize {
    book.iter().filter(|(_, e)| e.category == category).count()
}

#[test]
fn tagpacks_inherit_their_header_and_let_tags_override_it() {
    // Ronin: no header label; each tag names itself; abuse service_hack.
    let (ronin, _) = book("ronin_bridge.yaml");
    assert_eq!(ronin.len(), 6);
    let e = entry(&ronin, "0x098B716B8Aaf21512996dC57EB0615e2383E2f96");
    assert_eq!(
        (e.label.as_str(), e.category),
        ("Ronin bridge exploiter", Category::Hacker)
    );
    assert_eq!(e.chain.as_deref(), Some("ethereum"));
    assert!(
        e.source.contains("roninblockchain.substack.com"),
        "{}",
        e.source
    );
    assert!(e
        .source
        .starts_with("ronin_bridge.yaml (GraphSense TagPack \"Ronin bridge hack\")"));
    // Lazarus: the header's label and abuse on every BTC tag.
    let (lazarus, _) = book("lazarus2.yaml");
    assert_eq!(lazarus.len(), 6);
    assert!(lazarus.iter().all(|(_, e)| e.label == "Lazarus group"
        && e.category == Category::Sanctioned
        && e.chain.as_deref() == Some("bitcoin")));
    // Bybit: two chains in one pack, one tag with its own source.
    let (bybit, _) = book("exchange-wallets-bybit.yaml");
    assert_eq!(bybit.len(), 8);
    assert_eq!(count(&bybit, Category::Exchange), 8);
    let chains: std::collections::BTreeSet<_> =
        bybit.iter().filter_map(|(_, e)| e.chain.clone()).collect();
    assert_eq!(
        chains.into_iter().collect::<Vec<_>>(),
        ["bitcoin", "ethereum"]
    );
    // Tornado: 39 tags, one a duplicate with a trailing space.
    let (tornado, said) = book("tornado_cash.yaml");
    assert_eq!(tornado.len(), 38);
    assert_eq!(count(&tornado, Category::Mixer), 38);
    assert!(
        said.iter()
            .any(|w| w.contains("1 address appears more than once")),
        "{said:?}"
    );
}

#[test]
fn ofac_lists_name_each_address_by_its_form() {
    let (usdt, said) = book("sanctioned_addresses_USDT.json");
    assert_eq!(usdt.len(), 26, "{said:?}");
    assert_eq!(count(&usdt, Category::Sanctioned), 26);
    let on = |chain: &str| {
        usdt.iter()
            .filter(|(_, e)| e.chain.as_deref() == Some(chain))
            .count()
    };
    // 11 Tron, 7 Bitcoin-form (Omni), 8 EVM (the 0x form does not settle the chain).
    assert_eq!(
        (
            on("tron"),
            on("bitcoin"),
            usdt.iter().filter(|(_, e)| e.chain.is_none()).count()
        ),
        (11, 0, 8 + 7)
    );
    let (trx, _) = book("sanctioned_addresses_TRX.json");
    assert_eq!(trx.len(), 6);
    let (eth, _) = book("sanctioned_addresses_ETH.head40.txt");
    assert_eq!(eth.len(), 40);
    let e = entry(&eth, "0x01e2919679362dFBC9ee1644Ba9C6da6D6245BB1");
    assert_eq!(e.category, Category::Sanctioned);
    assert_eq!(e.source, "sanctioned_addresses_ETH.head40.txt");
}

#[test]
fn etherscan_scrapes_as_tables_and_json_maps() {
    let (tornado, _) = book("etherscan_tornado-cash.head30.csv");
    assert_eq!(tornado.len(), 30);
    let e = entry(&tornado, "0x12d66f87a04a9e220743712ce6d9bb1b5616b8fc");
    assert_eq!(
        (e.label.as_str(), e.category),
        ("Tornado.Cash: 0.1 ETH", Category::Mixer)
    );
    let (heist, _) = book("bscscan_heist.head40.csv");
    assert_eq!(heist.len(), 40);
    assert!(
        count(&heist, Category::Hacker) >= 35,
        "{}",
        count(&heist, Category::Hacker)
    );
    let (combined, said) = book("combinedAllLabels.subset40.json");
    let kucoin = entry(&combined, "0x689c56aef474df92d44a1b70850f808488f9769c");
    assert_eq!(
        (kucoin.label.as_str(), kucoin.category),
        ("KuCoin 2", Category::Exchange)
    );
    // A name left empty: the label slugs name it.
    let hunter = entry(&combined, "0x9d6971bf21b0e94724a7134371a8f7f41bb9db88");
    assert_eq!(hunter.label, "airdrop-hunter");
    assert_eq!(combined.len(), 40, "{said:?}");
}

#[test]
fn name_tag_tables_keep_what_they_can_and_say_what_they_skip() {
    let (daws, said) = book("hack-addresses.2c0d3bf8.head30.csv");
    // Row 1 has no name: skipped and counted; the malformed row still gives its name.
    assert_eq!(daws.len(), 29, "{said:?}");
    assert!(
        said.iter().any(|w| w.contains("1 address has no name")),
        "{said:?}"
    );
    assert_eq!(
        entry(&daws, "0x9f26ae5cd245bfeeb5926d61497550f79d9c6c1c").category,
        Category::Hacker
    );
    let (forta, _) = book("forta_heist_exploit.csv");
    let ronin = forta
        .iter()
        .find(|(_, e)| e.label == "Ronin Bridge Exploiter 3")
        .map(|(_, e)| e.clone())
        .unwrap();
    assert_eq!(ronin.category, Category::Hacker);
    assert_eq!(ronin.source, "etherscan-exploit-list");
}

#[test]
fn the_report_says_how_many_the_list_named_and_how_many_are_in_the_case() {
    let case = read_file(
        "case.json",
        &common::repo_file("cases/htx-2023-tornado.json"),
        &ImportOptions::default(),
        None,
    );
    let list = read_file(
        "tornado_cash.yaml",
        &sample("labels/tornado_cash.yaml"),
        &ImportOptions::default(),
        None,
    );
    let batch = combine(None, vec![case.into_parsed(), list.into_parsed()]);
    let r = &batch.reports[1];
    assert_eq!(r.format, Some(Format::LabelList));
    assert_eq!(r.labels_named, 38);
    assert!(
        r.labels_in_case >= 1,
        "the demo case holds Tornado Cash pools"
    );
    assert!(
        r.outcome().starts_with("names 38 addresses, "),
        "{}",
        r.outcome()
    );
    // On its own, a list opens as its addresses.
    let alone = combine(
        None,
        vec![read_file(
            "tornado_cash.yaml",
            &sample("labels/tornado_cash.yaml"),
            &ImportOptions::default(),
            None,
        )
        .into_parsed()],
    );
    assert_eq!(alone.case.unwrap().graph.n_nodes(), 38);
    assert_eq!(
        alone.reports[0].outcome(),
        "names 38 addresses; opened on its own, with no transfers"
    );
}

#[test]
fn a_tagpack_of_nested_aliases_is_refused_at_once() {
    // A "billion laughs": each line nine aliases of the one before.
    let mut text = String::from("title: x\na0: &a0 [\"lol\"]\n");
    for i in 1..12 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n"
        ));
    }
    text.push_str("tags:\n- address: '0x098B716B8Aaf21512996dC57EB0615e2383E2f96'\n");
    assert_eq!(Format::detect(&text), Some(Format::LabelList));
    let started = std::time::Instant::now();
    let err = read_label_list(&text, "bomb.yaml").unwrap_err();
    assert!(err.message.contains("alias"), "{err}");
    assert_eq!(err.line, 3);
    assert!(started.elapsed().as_secs() < 2, "refused before expanding");
}
