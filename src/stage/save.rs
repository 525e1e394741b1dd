//! Saving the investigation from the stage: the view, the positions and pins of the scene's
//! nodes, the layout mode, the trace and the highlighted path, as the core's case file writes
//! them (`case_file::save`), and the case with its investigation to be written out.

use hopscope_core::model::investigation::Investigation;
use hopscope_core::NodeId;

use super::Stage;

impl Stage {
    /// The investigation as it would be saved: view, positions, pins, mode, trace.
    pub fn investigation(&self) -> Investigation {
        let p = self.positions();
        let placed: Vec<(NodeId, [f32; 2], bool)> = self
            .scene
            .nodes
            .iter()
            .enumerate()
            .filter(|(i, _)| 2 * i + 1 < p.len())
            .map(|(i, n)| (n.id, [p[2 * i], p[2 * i + 1]], self.is_pinned(i)))
            .collect();
        hopscope_core::case_file::with_path(
            hopscope_core::case_file::save(
                &self.case,
                &self.view,
                &placed,
                self.layout.mode,
                self.trace
                    .as_ref()
                    .map(|t| (t.method, &t.asset, t.pools, t.across)),
            ),
            &self.case,
            &self.highlighted,
        )
    }

    /// The case with its investigation, to be written as a case file.
    pub fn case_to_save(&self) -> hopscope_core::Case {
        let mut case = self.case.clone();
        case.investigation = Some(self.investigation());
        case
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stage::view::tests::{demo, expand, ids};

    #[test]
    fn the_worker_is_given_saved_positions_and_nan_where_none_was_saved() {
        let mut stage = demo();
        expand(&mut stage, 2);
        let mut case = stage.case_to_save();
        // Forget one node's saved position.
        let inv = case.investigation.as_mut().unwrap();
        let dropped = inv.positions.remove(1).address;
        let mut back = Stage::new(case, hopscope_core::Format::CaseV1);
        let start = back.take_restored().expect("restored positions");
        let i = back
            .node_of(back.case.graph.node_by_text(&dropped).unwrap())
            .unwrap();
        assert!(start[2 * i].is_nan() && start[2 * i + 1].is_nan());
        assert_eq!(start.iter().filter(|v| v.is_nan()).count(), 2);
        assert!(
            !back.is_at_rest(),
            "the layout runs to place the unsaved node"
        );
    }

    #[test]
    fn a_saved_case_reopens_to_the_same_view_positions_and_pins() {
        let mut stage = demo();
        expand(&mut stage, 3);
        let id = stage.scene.nodes[2].id;
        stage.change_view(|v, _| v.set_pinned(id, true));
        for _ in 0..50 {
            stage.frame([800.0, 600.0]);
        }
        let text = hopscope_core::format::write_case_v1(&stage.case_to_save());
        let back = hopscope_core::parse_case(&text).unwrap();
        let reopened = Stage::new(back.value, back.format);
        assert_eq!(reopened.view, stage.view);
        assert_eq!(ids(&reopened), ids(&stage));
        assert_eq!(reopened.positions(), stage.positions());
        assert!(reopened.is_pinned(2) && reopened.is_at_rest());
    }
}
