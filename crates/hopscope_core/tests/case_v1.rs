//! The case format v1: errors name line, column and cause; repairs become warnings; a written
//! case reads back the same; the bundled cases are valid; the schema matches the model.

use hopscope_core::format::{write_case_v1, write_case_v1_to};
use hopscope_core::stats::CaseStats;
use hopscope_core::{parse_case, Category, Format};
use proptest::prelude::*;

mod common;
use common::repo_file;

/// Parses `text` and checks the error's line, column and a phrase of its cause.
fn check_error(text: &str, line: usize, column: usize, cause: &str) {
    let err = parse_case(text)
        .err()
        .unwrap_or_else(|| panic!("expected an error for {text:?}"));
    assert_eq!((err.line, err.column), (line, column), "{err}");
    assert!(
        err.message.contains(cause),
        "{err:?} should mention {cause:?}"
    );
}

const HEAD: &str = "{\"format\": \"hopscope-case\", \"version\": 1,\n";

#[test]
fn malformed_files_name_line_column_and_cause() {
    check_error("", 1, 1, "empty");
    check_error("not json at all", 1, 1, "not a format hopscope reads");
    check_error(
        "{\"format\": \"gexf\"}",
        1,
        1,
        "not a format hopscope reads",
    );
    check_error(
        "{\"format\": \"hopscope-case\", \"version\": 2}",
        1,
        41,
        "version 2 is not supported",
    );
    check_error(
        &format!("{HEAD}\"nodes\": [{{\"id\": \"a\", \"category\": \"pirate\"}}]}}"),
        2,
        43,
        "unknown category \"pirate\"",
    );
    check_error(
        &format!("{HEAD}\"transfers\": [\n {{\"tx\": \"t\", \"from\": \"a\", \"to\": \"b\", \"amount\": 1.5, \"asset\": \"ETH\", \"timestamp\": 1}}]}}"),
        3, 50, "decimal string",
    );
    check_error(
        &format!("{HEAD}\"transfers\": [\n {{\"tx\": \"t\", \"from\": \"a\", \"to\": \"b\", \"amount\": \"-4\", \"asset\": \"ETH\", \"timestamp\": 1}}]}}"),
        3, 51, "negative",
    );
    check_error(
        &format!("{HEAD}\"transfers\": [\n {{\"tx\": \"t\", \"from\": \"a\", \"to\": \"b\", \"asset\": \"ETH\", \"timestamp\": 1}}]}}"),
        3, 68, "missing field `amount`",
    );
    check_error(
        &format!("{HEAD}\"nodes\": [{{\"id\": \"a\""),
        2,
        20,
        "ends too early",
    );
    // Deep nesting neither overflows the stack nor passes silently.
    let deep = format!("{HEAD}\"notes\": \"x\", \"extra\": {}", "[".repeat(100_000));
    let err = parse_case(&deep).expect_err("unclosed nesting is refused");
    assert!(err.message.contains("ends too early"), "{err}");
    let closed = format!(
        "{HEAD}\"extra\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    // serde_json skips unknown fields without recursing, so even this does not overflow.
    assert!(
        parse_case(&closed).is_ok(),
        "deep nesting in an unknown field is skipped"
    );
    let nested_in_a_known_field = format!(
        "{HEAD}\"nodes\": [{{\"id\": \"a\", \"tags\": {}",
        "[".repeat(1000)
    );
    assert!(parse_case(&nested_in_a_known_field).is_err());
}

#[test]
fn columns_count_characters_not_bytes() {
    // "ééé" is 3 characters but 6 bytes; like every error here, the column points just past
    // the bad value (the `2`), as it would in plain ASCII.
    check_error(
        "{\"format\": \"hopscope-case\", \"title\": \"ééé\", \"version\": 2}",
        1,
        57,
        "version 2",
    );
}

#[test]
fn a_marker_after_long_notes_is_still_recognised() {
    let notes = "x".repeat(10_000);
    let text = format!("{{\"notes\": \"{notes}\", \"format\": \"hopscope-case\", \"version\": 1}}");
    let imported = parse_case(&text).expect("recognised by content");
    assert_eq!(imported.value.notes.len(), 10_000);
}

#[test]
fn the_same_transfer_twice_is_kept_once_with_a_warning() {
    let t = r#"{"tx": "0xab", "from": "a", "to": "b", "amount": "1.5", "asset": "ETH", "timestamp": 5, "index": 3}"#;
    let other_index = r#"{"tx": "0xab", "from": "a", "to": "b", "amount": "1.5", "asset": "ETH", "timestamp": 5, "index": 4}"#;
    let text = format!(
        "{HEAD}\"nodes\": [{{\"id\": \"a\"}}, {{\"id\": \"b\"}}], \"transfers\": [{t}, {other_index}, {t}]}}"
    );
    let imported = parse_case(&text).unwrap();
    assert_eq!(
        imported.value.graph.n_transfers(),
        2,
        "a different log index is a different transfer"
    );
    assert_eq!(imported.warnings.len(), 1);
    assert_eq!(imported.warnings[0].location, "transfers[2]");
    assert!(imported.warnings[0]
        .message
        .contains("same transfer as transfers[0]"));
}

#[test]
fn repairs_become_warnings_and_the_case_still_loads() {
    let text = format!(
        "{HEAD}\"nodes\": [{{\"id\": \"a\"}}, {{\"id\": \"a\", \"label\": \"dup\"}}],
         \"transfers\": [{{\"tx\": \"t\", \"from\": \"a\", \"to\": \"b\", \"amount\": \"1\", \"asset\": \"ETH\", \"timestamp\": 5}}],
         \"seeds\": [\"a\", \"zz\"]}}"
    );
    let imported = parse_case(&text).expect("loads");
    let locations: Vec<&str> = imported
        .warnings
        .iter()
        .map(|w| w.location.as_str())
        .collect();
    assert_eq!(locations, ["nodes[1]", "transfers[0].to", "seeds[1]"]);
    assert_eq!(imported.value.graph.n_nodes(), 2, "b was added as unknown");
    assert_eq!(imported.value.seeds.len(), 1);
}

#[test]
fn bundled_cases_are_valid_and_sized_for_teaching() {
    for (file, nodes) in [
        ("cases/htx-2023-tornado.json", 40..=150),
        ("cases/textbook-ten.json", 10..=10),
    ] {
        let imported = parse_case(&repo_file(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            imported.warnings.is_empty(),
            "{file}: {:?}",
            imported.warnings
        );
        let case = imported.value;
        assert!(
            nodes.contains(&case.graph.n_nodes()),
            "{file}: {} nodes",
            case.graph.n_nodes()
        );
        assert!(!case.seeds.is_empty(), "{file} has seeds");
        assert!(
            case.notes.to_lowercase().contains("illustrative"),
            "{file} says what is illustrative"
        );
    }
}

#[test]
fn schema_lists_the_same_categories_as_the_model() {
    let schema: serde_json::Value =
        serde_json::from_str(&repo_file("docs/case-v1.schema.json")).expect("schema is JSON");
    let listed: Vec<&str> = schema["$defs"]["category"]["enum"]
        .as_array()
        .expect("category enum")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    let model: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(listed, model);
}

#[test]
fn schema_lists_the_sources_and_the_annotations_a_saved_case_carries() {
    let schema: serde_json::Value =
        serde_json::from_str(&repo_file("docs/case-v1.schema.json")).expect("schema is JSON");
    assert!(schema["properties"]["sources"]["items"]["properties"]["warnings"].is_object());
    let annotation = &schema["$defs"]["investigation"]["properties"]["annotations"]["items"];
    let kinds: Vec<&str> = annotation["properties"]["kind"]["enum"]
        .as_array()
        .expect("annotation kinds")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(kinds, ["text", "arrow", "frame"]);
}

/// A random but valid case file, as text.
fn arb_case_text() -> impl Strategy<Value = String> {
    let node = (
        "[a-f0-9]{6}",
        prop::option::of("[ -~]{0,12}"),
        0..Category::ALL.len(),
    );
    let transfer = (
        0usize..8,
        0usize..8,
        "[0-9]{1,12}(\\.[0-9]{1,9})?",
        prop_oneof!["ETH", "USDT"],
        0i64..2_000_000_000,
    );
    (prop::collection::vec(node, 1..8), prop::collection::vec(transfer, 0..20)).prop_map(|(nodes, transfers)| {
        let nodes_json: Vec<serde_json::Value> = nodes
            .iter()
            .map(|(id, label, cat)| serde_json::json!({"id": id, "chain": "ethereum", "label": label, "category": Category::ALL[*cat].as_str()}))
            .collect();
        let transfers_json: Vec<serde_json::Value> = transfers
            .iter()
            .enumerate()
            .map(|(i, (f, t, amount, asset, ts))| {
                serde_json::json!({"tx": format!("0x{i:x}"), "from": nodes[f % nodes.len()].0, "to": nodes[t % nodes.len()].0,
                    "amount": amount, "asset": asset, "timestamp": ts})
            })
            .collect();
        serde_json::json!({"format": "hopscope-case", "version": 1, "title": "p", "notes": "",
            "nodes": nodes_json, "transfers": transfers_json, "seeds": [nodes[0].0]})
        .to_string()
    })
}

proptest! {
    #[test]
    fn written_cases_read_back_the_same(text in arb_case_text()) {
        let first = parse_case(&text).expect("generated case parses").value;
        let written = write_case_v1(&first);
        let second = parse_case(&written).expect("written case parses").value;
        prop_assert_eq!(&write_case_v1(&second), &written);
        prop_assert_eq!(CaseStats::of(&first, Format::CaseV1), CaseStats::of(&second, Format::CaseV1));
        prop_assert_eq!(first.graph.n_flows(), second.graph.n_flows());
        // Written compact (as autosave stores it), it reads back the same case too.
        let mut compact = Vec::new();
        write_case_v1_to(&first, &mut compact, false).unwrap();
        let compact = String::from_utf8(compact).unwrap();
        prop_assert!(compact.len() < written.len());
        let third = parse_case(&compact).expect("compact case parses").value;
        prop_assert_eq!(write_case_v1(&third), written);
    }
}
