//! The report (`export::report`): an investigated bridge case (an accepted demixing candidate,
//! a bridge hop, a highlighted path, annotations, notes, hostile labels and title) made into
//! the committed case fixture and its committed golden report and tables, byte for byte
//! (`UPDATE_GOLDEN=1 cargo test -p hopscope_core --test report` rewrites them after a change
//! that is meant); and what the report must say whatever the golden holds: the traced route
//! through the accepted candidate and the bridge hop, with their heuristic and verdict, the
//! cash-out rows, the method's limits, the sources, the digest, every hostile text escaped,
//! exact amounts, CSV formulas defused.

mod common;

use hopscope_core::case_file;
use hopscope_core::export::{report, ReportOptions};
use hopscope_core::format::write_case_v1;
use hopscope_core::infer::{self, Decision, LinkKind, Patterns};
use hopscope_core::layout::Mode;
use hopscope_core::model::{Asset, Source};
use hopscope_core::trace::{Method, Pools};
use hopscope_core::view::{Annotation, Mark, Shape, View};
use hopscope_core::{parse_case, Case, NodeId};
use sha2::{Digest, Sha256};

const FIXTURE: &str = "crates/hopscope_core/tests/data/report-investigated.hopscope.json";
const GOLDEN: &str = "crates/hopscope_core/tests/golden/report-investigated.html";
const GOLDEN_HOPS: &str = "crates/hopscope_core/tests/golden/report-investigated.hops.csv";
const GOLDEN_CASHOUT: &str = "crates/hopscope_core/tests/golden/report-investigated.cashout.csv";

const HOSTILE_LABEL: &str = "<img src=x onerror=alert(1)>=HYPERLINK(\"x\")";
const HOSTILE_NOTE: &str = "</style><script>alert('note')</script> & co";

fn id(case: &Case, text: &str) -> NodeId {
    case.graph
        .node_by_text(text)
        .or_else(|| {
            case.graph
                .nodes()
                .find(|(_, n)| n.label.as_deref() == Some(text))
                .map(|(id, _)| id)
        })
        .unwrap_or_else(|| panic!("{text} not in the case"))
}

/// The bundled bridge case as an investigator leaves it.
fn investigated() -> Case {
    let mut case = parse_case(&common::repo_file("cases/bridge-tornado-avalanche.json"))
        .unwrap()
        .value;
    case.title =
        "Bridge case \"; } body { display: none } </style><script>alert(1)</script>".into();
    case.sources = vec![Source::new(
        "bridge-tornado-avalanche.json",
        "hopscope case",
        59,
        vec!["line 3: a <b>warning</b> from the file".into()],
    )];
    let exchange = id(&case, "Exchange deposit (Avalanche)");
    case.edit_label(exchange, HOSTILE_LABEL);
    let patterns = Patterns::of(&case);
    let mut view = View::all(&case);
    // The demixing candidate whose withdrawal goes on to the second exchange, accepted.
    let exchange_2 = id(&case, "Exchange deposit 2");
    let links = infer::links(&case, &view, &patterns);
    let candidate = links
        .iter()
        .filter(|l| l.kind == LinkKind::Demix)
        .find(|l| {
            case.graph
                .transfers()
                .iter()
                .any(|t| t.from == l.to && t.to == exchange_2)
        })
        .expect("a demixing candidate towards the exchange");
    view.decide(candidate.key, Some(Decision::Accepted));
    let (exploiter, gas, pool) = (
        id(&case, "Bridge exploiter"),
        id(&case, "Gas wallet"),
        id(&case, "Tornado Cash 100 ETH pool"),
    );
    view.set_note(Mark::Node(exploiter), HOSTILE_NOTE, Some("#aa00ff"));
    for a in [
        Annotation::new(
            Shape::Text {
                at: exploiter,
                offset: [30, -60],
            },
            "Exploiter: <b>drained</b> the bridge on 12 June",
            None,
        ),
        Annotation::new(
            Shape::Arrow {
                from: gas,
                to: pool,
            },
            "funds the deposits",
            Some("#c05000"),
        ),
        Annotation::new(
            Shape::Frame {
                around: vec![exchange, id(&case, "Exchange deposit")],
            },
            "Cash-out <script>",
            None,
        ),
    ] {
        view.annotate(a.expect("an annotation"));
    }
    let victim = case.seeds[0];
    let path = hopscope_core::paths::shortest_path(&case, &view.filter, victim, pool)
        .expect("a path to the pool");
    let saved = case_file::save(
        &case,
        &view,
        &[],
        Mode::Free,
        Some((Method::Haircut, &Asset::new("ETH"), Pools::Absorb, true)),
    );
    case.investigation = Some(case_file::with_path(saved, &case, &path));
    case
}

fn golden(path: &str, made: &str) {
    let file = common::repo_path(path);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, made).unwrap();
    }
    let want = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{path}: {e} (UPDATE_GOLDEN=1 writes it)"));
    assert!(
        want == made,
        "{path} differs from what is made now (UPDATE_GOLDEN=1 rewrites it if the change is meant)"
    );
}

#[test]
fn the_investigated_case_and_its_report_match_the_committed_files() {
    let text = write_case_v1(&investigated());
    golden(FIXTURE, &text);
    let made = report(&text, &ReportOptions::default()).expect("a report");
    golden(GOLDEN, &made.html);
    golden(GOLDEN_HOPS, &made.hops_csv);
    golden(GOLDEN_CASHOUT, &made.cashout_csv);
    // The same text, the same bytes.
    assert_eq!(report(&text, &ReportOptions::default()).unwrap(), made);
}

#[test]
fn the_report_says_what_was_traced_how_and_how_sure() {
    let text = write_case_v1(&investigated());
    let html = report(&text, &ReportOptions::default()).unwrap().html;
    // Sections, in order.
    let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("no {s}"));
    assert!(
        at("id=\"summary\"") < at("id=\"picture\"")
            && at("id=\"picture\"") < at("id=\"hops\"")
            && at("id=\"hops\"") < at("id=\"method\"")
            && at("id=\"method\"") < at("id=\"labels\"")
            && at("id=\"labels\"") < at("id=\"integrity\"")
    );
    // No script, no request.
    assert!(!html.contains("<script"), "a script element");
    assert!(!html.contains("<img"), "an image element");
    assert!(html.contains("default-src 'none'"));
    assert!(
        !html.contains("http://")
            || html.matches("http://").count()
                == html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
    );
    // The digest of the case file.
    let digest: String = Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(html.contains(&digest));
    // The trace settings saved, and the route through the accepted candidate and the bridge.
    assert!(html.contains("These are the trace settings saved with the case."));
    assert!(
        html.contains("Demixing (linking a mixer withdrawal to a deposit)</b>: demixing candidate")
    );
    assert!(html.contains("accepted by the investigator; the trace follows it"));
    assert!(html.contains("Cross-chain bridge hops</b>: bridge hop"));
    assert!(html.contains("not judged; the trace follows it by default"));
    assert!(html.contains("Route to "));
    assert!(html.contains("Highlighted path"));
    assert!(html.contains("etherscan.io/tx/0x"));
    // Cash-out to the exchange on Avalanche, by its (escaped) label.
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // Method and limits, sources, notes, annotations in the picture.
    assert!(html.contains("Can be wrong: Timing and amounts are circumstantial"));
    assert!(html.contains("a &lt;b&gt;warning&lt;/b&gt; from the file"));
    assert!(
        html.contains("&lt;/style&gt;&lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt; &amp; co")
    );
    assert!(html.contains("<g class=\"annotations\""));
    assert!(html.contains("Cash-out &lt;script&gt;"));
    // The title in the running header is a CSS string of escapes only.
    let page_rule = html.split("@page { @top-left { content: ").nth(1).unwrap();
    let string = page_rule.split(';').next().unwrap();
    assert!(string.starts_with('"') && string.ends_with('"'));
    assert!(
        !string[1..string.len() - 1].contains(['"', '<', '>', '}']),
        "{string}"
    );
    // No amount in exponent form, no "-0".
    assert!(!regex_like_exponent(&html));
    assert!(!html.contains(">-0<") && !html.contains(" -0 "));
}

/// Whether the text has a number in exponent form (`1e-7`, `2.5E+10`).
fn regex_like_exponent(text: &str) -> bool {
    let b = text.as_bytes();
    (1..b.len().saturating_sub(2)).any(|i| {
        (b[i] == b'e' || b[i] == b'E')
            && b[i - 1].is_ascii_digit()
            && (b[i + 1] == b'-' || b[i + 1] == b'+')
            && b[i + 2].is_ascii_digit()
    })
}

#[test]
fn the_tables_as_csv_defuse_formulas_and_name_units() {
    let text = write_case_v1(&investigated());
    let made = report(&text, &ReportOptions::default()).unwrap();
    let header = made.hops_csv.lines().next().unwrap();
    assert!(header.contains("amount [asset]") && header.contains("usd_at_time [USD]"));
    let cashout = made.cashout_csv.lines().collect::<Vec<_>>();
    assert!(
        cashout[0].contains("exchange_total_worth [ETH]"),
        "{}",
        cashout[0]
    );
    assert!(
        cashout.len() >= 2,
        "an exchange received value: {cashout:?}"
    );
    // The hostile label starts with '<', not a formula sign; a label starting with '=' would be
    // defused: every cell that starts with = + - @ has a quote before it.
    let mut reader = csv::Reader::from_reader(made.hops_csv.as_bytes());
    for row in reader.records() {
        for cell in row.unwrap().iter() {
            assert!(
                !(cell.starts_with(['=', '+', '@'])
                    || cell.starts_with('-') && cell.parse::<f64>().is_err()),
                "{cell}"
            );
            assert!(!regex_like_exponent(cell), "{cell}");
        }
    }
}

#[test]
fn the_case_file_can_be_attached_and_anything_but_a_case_file_is_refused() {
    let text = write_case_v1(&investigated());
    let with = report(&text, &ReportOptions { attach_case: true })
        .unwrap()
        .html;
    let href = with
        .split("href=\"data:application/json;base64,")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("the attachment");
    use base64::Engine as _;
    let back = base64::engine::general_purpose::STANDARD
        .decode(href)
        .unwrap();
    assert_eq!(back, text.as_bytes());
    let without = report(&text, &ReportOptions::default()).unwrap().html;
    assert!(!without.contains("data:application/json"));
    let refused = report("from,to,amount\na,b,1\n", &ReportOptions::default()).unwrap_err();
    assert!(refused.contains("hopscope case file"), "{refused}");
}

#[test]
fn annotations_survive_saving_and_reopening() {
    let case = investigated();
    let text = write_case_v1(&case);
    let back = parse_case(&text).unwrap().value;
    let restored = case_file::restore(back.investigation.as_ref().unwrap(), &back);
    assert!(restored.warnings.is_empty(), "{:?}", restored.warnings);
    let kinds: Vec<&str> = restored
        .view
        .annotations()
        .iter()
        .map(|a| a.shape.kind())
        .collect();
    assert_eq!(kinds, ["text", "arrow", "frame"]);
    assert_eq!(restored.view.annotations()[2].text, "Cash-out <script>");
}

#[test]
fn a_bad_annotation_is_skipped_with_a_warning_and_the_investigation_still_opens() {
    let text = write_case_v1(&investigated());
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let annotations = json["investigation"]["annotations"].as_array_mut().unwrap();
    annotations[0]["dx"] = serde_json::json!(30.5);
    annotations[1]["dy"] = serde_json::json!("5");
    annotations.push(serde_json::json!({"kind": "arrow", "addresses": ["0x1"]}));
    let broken = serde_json::to_string(&json).unwrap();
    let made = report(&broken, &ReportOptions::default()).unwrap();
    // The trace, the accepted link and the path survive.
    assert!(made
        .html
        .contains("These are the trace settings saved with the case."));
    assert!(made
        .html
        .contains("accepted by the investigator; the trace follows it"));
    assert!(made.html.contains("Highlighted path"));
    // The bad entries are named, in the page and to the caller.
    assert!(
        made.warnings
            .iter()
            .any(|w| w.contains("an annotation could not be read")),
        "{:?}",
        made.warnings
    );
    assert!(made
        .warnings
        .iter()
        .any(|w| w.contains("\"arrow\" annotation with 1 addresses")));
    assert!(made.html.contains("Warnings reading the case file"));
    // The text box with an offset of 30.5 is drawn (rounded), the frame too.
    let back = parse_case(&broken).unwrap().value;
    let kinds: Vec<&str> = case_file::restore(back.investigation.as_ref().unwrap(), &back)
        .view
        .annotations()
        .iter()
        .map(|a| a.shape.kind())
        .collect();
    assert_eq!(kinds, ["text", "frame"]);
}

#[test]
fn a_link_the_saved_view_does_not_show_is_still_named_by_its_heuristic() {
    // The bundled swap case opens at its seed only; its routes pass accepted demixing links.
    let text = common::repo_file("cases/swap-route-thorchain.json");
    let made = report(&text, &ReportOptions::default()).unwrap();
    assert!(made
        .html
        .contains("<dt>Demixing (linking a mixer withdrawal to a deposit)</dt>"));
    assert!(made
        .html
        .contains("Demixing (linking a mixer withdrawal to a deposit)</b>: demixing candidate"));
    assert!(
        !made.hops_csv.contains("bridge hop"),
        "no step is called a bridge hop"
    );
    assert!(made
        .html
        .contains("Cross-chain swaps (THORChain memos)</b>: cross-chain swap"));
}

#[test]
fn a_swap_the_trace_does_not_follow_is_not_called_followed() {
    let mut case = investigated();
    if let Some(t) = case.investigation.as_mut().and_then(|i| i.trace.as_mut()) {
        t.conversions = false;
    }
    let text = write_case_v1(&case);
    let made = report(&text, &ReportOptions::default()).unwrap();
    for line in made.hops_csv.lines().skip(1) {
        // A row whose traced share is 0 is never "followed".
        if line.contains(",0,0,") {
            assert!(!line.contains("the trace follows it"), "{line}");
        }
    }
}

#[test]
fn direction_controls_in_labels_cannot_turn_the_text_around() {
    let mut case = investigated();
    let victim = case.seeds[0];
    case.edit_label(victim, "Binance \u{202e}4202 enuJ");
    case.title = "Case \u{2067}x".into();
    let made = report(&write_case_v1(&case), &ReportOptions::default()).unwrap();
    assert!(!made.html.contains('\u{202e}') && !made.html.contains('\u{2067}'));
    assert!(made.html.contains("Binance \u{fffd}4202 enuJ"));
}

/// Real Etherscan exports (`test_data/swaps`, privatefolio's test files, AGPL-3.0, test data
/// only): the trader's own swaps, merged from three files, reported from the trader's address.
#[test]
fn the_report_of_real_etherscan_exports_lists_their_swaps_and_sources() {
    use hopscope_core::format::batch::open_files;
    let files: Vec<(String, String)> = [
        "etherscan_0x003dc_normal_swaps.csv",
        "etherscan_0x003dc_erc20_swaps.csv",
        "etherscan_0x003dc_internal_swaps.csv",
    ]
    .iter()
    .map(|n| {
        (
            format!("/home/someone/cases/{n}"),
            common::sample(&format!("swaps/{n}")),
        )
    })
    .collect();
    let mut case = open_files(None, &files, &Default::default())
        .case
        .expect("a case");
    let trader = case
        .graph
        .node_by_text("0x003dc32fe920a4aaeed12dc87e145f030aa753f3")
        .unwrap();
    case.seeds = vec![trader];
    let made = report(&write_case_v1(&case), &ReportOptions::default()).unwrap();
    let html = &made.html;
    // The files by name only (not where they lay), their format and warnings.
    assert!(html.contains("<td class=\"mono\">etherscan_0x003dc_erc20_swaps.csv</td>"));
    assert!(!html.contains("/home/someone"));
    assert!(html.contains("1 failed transactions (no value moved); skipped"));
    // The Uniswap V2 swaps of the README, exact, with their transactions.
    assert!(html.contains("Conversions the traced value went through"));
    assert!(html.contains("1,017.881923452677036281 DAI<br>→ 6,676.204402690040626853 GEN"));
    assert!(html.contains(
        "etherscan.io/tx/0xf6bf99b1e0e421f1e571037cc8850a9a5ba4724b6735b49411f8d5cdcec360fa"
    ));
    // Dollar values at the time, from the ERC-20 export.
    assert!(
        html.contains(" USD</td>"),
        "US dollars where the export gave them"
    );
}
