//! Graph-file formats (GEXF, …): the real Bybit laundering graph at full scale, round trips
//! case → file → case, hostile input, and no panic on arbitrary bytes.

use hopscope_core::format::{
    parse_cytoscape, parse_gexf, parse_graphml, write_case_v1, write_cytoscape, write_gexf,
    write_graphml,
};
use hopscope_core::stats::CaseStats;
use hopscope_core::{import, parse_case, Address, Amount, Case, Format, ImportOptions};
use proptest::prelude::*;

mod common;
use common::repo_path;

fn demo_case() -> Case {
    let text = std::fs::read_to_string(repo_path("cases/htx-2023-tornado.json")).unwrap();
    parse_case(&text).unwrap().value
}

fn eth_options() -> ImportOptions {
    ImportOptions {
        chain: Some("ethereum".into()),
        asset: Some("ETH".into()),
        decimals: 18,
        ..ImportOptions::default()
    }
}

/// The same case, written without what the graph format cannot carry (notes, the story).
fn comparable(case: &Case) -> String {
    let mut c = case.clone();
    c.notes.clear();
    c.story = None;
    write_case_v1(&c)
}

/// Compares two written cases and names the first line that differs.
fn assert_same(got: &str, expected: &str) {
    for (i, (g, e)) in got.lines().zip(expected.lines()).enumerate() {
        assert_eq!(g, e, "first difference at line {}", i + 1);
    }
    assert_eq!(got.lines().count(), expected.lines().count());
}

/// Our GEXF of the demo case, made once for the property test.
fn demo_gexf() -> &'static str {
    static GEXF: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    GEXF.get_or_init(|| write_gexf(&demo_case()))
}

#[test]
fn reads_the_real_bybit_graph_exactly() {
    let path = repo_path("../shared/data/bybit-2025/transaction_network.gexf");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let imported = import(&text, &eth_options()).expect("bybit gexf imports");
    assert_eq!(imported.format, Format::Gexf);
    let case = imported.value;
    assert_eq!(case.graph.n_nodes(), 11_340);
    assert_eq!(case.graph.n_transfers(), 14_416);
    // The first node received the stolen funds directly; its first edge carries 10,000 ETH
    // written as 10000000000000000000000 wei.
    let thief = case
        .graph
        .node_by_address(&Address::new("0x47666fab8bd0ac7003bce3f5c3585383f09486e2"))
        .unwrap();
    let first = case
        .graph
        .transfers()
        .iter()
        .find(|t| t.from == thief)
        .unwrap();
    assert_eq!(first.amount, Amount::parse("10000").unwrap());
    // The largest weight keeps all 29 digits.
    let largest = Amount::parse("18644407607.981136681703419699").unwrap();
    assert!(case.graph.transfers().iter().any(|t| t.amount == largest));
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let stats = CaseStats::of(&case, Format::Gexf);
    assert_eq!(stats.assets, ["ETH"]);
    assert_eq!(
        (stats.first, stats.last),
        (None, None),
        "the file has no times"
    );
}

#[test]
fn gexf_round_trips_a_case() {
    let case = demo_case();
    let gexf = write_gexf(&case);
    let back = parse_gexf(&gexf, &ImportOptions::default()).expect("our own GEXF reads back");
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    assert_same(&comparable(&back.value), &comparable(&case));
}

#[test]
fn gexf_text_is_escaped_and_read_back_verbatim() {
    let hostile = r#"{"format":"hopscope-case","version":1,"title":"a \"<b>\" & ]]>",
        "nodes":[{"id":"x\"><script>","label":"<script>alert(1)</script>&amp;'"}],
        "transfers":[{"tx":"]]><!--","from":"x\"><script>","to":"y","amount":"1","asset":"E<T>H"}]}"#;
    let case = parse_case(hostile).unwrap().value;
    let gexf = write_gexf(&case);
    assert!(!gexf.contains("<script>"), "markup is escaped");
    let back = parse_gexf(&gexf, &ImportOptions::default()).unwrap().value;
    assert_same(&comparable(&back), &comparable(&case));
}

#[test]
fn malformed_gexf_names_line_and_column() {
    let text = "<?xml version='1.0'?>\n<gexf>\n  <graph>\n    <nodes><node id=\"a\"></edge>\n";
    let err = parse_gexf(text, &ImportOptions::default()).expect_err("mismatched tags");
    assert_eq!(err.line, 4, "{err}");
    assert!(err.message.contains("not well-formed XML"), "{err}");
    let err = import("<gexf><graph><edges><edge source=\"a\" target=\"b\" weight=\"12abc\"/></edges></graph></gexf>", &ImportOptions::default());
    let imported = err.expect("a bad weight skips the edge, not the file");
    assert_eq!(imported.value.graph.n_transfers(), 0);
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.message.contains("not a decimal")),
        "{:?}",
        imported.warnings
    );
}

fn sample(rel: &str) -> String {
    common::sample(&format!("graphs/{rel}"))
}

#[test]
fn graphml_and_cytoscape_round_trip_a_case() {
    let case = demo_case();
    let graphml = parse_graphml(&write_graphml(&case), &ImportOptions::default())
        .expect("our GraphML reads back");
    assert!(graphml.warnings.is_empty(), "{:?}", graphml.warnings);
    let mut expected = case.clone();
    expected.title.clear(); // GraphML has no graph title.
    assert_same(&comparable(&graphml.value), &comparable(&expected));
    let cyjs = parse_cytoscape(&write_cytoscape(&case), &ImportOptions::default())
        .expect("our Cytoscape JSON reads back");
    assert!(cyjs.warnings.is_empty(), "{:?}", cyjs.warnings);
    assert_same(&comparable(&cyjs.value), &comparable(&case));
}

#[test]
fn networkx_graphml_with_two_weight_keys_and_entities() {
    let imported = import(&sample("networkx.graphml"), &eth_options()).unwrap();
    assert_eq!(imported.format, Format::GraphMl);
    let g = &imported.value.graph;
    let first = g
        .node_by_address(&Address::new("0x47666fab8bd0ac7003bce3f5c3585383f09486e2"))
        .unwrap();
    let node = g.node(first).unwrap();
    assert_eq!(node.label.as_deref(), Some("Bybit exploiter & first hop"));
    assert_eq!(node.category.as_str(), "hacker");
    let amounts: Vec<String> = g.transfers().iter().map(|t| t.amount.to_string()).collect();
    assert_eq!(amounts, ["10000"], "the long weight is scaled from wei");
    assert!(
        imported.warnings.iter().any(|w| w
            .message
            .contains("base units (wei, satoshi) but has a fraction")),
        "a fractional wei weight is refused, not misread: {:?}",
        imported.warnings
    );
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.message.contains("not declared")),
        "undeclared edge target added"
    );
}

#[test]
fn cytoscape_desktop_networkx_and_flat_arrays() {
    let desktop = import(&sample("desktop.cyjs"), &ImportOptions::default()).unwrap();
    assert_eq!(desktop.format, Format::Cytoscape);
    assert_eq!(desktop.value.title, "Traced flow");
    let g = &desktop.value.graph;
    let hot = g.node_by_address(&Address::new("1099")).unwrap();
    assert_eq!(
        g.node(hot).unwrap().label.as_deref(),
        Some("HTX hot wallet")
    );
    let t = &g.transfers()[0];
    assert_eq!(
        (t.amount.to_string(), t.asset.as_str(), t.timestamp),
        ("927.8995".into(), "ETH", Some(1_700_635_931))
    );

    let nx = import(
        &sample("networkx-cytoscape.json"),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        nx.value.graph.n_transfers(),
        2,
        "edges without ids get their position as id"
    );
    assert_eq!(nx.value.graph.n_nodes(), 2);

    let flat = import(&sample("flat-array.json"), &ImportOptions::default()).unwrap();
    assert_eq!(flat.format, Format::Cytoscape);
    assert_eq!(
        (flat.value.graph.n_nodes(), flat.value.graph.n_transfers()),
        (2, 1)
    );
}

#[test]
fn markup_survives_graphml_and_cytoscape_escaped() {
    let hostile = r#"{"format":"hopscope-case","version":1,"title":"t",
        "nodes":[{"id":"x\"><script>","label":"<script>alert(1)</script>&amp;'"}],
        "transfers":[{"tx":"]]><!--","from":"x\"><script>","to":"y","amount":"1","asset":"E<T>H"}]}"#;
    let case = parse_case(hostile).unwrap().value;
    let graphml = write_graphml(&case);
    assert!(!graphml.contains("<script>"));
    let back = parse_graphml(&graphml, &ImportOptions::default())
        .unwrap()
        .value;
    let mut expected = case.clone();
    expected.title.clear();
    assert_same(&comparable(&back), &comparable(&expected));
    let cy = parse_cytoscape(&write_cytoscape(&case), &ImportOptions::default())
        .unwrap()
        .value;
    assert_same(&comparable(&cy), &comparable(&case));
}

#[test]
fn control_characters_never_make_invalid_xml_and_nested_nodes_are_kept() {
    let text = "{\"format\":\"hopscope-case\",\"version\":1,\"nodes\":[{\"id\":\"a\",\"label\":\"bell\\u0007here\"}]}";
    let case = parse_case(text).unwrap().value;
    for xml in [write_gexf(&case), write_graphml(&case)] {
        assert!(!xml.contains('\u{7}'));
        assert!(xml.contains("bell\u{fffd}here"));
    }
    let nested = r#"<graphml><graph><node id="group"><data key="label">G</data><graph><node id="inner"/></graph></node></graph></graphml>"#;
    let g = parse_graphml(nested, &ImportOptions::default())
        .unwrap()
        .value
        .graph;
    assert_eq!(g.n_nodes(), 2, "the group and the node inside it");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(common::cases(300)))]
    #[test]
    fn gexf_reader_never_panics(junk in "\\PC{0,400}", cut in 0usize..4000) {
        let _ = parse_gexf(&junk, &ImportOptions::default());
        let sample = demo_gexf();
        let mut end = cut.min(sample.len());
        while !sample.is_char_boundary(end) { end -= 1; }
        let _ = parse_gexf(&sample[..end], &ImportOptions::default());
        let spliced = format!("{}{}{}", &sample[..end], junk, &sample[end..]);
        let _ = parse_gexf(&spliced, &ImportOptions::default());
        let _ = parse_graphml(&spliced.replace("gexf", "graphml"), &ImportOptions::default());
        let _ = parse_graphml(&junk, &ImportOptions::default());
        let _ = parse_cytoscape(&junk, &ImportOptions::default());
    }
}

#[test]
fn on_the_real_bybit_graph_a_minimum_shrinks_show_all_and_the_figures_read_true() {
    use hopscope_core::figures;
    use hopscope_core::paths::{check, shortest_path, Bottleneck};
    use hopscope_core::style::Scene;
    use hopscope_core::trace::{trace, Method};
    use hopscope_core::view::View;
    let path = repo_path("../shared/data/bybit-2025/transaction_network.gexf");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut case = import(&text, &eth_options()).expect("imports").value;
    let thief = case
        .graph
        .node_by_address(&Address::new("0x47666fab8bd0ac7003bce3f5c3585383f09486e2"))
        .unwrap();
    case.seeds = vec![thief];
    let eth = hopscope_core::model::Asset::new("ETH");
    // Show all, then a minimum of 1,000 ETH: most addresses have no such flow and leave.
    let mut view = View::all(&case);
    assert_eq!(Scene::of_view(&case, &view).nodes.len(), 11_340);
    view.filter
        .min_value
        .insert(eth.clone(), Amount::parse("1000").unwrap());
    let scene = Scene::of_view(&case, &view);
    let drawn = view.n_drawn(&case);
    assert_eq!(scene.nodes.len(), drawn);
    assert!(drawn > 1 && drawn < 1_000, "{drawn} addresses drawn");
    let status = CaseStats::of(&case, Format::Gexf).status(drawn);
    assert_eq!(
        status,
        format!("{drawn} of 11,340 addresses shown · 14,416 transfers")
    );
    // The trace's figures: exact, with the unit; the biggest amount is cut and marked.
    let t = trace(&case, &case.seeds, &eth, Method::Haircut);
    let left = figures::amount(t.left_seeds, "ETH");
    assert!(
        left.text.ends_with(" ETH") && left.text.contains(','),
        "{left:?}"
    );
    let cashed = hopscope_core::trace::Trace::total(&t.cashout);
    assert!(!figures::percent(cashed, t.left_seeds).starts_with('-'));
    let largest = figures::amount(
        Amount::parse("18644407607.981136681703419699").unwrap(),
        "ETH",
    );
    assert_eq!(largest.text, "≈ 18,644,407,607.981137 ETH");
    // A path from the thief: its bottleneck in ETH, exactly.
    let far = case
        .graph
        .transfers()
        .iter()
        .find(|t| {
            t.from != thief
                && case
                    .graph
                    .transfers()
                    .iter()
                    .any(|u| u.from == thief && u.to == t.from)
        })
        .map(|t| t.to)
        .unwrap();
    let p = shortest_path(&case, &view.filter, thief, far)
        .unwrap_or_else(|| shortest_path(&case, &Default::default(), thief, far).unwrap());
    let checked = check(&case, &Default::default(), &p, &[], &[]);
    assert!(
        matches!(checked.bottleneck, Some(Bottleneck::One { ref asset, .. }) if asset.as_str() == "ETH")
    );
}
