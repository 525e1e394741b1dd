//! Labels the investigator types on the stage: the address's label is changed in the case and
//! the scene is styled again from the view, so every node that shows the address — its own,
//! or its group's, which keeps the group's name — looks as a new scene would draw it.

use hopscope_core::style::Scene;

use super::Stage;

impl Stage {
    /// Sets the label of the address scene node `node_idx` stands for (a group's first
    /// member) as the investigator typed it, and shows it at once.
    pub fn edit_label(&mut self, node_idx: usize, label: &str) {
        let Some(id) = self.scene.nodes.get(node_idx).map(|n| n.id) else {
            return;
        };
        self.case.edit_label(id, label);
        self.rev.case_changed();
        self.restyle();
    }

    /// Styles the scene again from the case and the view (a label changed). The same nodes
    /// and edges keep the layout as it is; otherwise it is reshaped, as for a view change.
    fn restyle(&mut self) {
        let scene = Scene::of_view_scaled(&self.case, &self.view, &self.scale, &self.patterns);
        if scene.layout_input() == self.scene.layout_input() {
            self.scene = scene;
            self.index_scene();
        } else {
            self.reshape_to(scene);
            self.sync_pins();
        }
        self.restyled();
        self.dirty = true;
    }
}

#[cfg(test)]
mod tests {
    use crate::stage::Stage;

    /// The textbook case, every address shown, with Split A and Split B grouped as "Splits".
    fn grouped() -> (Stage, usize) {
        let mut stage =
            crate::stage::tests::settled_stage(crate::bundled_case("textbook-ten").unwrap().1);
        let id = |s: &Stage, label: &str| {
            s.case
                .graph
                .nodes()
                .find(|(_, n)| n.label.as_deref() == Some(label))
                .map(|(id, _)| id)
                .unwrap()
        };
        let (a, b) = (id(&stage, "Split A"), id(&stage, "Split B"));
        stage.change_view(|v, _| {
            v.group([a, b], "Splits");
        });
        for _ in 0..400 {
            stage.frame([800.0, 600.0]);
        }
        let node = stage.node_of(a).unwrap();
        assert_eq!(stage.scene.nodes[node].label.as_deref(), Some("Splits"));
        (stage, node)
    }

    #[test]
    fn editing_the_label_of_a_group_node_keeps_the_group_name_on_the_canvas() {
        let (mut stage, node) = grouped();
        let first = stage.scene.nodes[node].id;
        let style = stage.style_key();
        stage.edit_label(node, "First split");
        assert_eq!(
            stage.case.graph.node(first).unwrap().label.as_deref(),
            Some("First split"),
            "the label goes on the group's first member"
        );
        assert_eq!(
            stage.scene.nodes[node].label.as_deref(),
            Some("Splits"),
            "the group node is still named by its group"
        );
        assert_ne!(stage.style_key(), style, "renderers restyle");
    }

    #[test]
    fn editing_a_label_shows_it_at_once_without_moving_the_layout() {
        let (mut stage, _) = grouped();
        let thief = stage
            .scene
            .nodes
            .iter()
            .position(|n| n.label.as_deref() == Some("Thief"))
            .unwrap();
        let positions = stage.positions().to_vec();
        assert!(stage.is_at_rest());
        stage.edit_label(thief, "  The thief ");
        assert_eq!(stage.scene.nodes[thief].label.as_deref(), Some("The thief"));
        assert!(stage.is_at_rest(), "the layout is not woken");
        assert_eq!(stage.positions(), positions.as_slice());
        // An empty label falls back to what the label book or the address gives.
        stage.edit_label(thief, "");
        assert_ne!(stage.scene.nodes[thief].label.as_deref(), Some("The thief"));
    }
}
