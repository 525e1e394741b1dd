//! The SVG export: a bundled case drawn to the committed golden file (rounded numbers, no
//! clock, so byte for byte), the same with the dark theme differing only in colours, and text
//! from a case (labels, title, notes) with markup, quotes and `]]>` escaped — a hostile label
//! exactly as GraphML and GEXF escape it (one escaper, `format::xml::escape`).

mod common;

use hopscope_core::export::{render_case, SvgOptions, Theme};
use hopscope_core::parse_case;

fn textbook() -> hopscope_core::Case {
    parse_case(&common::repo_file("cases/textbook-ten.json"))
        .unwrap()
        .value
}

/// Set `UPDATE_GOLDEN=1` to write the file anew after a deliberate change.
#[test]
fn the_textbook_case_renders_to_the_committed_svg() {
    let got = render_case(&textbook(), &SvgOptions::default());
    let path = common::repo_path("crates/hopscope_core/tests/golden/textbook-ten.svg");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap();
    assert!(
        got == want,
        "SVG differs from {}; rerun with UPDATE_GOLDEN=1 if meant",
        path.display()
    );
    assert_eq!(got.matches("<g><title>").count(), 10, "ten addresses drawn");
}

#[test]
fn the_dark_theme_is_the_same_picture_in_other_colours() {
    let light = render_case(&textbook(), &SvgOptions::default());
    let dark = render_case(
        &textbook(),
        &SvgOptions {
            theme: Theme::Dark,
            ..SvgOptions::default()
        },
    );
    assert_ne!(light, dark);
    assert!(dark.contains("#16181d"));
    assert_eq!(light.lines().count(), dark.lines().count());
}

#[test]
fn text_from_the_case_is_escaped() {
    let mut case = textbook();
    let hostile = "<script>alert(\"x\")</script> ]]> 'q' & co";
    case.title = hostile.to_owned();
    case.notes = hostile.to_owned();
    let id = case.graph.node_ids().next().unwrap();
    case.edit_label(id, hostile);
    let svg = render_case(&case, &SvgOptions::default());
    assert!(!svg.contains("<script"), "{svg}");
    assert!(!svg.contains("]]>"));
    assert!(!svg.contains("alert(\"x\")"));
    assert!(svg
        .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ]]&gt; &#39;q&#39; &amp; co"));
}

#[test]
fn a_hostile_label_is_escaped_alike_in_the_svg_graphml_and_gexf() {
    use hopscope_core::format::{write_gexf, write_graphml};
    let mut case = textbook();
    let id = case.graph.node_ids().next().unwrap();
    case.edit_label(id, "<script>&\"'\u{7}x");
    let escaped = "&lt;script&gt;&amp;&quot;&#39;\u{fffd}x";
    let svg = render_case(&case, &SvgOptions::default());
    for (name, text) in [
        ("svg", &svg),
        ("graphml", &write_graphml(&case)),
        ("gexf", &write_gexf(&case)),
    ] {
        assert!(text.contains(escaped), "{name}: {text}");
        assert!(
            !text.contains('\u{7}') && !text.contains("<script"),
            "{name}"
        );
    }
}
