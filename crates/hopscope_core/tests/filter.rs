//! Filters over a view: which transfers count (time window, minimum per asset, direction from
//! or to the seeds), what a filter takes out of the picture, the time histogram, and a scene
//! refiltered in place equal to one built afresh.

mod common;

use common::{case_of, demo, id};

use std::collections::BTreeSet;

use hopscope_core::model::{Amount, Asset};
use hopscope_core::view::{Direction, ExpandOptions, Histogram, Mark, View};
use hopscope_core::NodeId;

#[test]
fn the_filter_removes_flows_from_the_picture_and_notes_colour_it() {
    use hopscope_core::style::Scene;
    let case = case_of(3, &[(0, 1, 5, 10), (0, 2, 1, 100)], &[]);
    let mut view = View::all(&case);
    view.filter.time = Some((0, 50));
    let scene = Scene::of_view(&case, &view);
    assert_eq!(
        scene.nodes.len(),
        2,
        "n2, left with no counted flow, leaves the picture"
    );
    assert_eq!(scene.edges.len(), 1, "the late flow is filtered out");
    view.set_note(
        Mark::Node(id(&case, "n1")),
        "<b>cash-out?</b>",
        Some("#FF0000"),
    );
    view.set_note(
        Mark::Flow(id(&case, "n0"), id(&case, "n1")),
        "",
        Some("#00ff00"),
    );
    view.set_note(Mark::Node(id(&case, "n2")), "", Some("javascript:alert(1)"));
    assert!(
        view.note(Mark::Node(id(&case, "n2"))).is_none(),
        "a bad colour and no text: no note"
    );
    let scene = Scene::of_view(&case, &view);
    let n1 = scene
        .nodes
        .iter()
        .find(|n| n.id == id(&case, "n1"))
        .unwrap();
    assert_eq!(n1.note_colour.as_deref(), Some("#ff0000"));
    assert_eq!(scene.edges[0].note_colour.as_deref(), Some("#00ff00"));
    assert_eq!(
        view.note(Mark::Node(id(&case, "n1"))).unwrap().text,
        "<b>cash-out?</b>"
    );
}

#[test]
fn the_time_histogram_counts_every_timed_transfer_once() {
    let case = demo();
    let h = Histogram::of(&case.graph, 40).unwrap();
    let timed = case
        .graph
        .transfers()
        .iter()
        .filter(|t| t.timestamp.is_some())
        .count();
    assert_eq!(h.counts.iter().map(|&c| c as usize).sum::<usize>(), timed);
    assert_eq!(h.bin_start(0), h.from);
    assert_eq!(h.bin_start(40), h.to + 1);
    assert!(Histogram::of(&case_of(2, &[], &[]).graph, 10).is_none());
    // Times at both ends of i64 (a hostile file): no overflow.
    let extreme = case_of(3, &[(0, 1, 1, i64::MIN), (1, 2, 1, i64::MAX)], &[]);
    let h = Histogram::of(&extreme.graph, 7).unwrap();
    assert_eq!((h.counts[0], h.counts[6]), (1, 1));
    assert_eq!(h.bin_start(7), i64::MAX);
}

#[test]
fn refiltering_a_scene_gives_the_scene_built_afresh() {
    use hopscope_core::infer::Patterns;
    use hopscope_core::style::{FlowScale, Scene};
    let case = demo();
    let scale = FlowScale::of(&case.graph);
    let patterns = Patterns::of(&case);
    for all in [true, false] {
        let mut view = if all {
            View::all(&case)
        } else {
            View::of(&case)
        };
        if !all {
            view.expand(
                &case,
                case.seeds[0],
                &ExpandOptions {
                    hops: 4,
                    hub_threshold: 1000,
                    ..ExpandOptions::default()
                },
            );
        }
        let shown: Vec<NodeId> = view.visible().collect();
        view.group([shown[1], shown[2]], "g");
        let before = Scene::of_view_scaled(&case, &view, &scale, &patterns);
        let h = Histogram::of(&case.graph, 10).unwrap();
        view.filter.time = Some((h.bin_start(3), h.bin_start(7)));
        let fresh = Scene::of_view_scaled(&case, &view, &scale, &patterns);
        assert!(fresh.edges.len() < before.edges.len());
        assert_eq!(fresh, Scene::of_view(&case, &view));
        // Refiltering keeps the nodes: right while the filter leaves out the same addresses.
        let mut kept = view.clone();
        for id in view.left_out(&case) {
            kept.set_pinned(id, true);
        }
        assert!(kept.left_out(&case).is_empty());
        let mut unfiltered = kept.clone();
        unfiltered.filter.time = None;
        assert_eq!(
            Scene::of_view_scaled(&case, &unfiltered, &scale, &patterns)
                .refiltered(&case, &kept, &scale),
            Scene::of_view_scaled(&case, &kept, &scale, &patterns)
        );
        // A hidden member's flows stay out of the group's node when the filter changes.
        kept.hide(shown[2]);
        let hidden = Scene::of_view_scaled(&case, &kept, &scale, &patterns);
        kept.filter.time = None;
        assert_eq!(
            hidden.refiltered(&case, &kept, &scale),
            Scene::of_view_scaled(&case, &kept, &scale, &patterns)
        );
    }
}

#[test]
fn the_direction_filter_keeps_money_leaving_or_reaching_the_seeds() {
    use hopscope_core::style::Scene;
    use hopscope_core::view::Flowing;
    // n3 → n0 (funding the seed), n0 → n1 → n2 (the stolen money), n4 → n1 (other money in).
    let case = case_of(
        5,
        &[(3, 0, 1, 1), (0, 1, 5, 2), (1, 2, 5, 3), (4, 1, 2, 4)],
        &[],
    );
    let mut view = View::all(&case);
    let flows = |view: &View| {
        let scene = Scene::of_view(&case, view);
        let name = |i: u32| {
            case.graph
                .node(scene.nodes[i as usize].id)
                .unwrap()
                .address
                .as_str()
                .to_owned()
        };
        let mut list: Vec<String> = scene
            .edges
            .iter()
            .map(|e| format!("{}>{}", name(e.source), name(e.target)))
            .collect();
        list.sort();
        list
    };
    assert_eq!(flows(&view).len(), 4);
    view.filter.direction = Flowing::FromSeeds;
    assert_eq!(flows(&view), ["n0>n1", "n1>n2"]);
    view.filter.direction = Flowing::ToSeeds;
    assert_eq!(flows(&view), ["n3>n0"]);
    // Expansion follows the same rule: from n1, money in from n4 is not the trail.
    let mut small = View::of(&case);
    small.filter.direction = Flowing::FromSeeds;
    small.expand(
        &case,
        case.seeds[0],
        &ExpandOptions {
            hops: 3,
            direction: Direction::Both,
            ..ExpandOptions::default()
        },
    );
    let shown: BTreeSet<NodeId> = small.visible().collect();
    assert_eq!(
        shown,
        [id(&case, "n0"), id(&case, "n1"), id(&case, "n2")]
            .into_iter()
            .collect()
    );
}

#[test]
fn a_brushed_bin_window_holds_exactly_the_transfers_counted_in_it() {
    // Times that do not divide evenly into bins, and a single shared time.
    for rows in [
        vec![
            (0, 1, 1, 100),
            (1, 2, 1, 101),
            (2, 3, 1, 137),
            (3, 4, 1, 150),
            (0, 4, 1, 199),
        ],
        vec![(0, 1, 1, 5000), (1, 2, 1, 5000)],
    ] {
        let case = case_of(5, &rows, &[]);
        let h = Histogram::of(&case.graph, 48).unwrap();
        for k in 0..48 {
            let (from, to) = h.window(k, k);
            let inside = rows.iter().filter(|r| (from..=to).contains(&r.3)).count();
            assert_eq!(inside, h.counts[k] as usize, "bin {k}: {from}..={to}");
        }
        let (from, to) = h.window(0, 47);
        assert_eq!((from, to), (h.from, h.to));
    }
}

#[test]
fn a_minimum_value_takes_addresses_without_a_counted_flow_out_of_the_picture() {
    use hopscope_core::style::Scene;
    use hopscope_core::view::Mark;
    // n0 → n1 (50), n0 → n2 (1), n3 → n4 (2), n5 → n6 (70): everything shown.
    let case = case_of(
        7,
        &[(0, 1, 50, 1), (0, 2, 1, 2), (3, 4, 2, 3), (5, 6, 70, 4)],
        &[],
    );
    let mut view = View::all(&case);
    assert!(view.left_out(&case).is_empty(), "no filter, all drawn");
    assert_eq!(Scene::of_view(&case, &view).nodes.len(), 7);
    view.filter
        .min_value
        .insert(Asset::new("ETH"), Amount::parse("10").unwrap());
    let out: Vec<NodeId> = view.left_out(&case).into_iter().collect();
    assert_eq!(
        out,
        vec![id(&case, "n2"), id(&case, "n3"), id(&case, "n4")],
        "the seed stays; those with only small flows leave"
    );
    let scene = Scene::of_view(&case, &view);
    assert_eq!(scene.nodes.len(), 4);
    assert_eq!(scene.edges.len(), 2);
    assert_eq!(view.n_drawn(&case), 4);
    // What the investigator marked stays: a pin, a note.
    view.set_pinned(id(&case, "n3"), true);
    view.set_note(Mark::Node(id(&case, "n4")), "look here", None);
    assert_eq!(view.left_out(&case).len(), 1);
    assert_eq!(Scene::of_view(&case, &view).nodes.len(), 6);
}

#[test]
fn an_address_searched_for_stays_drawn_under_a_filter_and_is_saved() {
    use hopscope_core::style::Scene;
    // n0 → n1 (50) and n2 → n3 (1); a minimum of 10 leaves n2 and n3 no flow.
    let case = case_of(4, &[(0, 1, 50, 1), (2, 3, 1, 2)], &[]);
    let mut view = View::of(&case);
    view.filter
        .min_value
        .insert(Asset::new("ETH"), Amount::parse("10").unwrap());
    let n3 = id(&case, "n3");
    view.reveal_path(&case, n3);
    assert!(view.is_visible(n3) && view.is_found(n3));
    assert!(
        view.left_out(&case).is_empty(),
        "what was asked for is drawn"
    );
    assert!(Scene::of_view(&case, &view)
        .nodes
        .iter()
        .any(|n| n.id == n3));
    let saved = hopscope_core::case_file::save(&case, &view, &[], Default::default(), None);
    assert_eq!(saved.found, vec!["n3".to_owned()]);
    assert!(hopscope_core::case_file::restore(&saved, &case)
        .view
        .is_found(n3));
}
