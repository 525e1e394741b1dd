//! Expanding on the stage: from each of several addresses (a group's members together) as one
//! undo step, their reports merged into one — every address added, every hub held back, the
//! first of which the user is asked about — and the line the status bar says of it.

use hopscope_core::view::{Direction, ExpandOptions, ExpandReport, HubChoice};
use hopscope_core::NodeId;

use super::Stage;

/// What an expansion did, as the page tells it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expanded {
    /// Addresses added.
    pub added: usize,
    /// The first hub held back: its address, name and how many new neighbours it has.
    pub held: Option<(NodeId, String, usize)>,
    /// Hubs held back after the first.
    pub more_hubs: usize,
}

impl Expanded {
    /// The status line.
    pub fn status(&self) -> String {
        if self.added == 0 && self.held.is_none() {
            "Nothing new to show: every neighbour through the active filters is shown, hidden or beyond a terminal address".to_owned()
        } else if self.more_hubs > 0 {
            format!(
                "Expanded: {} addresses added; {} more hubs were held back (expand them one by one)",
                self.added, self.more_hubs
            )
        } else {
            format!("Expanded: {} addresses added", self.added)
        }
    }
}

/// One report of several expansions: what each added and held back, in order.
pub fn merge_reports(reports: impl IntoIterator<Item = ExpandReport>) -> ExpandReport {
    let mut all = ExpandReport::default();
    for r in reports {
        all.added.extend(r.added);
        all.held_back.extend(r.held_back);
    }
    all
}

impl Stage {
    /// Expands from each of `from` `hops` hops in `direction` (with the stage's other expand
    /// options), as one undo step.
    pub fn expand_from(
        &mut self,
        from: &[NodeId],
        direction: Direction,
        hops: u32,
        hubs: HubChoice,
    ) -> Expanded {
        let options = ExpandOptions {
            direction,
            hops,
            hubs,
            ..self.expand.clone()
        };
        let patterns = std::sync::Arc::clone(&self.patterns);
        let mut report = ExpandReport::default();
        self.change_view(|view, case| {
            report = merge_reports(
                from.iter()
                    .map(|&start| view.expand_with(case, Some(&patterns), start, &options))
                    .collect::<Vec<_>>(),
            );
        });
        let name = |id: NodeId| {
            self.case
                .graph
                .node(id)
                .map(|n| {
                    n.label
                        .clone()
                        .unwrap_or_else(|| n.address.as_str().to_owned())
                })
                .unwrap_or_default()
        };
        Expanded {
            added: report.added.len(),
            held: report.held_back.first().map(|&(h, n)| (h, name(h), n)),
            more_hubs: report.held_back.len().saturating_sub(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn textbook() -> Stage {
        let imported =
            hopscope_core::parse_case(crate::bundled_case("textbook-ten").unwrap().1).unwrap();
        Stage::new(imported.value, imported.format)
    }

    #[test]
    fn reports_merge_in_order() {
        let stage = textbook();
        let ids: Vec<NodeId> = stage.case.graph.nodes().map(|(id, _)| id).collect();
        let (a, b, c) = (ids[1], ids[2], ids[3]);
        let merged = merge_reports([
            ExpandReport {
                added: vec![a],
                held_back: vec![(c, 70)],
            },
            ExpandReport {
                added: vec![b],
                held_back: vec![(a, 60)],
            },
        ]);
        assert_eq!(merged.added, vec![a, b]);
        assert_eq!(merged.held_back, vec![(c, 70), (a, 60)]);
        assert_eq!(merge_reports([]), ExpandReport::default());
    }

    /// The textbook case's address by label.
    fn by_label(stage: &Stage, label: &str) -> NodeId {
        stage
            .case
            .graph
            .nodes()
            .find(|(_, n)| n.label.as_deref() == Some(label))
            .map(|(id, _)| id)
            .unwrap()
    }

    #[test]
    fn expanding_several_addresses_is_one_undo_step_with_one_report() {
        let mut stage = textbook();
        let victim = stage.case.seeds[0];
        // Victim → Thief → Split A, B, C.
        let first = stage.expand_from(&[victim], Direction::Out, 2, HubChoice::Ask);
        assert_eq!(first.added, 4, "{first:?}");
        assert_eq!(first.status(), "Expanded: 4 addresses added");
        let splits: Vec<NodeId> = ["Split A", "Split B", "Split C"]
            .iter()
            .map(|l| by_label(&stage, l))
            .collect();
        // A and B pay the mixer, C the recombination address: two added, once each.
        let both = stage.expand_from(&splits, Direction::Out, 1, HubChoice::Ask);
        assert_eq!(both.added, 2, "{both:?}");
        assert_eq!(stage.view.n_visible(), 7);
        assert!(stage.undo());
        assert_eq!(stage.view.n_visible(), 5, "one undo step for all of them");
        // Nothing new: said so.
        let again = stage.expand_from(&[victim], Direction::Out, 1, HubChoice::Ask);
        assert_eq!(again, Expanded::default());
        assert!(again.status().starts_with("Nothing new to show"));
    }

    #[test]
    fn hubs_held_back_by_several_starts_are_asked_about_one_by_one() {
        let mut stage = textbook();
        let victim = stage.case.seeds[0];
        stage.expand_from(&[victim], Direction::Out, 2, HubChoice::All);
        let splits: Vec<NodeId> = ["Split A", "Split B", "Split C"]
            .iter()
            .map(|l| by_label(&stage, l))
            .collect();
        // Every address with a new neighbour is a hub now.
        stage.expand.hub_threshold = 0;
        let held = stage.expand_from(&splits, Direction::Out, 1, HubChoice::Ask);
        assert_eq!(held.added, 0);
        assert_eq!(held.held, Some((splits[0], "Split A".to_owned(), 1)));
        assert_eq!(held.more_hubs, 2);
        assert_eq!(
            held.status(),
            "Expanded: 0 addresses added; 2 more hubs were held back (expand them one by one)"
        );
    }
}
