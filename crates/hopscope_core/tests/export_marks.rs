//! The investigation in exported pictures: a saved case with a trace, a seed, notes and a
//! highlighted path draws them all (the trace's fill, the seed's ring, the notes' rings and
//! numbers, the path in orange), an unlabelled address by its short form with the full one in
//! its tooltip; hostile note text stays text; the legend names each asset's widest flow exactly
//! with its unit; and nothing — label, ring or legend — is drawn past the page's edges.

mod common;

use hopscope_core::export::{render_case, text_width, trace_view, SvgOptions, Theme};
use hopscope_core::format::write_case_v1;
use hopscope_core::infer::Patterns;
use hopscope_core::layout::Mode;
use hopscope_core::model::{Asset, Category};
use hopscope_core::trace::{Method, Pools};
use hopscope_core::view::{Mark, View};
use hopscope_core::{parse_case, Case, NodeId};

const THIEF: &str = "0xdcedd75bb72d87fe17e18b9b364b3377f20d2a34";

fn textbook() -> Case {
    parse_case(&common::repo_file("cases/textbook-ten.json"))
        .unwrap()
        .value
}

fn id(case: &Case, label_or_address: &str) -> NodeId {
    case.graph
        .node_by_text(label_or_address)
        .or_else(|| {
            case.graph
                .nodes()
                .find(|(_, n)| n.label.as_deref() == Some(label_or_address))
                .map(|(id, _)| id)
        })
        .unwrap_or_else(|| panic!("{label_or_address} not in the case"))
}

/// The textbook case with its thief unlabelled (an anonymous address, as a real exploiter is),
/// every address shown, a note on the thief and one on a flow, a haircut trace of ETH and the
/// path from the victim through the thief to the exchange.
fn investigated(note: &str) -> Case {
    let mut case = textbook();
    let thief = id(&case, THIEF);
    case.edit_label(thief, "");
    if let Some(node) = case.graph.node_mut(thief) {
        node.category = Category::Unknown;
    }
    let mut view = View::all(&case);
    view.set_note(Mark::Node(thief), note, Some("#aa00ff"));
    let (split_b, mixer) = (id(&case, "Split B"), id(&case, "Mixer (illustrative)"));
    view.set_note(Mark::Flow(split_b, mixer), "into the mixer", None);
    let path: Vec<NodeId> = [
        "Victim wallet",
        THIEF,
        "Split C",
        "Recombination address",
        "Peel hop 1",
        "Exchange deposit (illustrative)",
    ]
    .iter()
    .map(|a| id(&case, a))
    .collect();
    let eth = Asset::new("ETH");
    case.investigation = Some(hopscope_core::case_file::with_path(
        hopscope_core::case_file::save(
            &case,
            &view,
            &[],
            Mode::Free,
            Some((Method::Haircut, &eth, Pools::Ordinary, true)),
        ),
        &case,
        &path,
    ));
    // Through the file, as `hopscope render` reads it.
    parse_case(&write_case_v1(&case)).unwrap().value
}

#[test]
fn a_saved_investigation_draws_its_trace_seed_notes_and_path() {
    let case = investigated("first seen 2024-01-12");
    let svg = render_case(&case, &SvgOptions::default());
    // The trace: one disc of the trace's colour per address the stolen ETH reached.
    let view = hopscope_core::case_file::restore(case.investigation.as_ref().unwrap(), &case).view;
    let trace = trace_view(
        &case,
        &view,
        &Patterns::of(&case),
        Method::Haircut,
        &Asset::new("ETH"),
        Pools::Ordinary,
        true,
    );
    let reached = case
        .graph
        .node_ids()
        .filter(|&n| !trace.received_by(n).is_zero())
        .count();
    assert!(reached >= 8, "{reached}");
    let nodes = svg
        .split("<g class=\"nodes\"")
        .nth(1)
        .and_then(|rest| rest.split("\n</g>").next())
        .expect("the nodes");
    assert_eq!(
        nodes.matches("fill=\"#c0111f\"/>").count(),
        reached,
        "{svg}"
    );
    // The seed (the victim) ringed; the noted thief ringed in the note's colour.
    assert_eq!(
        svg.matches("stroke=\"#1b1b1b\" stroke-width=\"2.5\"")
            .count(),
        1
    );
    assert_eq!(
        svg.matches("stroke=\"#aa00ff\" stroke-width=\"3\"").count(),
        1
    );
    // The path: five hops in orange, with their own arrowheads.
    let path = svg
        .split("<g class=\"path\"")
        .nth(1)
        .and_then(|rest| rest.split("</g>").next())
        .expect("a path group");
    assert_eq!(path.matches("<line ").count(), 5);
    assert!(path.contains("url(#arrow-path)"));
    // The unlabelled thief: its short address as label, the full one in its tooltip with the
    // traced amount and the note.
    assert!(svg.contains(">0xdced…2a34 [1]</text>"), "{svg}");
    let tip = svg
        .split("<g><title>")
        .find(|t| t.starts_with(THIEF))
        .expect("the thief's tooltip");
    let tip = tip.split("</title>").next().unwrap();
    assert!(tip.contains("&#10;Traced: ≈\u{a0}"), "{tip}");
    assert!(tip.contains(" ETH of the stolen funds reached it"), "{tip}");
    assert!(tip.ends_with("&#10;Note: first seen 2024-01-12"), "{tip}");
    // The noted flow: numbered on the picture, its note in its tooltip.
    assert!(svg.contains(">[2]</text>"));
    assert!(svg.contains("Split B → Mixer (illustrative)&#10;Note: into the mixer</title></line>"));
    // The legend explains each mark.
    for words in [
        ">Seed</text>",
        ">Traced ETH</text>",
        ">Path</text>",
        "stolen ETH traced from the seeds by haircut",
        "the highlighted path, 5 hops from Victim wallet to Exchange deposit (illustrative).",
        "[1] 0xdced…2a34: first seen 2024-01-12",
        "[2] Split B → Mixer (illustrative): into the mixer",
    ] {
        assert!(svg.contains(words), "{words} missing");
    }
}

#[test]
fn the_dark_theme_draws_the_marks_in_its_colours() {
    let case = investigated("note");
    let dark = render_case(
        &case,
        &SvgOptions {
            theme: Theme::Dark,
            ..SvgOptions::default()
        },
    );
    assert!(dark.contains("fill=\"#ff4d5a\"/>"));
    assert!(dark.contains("<g class=\"path\" stroke=\"#ff8a33\""));
    assert!(dark.contains("stroke=\"#f2f2f2\" stroke-width=\"2.5\""));
    assert!(!dark.contains("#c0111f"));
}

#[test]
fn a_hostile_note_stays_text_in_the_tooltip_and_the_legend() {
    let hostile = "<script>alert(\"x\")</script> ]]> 'q' & co";
    let svg = render_case(&investigated(hostile), &SvgOptions::default());
    assert!(!svg.contains("<script"), "{svg}");
    assert!(!svg.contains("]]>"));
    let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ]]&gt; &#39;q&#39; &amp; co";
    assert!(svg.contains(&format!("Note: {escaped}</title>")));
    assert!(svg.contains(&format!("[1] 0xdced…2a34: {escaped}</text>")));
}

#[test]
fn the_widest_flow_is_named_exactly_with_its_asset() {
    // An edge list without an asset column, whose addresses' form names no chain: the
    // importer calls the asset "?".
    let table = "from,to,amount\nalice,bob,10456.6\nbob,carol,95.99981234\n";
    let case = hopscope_core::import(table, &hopscope_core::ImportOptions::default())
        .unwrap()
        .value;
    let svg = render_case(&case, &SvgOptions::default());
    assert!(
        svg.contains("(widest: 10,456.6 (asset not named in the data))."),
        "{svg}"
    );
    assert!(!svg.contains(" ?"), "no bare question mark for the unit");
    // Every digit of the amount, never rounded.
    let text = common::repo_file("cases/textbook-ten.json").replacen(
        "\"amount\": \"100\"",
        "\"amount\": \"100.123456789\"",
        1,
    );
    let case = parse_case(&text).unwrap().value;
    let svg = render_case(&case, &SvgOptions::default());
    assert!(svg.contains("(widest: 100.123456789 ETH)"), "{svg}");
}

/// Every text, circle and line of `svg` (as `export::svg` writes it) lies inside its page, the
/// width of a text estimated as the writer does.
fn assert_inside(svg: &str, w: f32, h: f32) {
    let attr = |element: &str, name: &str| -> Option<f32> {
        let start = element.find(&format!(" {name}=\""))? + name.len() + 3;
        element[start..].split('"').next()?.parse().ok()
    };
    let mut font = 11.0;
    let mut middle = false;
    for line in svg.lines() {
        if line.starts_with("<g class=") {
            font = attr(line, "font-size").unwrap_or(11.0);
            middle = line.contains("text-anchor=\"middle\"");
        }
        for part in line.split('<').skip(1) {
            let (tag, rest) = part.split_once([' ', '>']).unwrap_or((part, ""));
            let element = format!(" {rest}");
            match tag {
                "text" => {
                    let (x, y) = (attr(&element, "x").unwrap(), attr(&element, "y").unwrap());
                    let size = attr(&element, "font-size").unwrap_or(font);
                    let bold = element.contains("font-weight");
                    let content = rest.split_once('>').map(|(_, t)| t).unwrap_or("");
                    let content = content
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                        .replace("&#39;", "'")
                        .replace("&amp;", "&");
                    let width = text_width(&content, size, bold);
                    let (left, right) = if middle {
                        (x - width / 2.0, x + width / 2.0)
                    } else {
                        (x, x + width)
                    };
                    assert!(
                        left >= 0.0 && right <= w,
                        "text {content:?} spans {left}..{right} of {w}"
                    );
                    assert!(
                        y - size >= 0.0 && y + size * 0.3 <= h,
                        "text {content:?} at y {y} of {h}"
                    );
                }
                "circle" => {
                    let (cx, cy, r) = (
                        attr(&element, "cx").unwrap(),
                        attr(&element, "cy").unwrap(),
                        attr(&element, "r").unwrap(),
                    );
                    let stroke = attr(&element, "stroke-width").unwrap_or(0.0) / 2.0;
                    let r = r + stroke;
                    assert!(
                        cx - r >= 0.0 && cx + r <= w && cy - r >= 0.0 && cy + r <= h,
                        "circle at {cx},{cy} r {r}"
                    );
                }
                "line" => {
                    for (xn, yn) in [("x1", "y1"), ("x2", "y2")] {
                        let (x, y) = (attr(&element, xn).unwrap(), attr(&element, yn).unwrap());
                        assert!(
                            (0.0..=w).contains(&x) && (0.0..=h).contains(&y),
                            "line end {x},{y}"
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

#[test]
fn labels_rings_and_legend_stay_inside_the_page() {
    let mut case = investigated(&"A very long note that goes on and on about the thief ".repeat(8));
    case.title = "A title far too long for any page: ".repeat(6);
    case.notes = "Source: ".to_owned() + &"WWWWW ".repeat(40);
    // The rightmost address gets a long label with wide letters.
    let rightmost = {
        let (_, scene, positions) = hopscope_core::export::laid_out(&case);
        let i = (0..scene.nodes.len())
            .max_by(|&a, &b| positions[2 * a].total_cmp(&positions[2 * b]))
            .unwrap();
        scene.nodes[i].id
    };
    case.edit_label(rightmost, &"WMW Exchange hot wallet 交易所 ".repeat(3));
    for (w, h) in [(1200, 800), (800, 600), (400, 300), (200, 200)] {
        for theme in [Theme::Light, Theme::Dark] {
            let svg = render_case(
                &case,
                &SvgOptions {
                    width: w,
                    height: h,
                    theme,
                    background: true,
                },
            );
            assert_inside(&svg, w as f32, h as f32);
        }
    }
    // The old layout put the label's start at the node and let it run: here the label is cut,
    // its full text kept in the tooltip.
    let svg = render_case(&case, &SvgOptions::default());
    assert!(svg.contains("WMW Exchange hot wallet 交易所 WMW Exchange hot wallet 交易所 WMW Exchange hot wallet 交易所 — "));
    assert!(svg.contains("…</text>"));
}

#[test]
fn the_bundled_cases_stay_inside_the_page() {
    for name in [
        "htx-2023-tornado",
        "bridge-hack-to-bitcoin",
        "swap-route-thorchain",
        "bridge-tornado-avalanche",
        "bitcoin-peel-chain",
        "textbook-ten",
    ] {
        let case = parse_case(&common::repo_file(&format!("cases/{name}.json")))
            .unwrap()
            .value;
        assert_inside(&render_case(&case, &SvgOptions::default()), 1200.0, 800.0);
    }
}

#[test]
fn a_saved_path_comes_back_and_a_damaged_one_is_passed_over() {
    let case = investigated("n");
    let restored = hopscope_core::case_file::restore(case.investigation.as_ref().unwrap(), &case);
    assert_eq!(restored.path.len(), 6);
    assert_eq!(restored.path[1], id(&case, THIEF));
    assert!(restored.warnings.is_empty(), "{:?}", restored.warnings);
    // Not a list of addresses: no path, and the rest of the investigation still opens.
    let text = write_case_v1(&case);
    let damaged = text.replace("\"path\": [", "\"path\": 42, \"was\": [");
    assert_ne!(damaged, text);
    let back = parse_case(&damaged).unwrap();
    let inv = back
        .value
        .investigation
        .as_ref()
        .expect("investigation kept");
    let r = hopscope_core::case_file::restore(inv, &back.value);
    assert!(r.path.is_empty());
    assert_eq!(r.view, restored.view);
    // A path through an address the case lacks is not highlighted, with a warning.
    let mut inv = case.investigation.clone().unwrap();
    inv.path[2] = "0x00000000000000000000000000000000000000ff".to_owned();
    let r = hopscope_core::case_file::restore(&inv, &case);
    assert!(r.path.is_empty());
    assert!(
        r.warnings.iter().any(|w| w.contains("highlighted path")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn a_seed_the_investigator_marked_is_ringed_like_the_case_seeds() {
    let case = textbook();
    let thief = id(&case, THIEF);
    let mut view = View::of(&case);
    view.mark_seed(thief);
    let scene = hopscope_core::style::Scene::of_view(&case, &view);
    let seeds: Vec<NodeId> = scene
        .nodes
        .iter()
        .filter(|n| n.is_seed)
        .map(|n| n.id)
        .collect();
    assert_eq!(seeds, view.seeds(&case));
    assert!(seeds.contains(&thief));
}
