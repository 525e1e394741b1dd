//! The worker's binary answer: every fixture, read and sent across, arrives as the same case
//! it was (nodes, transfers, flows, seeds, warnings, format), a table that asks for a column
//! mapping arrives with its header row, and damaged bytes are an error, never a panic.

mod common;

use hopscope_core::format::batch::read_file;
use hopscope_core::format::label_list::bundled;
use hopscope_core::format::wire::{
    decode, decode_from, encode, is_wire, read_case_from, write_case, CaseSave, Frames, ReadFile,
};
use hopscope_core::{Case, ImportOptions};
use proptest::prelude::*;

fn fixtures() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let root = common::repo_path("crates/hopscope_core/test_data");
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                out.push((path.display().to_string(), text));
            }
        }
    }
    for case in ["cases/htx-2023-tornado.json", "cases/textbook-ten.json"] {
        out.push((case.to_owned(), common::repo_file(case)));
    }
    out.sort();
    assert!(out.len() >= 10, "fixtures found: {}", out.len());
    out
}

fn same_case(a: &Case, b: &Case, name: &str) {
    assert_eq!(
        (&a.title, &a.notes, &a.seeds),
        (&b.title, &b.notes, &b.seeds),
        "{name}"
    );
    let nodes = |c: &Case| {
        c.graph
            .nodes()
            .map(|(id, n)| (id, n.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(nodes(a), nodes(b), "{name}: nodes");
    assert_eq!(
        a.graph.transfers(),
        b.graph.transfers(),
        "{name}: transfers"
    );
    let flows = |c: &Case| {
        c.graph
            .flows()
            .map(|(s, t, f)| (s, t, f.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(flows(a), flows(b), "{name}: flows");
}

#[test]
fn every_fixture_crosses_unchanged() {
    let options = ImportOptions {
        chain: Some("ethereum".into()),
        ..ImportOptions::default()
    };
    let read: Vec<ReadFile> = fixtures()
        .iter()
        .map(|(name, text)| read_file(name, text, &options, None))
        .collect();
    let back = decode(&encode(&read)).expect("decodes");
    assert_eq!(back.len(), read.len());
    let mut n_cases = 0;
    for (sent, got) in read.iter().zip(&back) {
        assert_eq!(
            (&sent.name, sent.detected, &sent.headers),
            (&got.name, got.detected, &got.headers)
        );
        match (&sent.result, &got.result) {
            (Ok(a), Ok(b)) => {
                assert_eq!(
                    (a.format, &a.warnings),
                    (b.format, &b.warnings),
                    "{}",
                    sent.name
                );
                same_case(&a.value, &b.value, &sent.name);
                // Shown with the bundled book on both sides of the worker.
                if a.format != hopscope_core::Format::LabelList {
                    assert_eq!(
                        (a.value.book.len(), b.value.book.len()),
                        (bundled().len(), bundled().len()),
                        "{}",
                        sent.name
                    );
                }
                n_cases += usize::from(a.value.graph.n_transfers() > 0);
            }
            (Err(a), Err(b)) => assert_eq!(a, b),
            _ => panic!("{}: result changed kind", sent.name),
        }
    }
    assert!(n_cases >= 8, "only {n_cases} fixtures had transfers");
}

#[test]
fn an_unsure_table_carries_its_header_row() {
    let read = read_file(
        "u.csv",
        "payer_wallet;payee_wallet;sum\nx;y;3\n",
        &ImportOptions::default(),
        None,
    );
    assert_eq!(read.headers, ["payer_wallet", "payee_wallet", "sum"]);
    let back = decode(&encode(&[read])).unwrap();
    assert_eq!(back[0].headers, ["payer_wallet", "payee_wallet", "sum"]);
    assert!(back[0].result.is_err());
}

#[test]
fn identical_rows_of_one_file_stay_two_transfers_after_crossing() {
    let text = "from,to,amount,asset,tx\na,b,1,ETH,0x1\na,b,1,ETH,0x1\n";
    let read = read_file("twice.csv", text, &ImportOptions::default(), None);
    let back = decode(&encode(&[read])).unwrap();
    let case = &back[0].result.as_ref().unwrap().value;
    assert_eq!(case.graph.n_transfers(), 2);
}

#[test]
fn a_case_that_crossed_merges_like_the_one_sent() {
    // Two equal rows (the second stored as a later occurrence) and a third transfer.
    let text = "from,to,amount,asset,tx\na,b,1,ETH,0x1\na,b,1,ETH,0x1\nb,c,2,ETH,0x2\n";
    let read = || read_file("twice.csv", text, &ImportOptions::default(), None);
    let mut back = decode(&encode(&[read()]))
        .unwrap()
        .remove(0)
        .result
        .unwrap()
        .value;
    let again = read().result.unwrap().value;
    let report = back.merge(again);
    assert_eq!(
        (report.new_transfers, report.duplicate_transfers),
        (0, 3),
        "the same file again adds nothing"
    );
    let more = "from,to,amount,asset,tx\na,b,1,ETH,0x1\na,b,1,ETH,0x1\na,b,1,ETH,0x1\n";
    let third = read_file("more.csv", more, &ImportOptions::default(), None);
    let report = back.merge(third.result.unwrap().value);
    assert_eq!((report.new_transfers, report.duplicate_transfers), (1, 2));
}

#[test]
fn a_case_saved_in_this_form_reads_back_as_a_case_file() {
    let text = common::repo_file("cases/htx-2023-tornado.json");
    let case = read_file("htx.json", &text, &ImportOptions::default(), None)
        .result
        .unwrap()
        .value;
    let mut saved = Vec::new();
    write_case(&case, "HTX", &mut saved).unwrap();
    assert!(is_wire(saved.as_slice()));
    assert!(
        !is_wire(text.as_bytes()),
        "a case file's text is not this form"
    );
    let back = decode(&saved).unwrap().remove(0);
    assert_eq!(
        (back.name.as_str(), back.detected),
        ("HTX", Some(hopscope_core::Format::CaseV1))
    );
    let named = read_case_from(saved.as_slice(), "HTX (autosaved)").unwrap();
    assert_eq!(named.name, "HTX (autosaved)");
    assert!(
        read_case_from(encode(&[]).as_slice(), "none").is_err(),
        "no case in it"
    );
    let back = back.result.unwrap();
    assert_eq!(back.format, hopscope_core::Format::CaseV1);
    same_case(&case, &back.value, "htx");
    assert_eq!(case.sources, back.value.sources);
    assert_eq!(case.facts, back.value.facts);
    assert_eq!(case.story.is_some(), back.value.story.is_some());
}

#[test]
fn an_exports_senders_cross_and_are_sorted_for_lookups() {
    let mut text = String::from("\"Transaction Hash\",\"Blockno\",\"UnixTimestamp\",\"DateTime (UTC)\",\"From\",\"To\",\"ContractAddress\",\"Value_IN(ETH)\",\"Value_OUT(ETH)\",\"CurrentValue @ $2084.3165498016/Eth\",\"TxnFee(ETH)\",\"TxnFee(USD)\",\"Historical $Price/Eth\",\"Status\",\"ErrCode\",\"Method\"\n");
    for i in 0..5_000u64 {
        text.push_str(&format!(
            "\"0x{:064x}\",\"{}\",\"{}\",\"2023-11-14 22:13:20\",\"0x{:040x}\",\"0x{:040x}\",\"\",\"0\",\"1.5\",\"1.0\",\"0.00021\",\"0.44\",\"2084.31\",\"\",\"\",\"Transfer\"\n",
            i.wrapping_mul(0x9E37_79B9_7F4A_7C15),
            18_000_000 + i,
            1_700_000_000 + i * 12,
            i % 101,
            i % 103 + 200,
        ));
    }
    let read = read_file("export.csv", &text, &ImportOptions::default(), None);
    let sent = &read.result.as_ref().unwrap().value;
    assert_eq!(sent.facts.n_transactions(), 5_000, "every row's sender");
    assert!(sent.facts.settled());
    let back = decode(&encode(std::slice::from_ref(&read)))
        .unwrap()
        .remove(0)
        .result
        .unwrap()
        .value;
    assert_eq!(sent.facts, back.facts);
    assert!(back.facts.settled(), "looked up by binary search once read");
}

/// An autosave in layout 3, the first that a build past development wrote (made by
/// `cargo run -p hopscope_core --example saved_sample`): the page must go on reading it
/// whatever the layout becomes (keep a reader for it when `VERSION` moves).
const SAVED_V3: &str = "crates/hopscope_core/tests/saved/textbook-ten.v3.bin";

#[test]
fn a_version_3_autosave_still_reads() {
    let bytes = std::fs::read(common::repo_path(SAVED_V3)).expect("the saved sample");
    let saved = decode(&bytes).expect("reads").remove(0);
    assert_eq!(saved.name, "Textbook ten");
    let text = common::repo_file("cases/textbook-ten.json");
    let case = read_file("t.json", &text, &ImportOptions::default(), None)
        .result
        .unwrap()
        .value;
    let back = saved.result.unwrap().value;
    same_case(&case, &back, "textbook-ten");
    assert_eq!(case.sources, back.sources);
}

/// A frame source that remembers the most it was asked to copy at once.
struct Counted<'a>(&'a [u8], std::cell::Cell<usize>);

impl Frames for Counted<'_> {
    fn size(&self) -> usize {
        self.0.len()
    }

    fn copy(&self, range: std::ops::Range<usize>, out: &mut Vec<u8>) {
        self.1.set(self.1.get().max(range.len()));
        self.0.copy(range, out);
    }
}

#[test]
fn a_big_case_crosses_in_frames_much_smaller_than_itself() {
    let mut text = String::from("from,to,amount,asset,tx,timestamp\n");
    for i in 0..30_000u64 {
        text.push_str(&format!(
            "0x{:040x},0x{:040x},{}.{:018},ETH,0x{:064x},{}\n",
            i % 997,
            (i * 7) % 1009,
            i,
            i * 31,
            i / 2,
            1_700_000_000 + i
        ));
    }
    let read = read_file("big.csv", &text, &ImportOptions::default(), None);
    let sent = &read.result.as_ref().unwrap().value;
    assert_eq!(sent.graph.n_transfers(), 30_000);
    let bytes = encode(std::slice::from_ref(&read));
    let source = Counted(&bytes, std::cell::Cell::new(0));
    let back = decode_from(&source)
        .unwrap()
        .remove(0)
        .result
        .unwrap()
        .value;
    same_case(sent, &back, "big.csv");
    // Saved a piece at a time: the same bytes as at once, in many steps.
    let mut at_once = Vec::new();
    write_case(sent, "big", &mut at_once).unwrap();
    let mut save = CaseSave::new(sent, "big");
    let (mut pieces, mut steps) = (Vec::new(), 0);
    while !save.step(sent, &mut pieces, 1).unwrap() {
        steps += 1;
    }
    assert_eq!(pieces, at_once);
    assert!(steps > 15, "{steps} steps");
    let saved = decode(&pieces).unwrap().remove(0).result.unwrap().value;
    same_case(sent, &saved, "big.csv saved");
    assert!(
        source.1.get() < bytes.len() / 6,
        "largest frame {} of {} bytes",
        source.1.get(),
        bytes.len()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(2000)))]

    #[test]
    fn damaged_answers_are_errors_not_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode(&bytes);
    }

    #[test]
    fn a_flipped_byte_never_panics(flip in 0usize..4096, value in any::<u8>()) {
        let text = common::repo_file("cases/textbook-ten.json");
        let mut bytes = encode(&[read_file("t.json", &text, &ImportOptions::default(), None)]);
        let at = flip % bytes.len();
        bytes[at] = value;
        let _ = decode(&bytes);
    }
}
