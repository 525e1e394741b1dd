//! Teaching mode's core (issue 8): playback at time t shows exactly the transfers with a
//! timestamp at or before t, addresses appear when first funded, running totals add up; a
//! story's steps resolve to the case's nodes (saying what they skip) and round-trip through
//! the case file, as does a damaged story, which is skipped with a warning.

mod common;

use hopscope_core::format::write_case_v1;
use hopscope_core::model::story::{Phase, Step, Story, StoryFlow, TimeRange};
use hopscope_core::model::Category;
use hopscope_core::parse_case;
use hopscope_core::playback::{Appearance, Playback};

fn textbook() -> hopscope_core::Case {
    parse_case(&common::repo_file("cases/textbook-ten.json"))
        .unwrap()
        .value
}

#[test]
fn playback_at_t_shows_exactly_the_transfers_up_to_t() {
    let case = textbook();
    let play = Playback::of(&case);
    let (start, end) = play.span().unwrap();
    assert_eq!(play.len(), case.graph.transfers().len());
    let mut moments: Vec<i64> = case
        .graph
        .transfers()
        .iter()
        .filter_map(|t| t.timestamp)
        .flat_map(|t| [t - 1, t, t + 1])
        .collect();
    moments.extend([start - 1_000_000, end + 1_000_000]);
    for t in moments {
        let mut shown: Vec<u32> = play.shown_at(t).iter().map(|k| k.0).collect();
        let mut want: Vec<u32> = case
            .graph
            .transfers()
            .iter()
            .enumerate()
            .filter(|(_, tr)| tr.timestamp.is_some_and(|x| x <= t))
            .map(|(k, _)| k as u32)
            .collect();
        // In time order…
        let times: Vec<i64> = shown
            .iter()
            .map(|&k| case.graph.transfers()[k as usize].timestamp.unwrap())
            .collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]));
        // …and exactly the ones at or before t.
        shown.sort();
        want.sort();
        assert_eq!(shown, want, "at {t}");
        // Funded addresses: those that received a shown transfer.
        let mut funded: Vec<_> = play.funded_at(t).collect();
        let mut receivers: Vec<_> = want
            .iter()
            .map(|&k| case.graph.transfers()[k as usize].to)
            .collect();
        funded.sort();
        receivers.sort();
        receivers.dedup();
        assert_eq!(funded, receivers, "funded at {t}");
    }
    assert!(play.shown_at(start - 1).is_empty());
    assert_eq!(play.shown_at(end).len(), play.len());
}

#[test]
fn running_totals_count_what_left_the_seeds_and_reached_mixers_and_exchanges() {
    let case = textbook();
    let play = Playback::of(&case);
    let (start, end) = play.span().unwrap();
    let before = play.totals_at(&case, start - 1);
    assert!(before.left_seeds.is_empty() && before.reached.is_empty());
    let all = play.totals_at(&case, end);
    assert_eq!(
        all.left_seeds.get("ETH").map(|a| a.to_string()).as_deref(),
        Some("100")
    );
    let mixed = &all.reached[&Category::Mixer];
    let cashed = &all.reached[&Category::Exchange];
    assert!(mixed["ETH"].to_f64_lossy() > 0.0 && cashed["ETH"].to_f64_lossy() > 0.0);
    // What reached the exchange by the end is more than halfway through.
    let mid = play.totals_at(&case, (start + end) / 2);
    let cashed_mid = mid
        .reached
        .get(&Category::Exchange)
        .and_then(|m| m.get("ETH"))
        .map_or(0.0, |a| a.to_f64_lossy());
    assert!(cashed_mid <= cashed["ETH"].to_f64_lossy());
}

fn story_for(case: &hopscope_core::Case) -> Story {
    let thief = case
        .graph
        .node_ids()
        .find(|&id| case.graph.node(id).unwrap().label.as_deref() == Some("Thief"))
        .unwrap();
    let victim = case.seeds[0];
    let mut first = Step::from_view(
        case,
        "The theft",
        &[victim, thief],
        &[(victim, thief)],
        Some(TimeRange {
            from: None,
            to: Some(1_704_877_200),
        }),
    );
    first.caption = "100 ETH leave the victim <b>in one transfer</b> ]]>".to_owned();
    first.phase = Some(Phase::Placement);
    Story {
        steps: vec![
            first,
            Step {
                title: "Everything".to_owned(),
                phase: Some(Phase::Integration),
                highlight: vec!["0xnot-in-this-case".to_owned()],
                flows: vec![StoryFlow {
                    from: "0xnope".to_owned(),
                    to: "0xnope2".to_owned(),
                }],
                ..Step::default()
            },
        ],
    }
}

#[test]
fn a_step_resolves_to_nodes_time_and_camera_and_names_what_it_skips() {
    let case = textbook();
    let story = story_for(&case);
    let first = story.steps[0].resolve(&case);
    assert_eq!(first.highlight.len(), 2);
    assert_eq!(first.flows, vec![(first.highlight[0], first.highlight[1])]);
    assert_eq!(
        first.fit, first.highlight,
        "the camera fits what is highlighted"
    );
    assert_eq!(first.time.unwrap().to, Some(1_704_877_200));
    assert!(first.missing.is_empty());
    let second = story.steps[1].resolve(&case);
    assert!(second.highlight.is_empty() && second.flows.is_empty() && second.fit.is_empty());
    assert_eq!(
        second.missing,
        vec!["0xnot-in-this-case", "0xnope", "0xnope2"]
    );
}

#[test]
fn steps_round_trip_through_the_case_file() {
    let mut case = textbook();
    case.story = Some(story_for(&case));
    let text = write_case_v1(&case);
    assert!(text.contains("\"story\""));
    let back = parse_case(&text).unwrap();
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
    assert_eq!(back.value.story, case.story);
    // A case without a story writes none.
    let mut plain = textbook();
    plain.story = None;
    assert!(!write_case_v1(&plain).contains("\"story\""));
}

#[test]
fn a_damaged_story_is_skipped_with_a_warning_and_the_case_opens() {
    let mut json: serde_json::Value =
        serde_json::from_str(&common::repo_file("cases/textbook-ten.json")).unwrap();
    json["story"] = serde_json::json!({ "steps": [{ "title": 5 }] });
    let opened = parse_case(&json.to_string()).unwrap();
    assert!(opened.value.story.is_none());
    assert!(opened
        .warnings
        .iter()
        .any(|w| w.to_string().contains("story") && w.to_string().contains("without its story")));
    assert_eq!(opened.value.graph.transfers().len(), 15);
}

#[test]
fn nodes_and_edges_appear_with_their_first_transfer() {
    let case = textbook();
    let mut view = hopscope_core::view::View::of(&case);
    view.show_all(&case);
    let scene = hopscope_core::style::Scene::of_view(&case, &view);
    let appear = Appearance::of(&case, &scene);
    let play = Playback::of(&case);
    let (start, end) = play.span().unwrap();
    let (nodes, edges) = appear.hidden_at(start - 1);
    // Before anything moved only the seed is there.
    let shown: Vec<usize> = (0..nodes.len()).filter(|&i| !nodes[i]).collect();
    assert_eq!(shown.len(), 1);
    assert!(scene.nodes[shown[0]].is_seed);
    assert!(edges.iter().all(|&h| h));
    let (nodes, edges) = appear.hidden_at(end);
    assert!(
        nodes.iter().chain(&edges).all(|&h| !h),
        "everything by the end"
    );
    // At each transfer's time its edge is there, and not a second earlier.
    for (k, e) in scene.edges.iter().enumerate() {
        let t = appear.edges[k].unwrap();
        assert!(!appear.hidden_at(t).1[k] && appear.hidden_at(t - 1).1[k]);
        assert!(
            !appear.hidden_at(t).0[e.target as usize],
            "its target is there too"
        );
    }
}

#[test]
fn the_bundled_teaching_stories_name_only_real_addresses_and_cover_every_phase() {
    for file in [
        "cases/htx-2023-tornado.json",
        "cases/bridge-hack-to-bitcoin.json",
        "cases/swap-route-thorchain.json",
        "cases/textbook-ten.json",
    ] {
        let case = parse_case(&common::repo_file(file)).unwrap().value;
        assert!(
            case.title.contains("illustrative") || case.notes.contains("\"illustrative\""),
            "{file} is marked illustrative"
        );
        let story = case
            .story
            .clone()
            .unwrap_or_else(|| panic!("{file} has a story"));
        assert!(story.steps.len() >= 5, "{file}");
        let mut phases = Vec::new();
        let mut last_to = i64::MIN;
        for (k, step) in story.steps.iter().enumerate() {
            let resolved = step.resolve(&case);
            assert!(
                resolved.missing.is_empty(),
                "{file} step {k}: {:?}",
                resolved.missing
            );
            assert!(
                !resolved.highlight.is_empty() && !resolved.fit.is_empty(),
                "{file} step {k}"
            );
            assert!(step.caption.len() > 40, "{file} step {k} has a caption");
            // The flows a step highlights are real flows of the case.
            for &(a, b) in &resolved.flows {
                assert!(
                    case.graph
                        .flows_of(a, petgraph::Direction::Outgoing)
                        .any(|(other, _)| other == b),
                    "{file} step {k}: a flow that does not exist"
                );
            }
            // Steps go forward in time.
            if let Some(to) = step.time.and_then(|t| t.to) {
                assert!(to >= last_to, "{file} step {k} goes back in time");
                last_to = to;
            }
            phases.extend(step.phase);
        }
        for phase in [Phase::Placement, Phase::Layering, Phase::Integration] {
            assert!(phases.contains(&phase), "{file} shows {phase:?}");
        }
        assert_eq!(phases.first(), Some(&Phase::Placement), "{file}");
        assert_eq!(phases.last(), Some(&Phase::Integration), "{file}");
    }
}

#[test]
fn other_peoples_deposits_into_a_mixer_do_not_count_as_the_hacks() {
    let case = parse_case(&common::repo_file("cases/bridge-hack-to-bitcoin.json"))
        .unwrap()
        .value;
    let play = Playback::of(&case);
    let (_, end) = play.span().unwrap();
    let all = play.totals_at(&case, end);
    // 20 notes of 100 ETH from the five splits; the six other depositors' 600 ETH are not
    // the hack's.
    assert_eq!(all.reached[&Category::Mixer]["ETH"].to_string(), "2000");
    assert_eq!(all.left_seeds["USDC"].to_string(), "4200000");
    assert_eq!(all.left_seeds["USDT"].to_string(), "1800000");
    // Five fresh addresses bridge 399.9 ETH each.
    assert_eq!(all.reached[&Category::Bridge]["ETH"].to_string(), "1999.5");
    // On Bitcoin the trail goes on from the attacker's landing addresses to the exchanges.
    assert!(all.reached[&Category::Exchange]["BTC"].to_f64_lossy() > 20.0);
}
