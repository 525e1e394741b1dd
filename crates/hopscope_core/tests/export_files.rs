//! The report files besides the SVG: the visible transfers as CSV (all of them for the whole
//! case, fewer under a filter, formulas defused), the one-file HTML snapshot (the SVG inside,
//! hostile text escaped, nothing fetched), and the transparent SVG for PNGs.

mod common;

use hopscope_core::export::{
    html_snapshot, opened, render_case, transfers_csv, SvgOptions, CSV_HEADER,
};
use hopscope_core::model::Asset;
use hopscope_core::view::Filter;
use hopscope_core::{parse_case, Amount};

fn textbook() -> hopscope_core::Case {
    parse_case(&common::repo_file("cases/textbook-ten.json"))
        .unwrap()
        .value
}

fn rows(csv_text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(csv_text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn csv_lists_every_visible_transfer_oldest_first() {
    let case = textbook();
    let (view, scene) = opened(&case);
    let text = transfers_csv(&case, &view, &scene);
    assert!(text.starts_with(&CSV_HEADER.join(",")));
    let rows = rows(&text);
    assert_eq!(rows.len(), case.graph.transfers().len());
    let times: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted, "oldest first");
    assert!(rows
        .iter()
        .any(|r| &r[4] == "Victim wallet" && &r[6] == "Thief"));
    let total: f64 = rows.iter().map(|r| r[8].parse::<f64>().unwrap()).sum();
    assert!(total > 100.0);
}

#[test]
fn csv_follows_the_filter_and_hidden_addresses() {
    let case = textbook();
    let (mut view, _) = opened(&case);
    view.filter = Filter {
        min_value: [(Asset::new("ETH"), Amount::parse("50").unwrap())].into(),
        ..Filter::default()
    };
    let scene = hopscope_core::style::Scene::of_view(&case, &view);
    let big = rows(&transfers_csv(&case, &view, &scene));
    assert!(!big.is_empty() && big.len() < case.graph.transfers().len());
    assert!(big.iter().all(|r| r[8].parse::<f64>().unwrap() >= 50.0));

    let (mut view, _) = opened(&case);
    let thief = case
        .graph
        .node_ids()
        .find(|&id| case.graph.node(id).unwrap().label.as_deref() == Some("Thief"))
        .unwrap();
    view.hide(thief);
    let scene = hopscope_core::style::Scene::of_view(&case, &view);
    let rest = rows(&transfers_csv(&case, &view, &scene));
    assert!(rest.iter().all(|r| &r[4] != "Thief" && &r[6] != "Thief"));
    assert!(rest.len() < case.graph.transfers().len());
}

#[test]
fn csv_cells_that_look_like_formulas_are_defused() {
    let mut case = textbook();
    let id = case.graph.node_ids().next().unwrap();
    case.edit_label(id, "=HYPERLINK(\"http://x\",\"a, \"\"b\"\"\")");
    let (view, scene) = opened(&case);
    let text = transfers_csv(&case, &view, &scene);
    let rows = rows(&text);
    let labels: Vec<&str> = rows.iter().flat_map(|r| [&r[4], &r[6]]).collect();
    assert!(labels.contains(&"'=HYPERLINK(\"http://x\",\"a, \"\"b\"\"\")"));
    assert!(!labels.iter().any(|l| l.starts_with('=')));
}

#[test]
fn the_html_snapshot_holds_the_svg_escapes_text_and_fetches_nothing() {
    let mut case = textbook();
    let hostile = "<script>alert(\"x\")</script> ]]> 'q' & co";
    case.title = hostile.to_owned();
    let id = case.graph.node_ids().next().unwrap();
    case.edit_label(id, hostile);
    let svg = render_case(&case, &SvgOptions::default());
    let page = html_snapshot(&svg, &case.title);
    assert!(page.contains(&svg), "the SVG is inline, unchanged");
    assert_eq!(
        page.matches("<script>").count(),
        1,
        "only the page's own script"
    );
    assert!(!page.contains("]]>"));
    assert!(!page.contains("alert(\"x\")"));
    assert!(page.contains("<title>&lt;script&gt;alert(&quot;x&quot;)"));
    // The SVG namespace is a name, not an address to fetch.
    let rest = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for fetch in ["http://", "https://", "src=", "href=", "@import", "fetch("] {
        assert!(!rest.contains(fetch), "{fetch} in the snapshot");
    }
}

#[test]
fn a_transparent_svg_has_no_background_and_is_otherwise_the_same() {
    let case = textbook();
    let solid = render_case(&case, &SvgOptions::default());
    let clear = render_case(
        &case,
        &SvgOptions {
            background: false,
            ..SvgOptions::default()
        },
    );
    let background = "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
    assert!(solid.contains(background));
    assert_eq!(solid.replacen(background, "", 1), clear);
}
