//! A case file keeps the whole investigation: saved and read back (also through the import
//! worker's wire form), it restores the same view, notes, groups, filter, positions and pins;
//! entries naming addresses the case lacks are dropped with a warning, never a failure.

mod common;

use hopscope_core::format::wire::{decode, encode};
use hopscope_core::format::{batch::read_file, write_case_v1};
use hopscope_core::infer::{Decision, LinkKey};
use hopscope_core::layout::Mode;
use hopscope_core::model::{Amount, Asset};
use hopscope_core::trace::{Method, Pools};
use hopscope_core::view::{Direction, ExpandOptions, GroupKind, Mark, Threshold, View};
use hopscope_core::TransferId;
use hopscope_core::{parse_case, Case, ImportOptions};

fn demo() -> Case {
    parse_case(&common::repo_file("cases/htx-2023-tornado.json"))
        .unwrap()
        .value
}

/// The demo three hops out, with a filter, a group, notes and a hidden address.
fn worked_view(case: &Case) -> View {
    let mut view = View::of(case);
    view.expand(
        case,
        case.seeds[0],
        &ExpandOptions {
            hops: 3,
            direction: Direction::Out,
            hub_threshold: 1000,
            ..ExpandOptions::default()
        },
    );
    let shown: Vec<_> = view.visible().collect();
    view.group([shown[1], shown[2]], "Split wallets <script>");
    view.set_note(
        Mark::Node(shown[3]),
        "line one\nline \"two\"",
        Some("#123abc"),
    );
    view.set_note(Mark::Flow(shown[0], shown[1]), "first hop", None);
    view.hide(shown[4]);
    view.set_pinned(shown[2], true);
    view.filter.time = Some((1_600_000_000, 1_800_000_000));
    view.filter.direction = hopscope_core::view::Flowing::FromSeeds;
    view.filter
        .min_value
        .insert(Asset::new("ETH"), Amount::parse("0.5").unwrap());
    // Verdicts on two links (a deposit into a pool and two of its withdrawals), a higher
    // threshold and a group the common-spend option made.
    let pool = case
        .graph
        .node_by_text("0xa160cdab225685da1d56aa342ad8841c3b53f291")
        .unwrap();
    let into = case.graph.transfers_of(pool, petgraph::Direction::Incoming)[0];
    let outs = case.graph.transfers_of(pool, petgraph::Direction::Outgoing);
    view.decide(LinkKey { into, out: outs[0] }, Some(Decision::Accepted));
    view.decide(LinkKey { into, out: outs[1] }, Some(Decision::Rejected));
    view.threshold = Threshold(35);
    view.group_as(
        [shown[5], shown[6]],
        "Entity of 2 addresses",
        GroupKind::CommonSpend,
    );
    assert!(view.decisions().count() == 2 && into != TransferId(u32::MAX));
    view
}

fn saved(case: &Case, view: &View) -> Case {
    let placed: Vec<_> = view
        .visible()
        .enumerate()
        .map(|(i, id)| (id, [i as f32 * 1.5, -(i as f32)], view.is_pinned(id)))
        .collect();
    let mut with = case.clone();
    with.investigation = Some(hopscope_core::case_file::save(
        case,
        view,
        &placed,
        Mode::Flow,
        Some((Method::Fifo, &Asset::new("ETH"), Pools::Ordinary, true)),
    ));
    with
}

#[test]
fn a_saved_case_file_restores_the_same_view() {
    let case = demo();
    let view = worked_view(&case);
    let text = write_case_v1(&saved(&case, &view));
    let back = parse_case(&text).unwrap().value;
    assert_eq!(back.graph.n_transfers(), case.graph.n_transfers());
    let restored = hopscope_core::case_file::restore(back.investigation.as_ref().unwrap(), &back);
    assert!(restored.warnings.is_empty(), "{:?}", restored.warnings);
    assert_eq!(restored.view, view);
    assert_eq!(restored.layout_mode, Mode::Flow);
    assert_eq!(
        restored.trace,
        Some((Method::Fifo, Asset::new("ETH"), Pools::Ordinary, true))
    );
    assert_eq!(restored.positions.len(), view.n_visible());
    assert_eq!(
        restored
            .positions
            .values()
            .filter(|(_, pinned)| *pinned)
            .count(),
        1
    );
    // Saving again gives the same file.
    let again = saved(&back, &restored.view);
    assert_eq!(write_case_v1(&again), text);
}

#[test]
fn the_investigation_crosses_the_import_worker() {
    let case = demo();
    let view = worked_view(&case);
    let text = write_case_v1(&saved(&case, &view));
    let read = read_file("case.json", &text, &ImportOptions::default(), None);
    let back = decode(&encode(&[read])).unwrap().remove(0);
    let back = back.result.unwrap().value;
    assert_eq!(
        hopscope_core::case_file::restore(back.investigation.as_ref().unwrap(), &back).view,
        view
    );
}

#[test]
fn saved_entries_for_addresses_the_case_lacks_are_dropped_with_a_warning() {
    let case = demo();
    let text = write_case_v1(&saved(&case, &worked_view(&case)));
    // Point a visible address, a note and a position at an address not in the case.
    let seed = case
        .graph
        .node(case.seeds[0])
        .unwrap()
        .address
        .as_str()
        .to_owned();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let inv = &mut json["investigation"];
    inv["visible"][1]["address"] = "0xnot-in-the-case".into();
    inv["positions"][0]["x"] = serde_json::Value::Null;
    inv["filter"]["min_value"]["ETH"] = "lots".into();
    // A damaged investigation (a null where a number belongs) is skipped with a warning; the
    // data still opens.
    let damaged = parse_case(&json.to_string()).unwrap();
    assert!(damaged.value.investigation.is_none());
    assert!(damaged
        .warnings
        .iter()
        .any(|w| w.location == "investigation"));
    inv_fix(&mut json);
    let back = parse_case(&json.to_string()).unwrap().value;
    let restored = hopscope_core::case_file::restore(back.investigation.as_ref().unwrap(), &back);
    assert!(restored
        .warnings
        .iter()
        .any(|w| w.contains("0xnot-in-the-case")));
    assert!(restored.warnings.iter().any(|w| w.contains("\"lots\"")));
    assert!(restored.warnings.iter().any(|w| w.contains("within")));
    assert!(restored
        .positions
        .values()
        .all(|([x, y], _)| x.abs() < 1e7 && y.abs() < 1e7));
    assert!(restored
        .view
        .is_visible(back.graph.node_by_text(&seed).unwrap()));
}

fn inv_fix(json: &mut serde_json::Value) {
    json["investigation"]["positions"][0]["x"] = 1.0.into();
    // A huge coordinate is refused, not summed into infinity.
    json["investigation"]["positions"][1]["y"] = 3.0e38.into();
}

#[test]
fn a_case_file_without_an_investigation_writes_none() {
    let case = demo();
    assert!(case.investigation.is_none());
    assert!(!write_case_v1(&case).contains("investigation"));
}
