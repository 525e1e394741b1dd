//! The investigator's view on the stage: every change (expand, collapse, hide, group, note,
//! filter, search, path) goes through `change_view`, which records it for undo, rebuilds the
//! scene from the view and reshapes the layout keyed by address, so addresses already on
//! screen keep their place and pins and new ones start by the address they were reached from.
//! Also the highlighted path, the selection and fitting the camera; the trace is in
//! `trace.rs`, saving in `save.rs`.

use std::collections::HashMap;

use hopscope_core::infer;
use hopscope_core::layout::{Command, Settings};
use hopscope_core::style::Scene;
use hopscope_core::view::{Origin, View};
use hopscope_core::NodeId;

use super::{Stage, Tagged, FIT_MAX_ZOOM};

/// What a view change did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewChange {
    pub changed: bool,
    /// Addresses newly shown.
    pub added: usize,
}
impl Stage {
    /// Changes the view by `change`, remembering the view before it for undo, and redraws.
    pub fn change_view(
        &mut self,
        change: impl FnOnce(&mut View, &hopscope_core::Case),
    ) -> ViewChange {
        let before = self.view.n_visible();
        let case = &self.case;
        let mut was = None;
        self.history.change(&mut self.view, |v| {
            let old = v.clone();
            change(v, case);
            // The boundary: whatever the change named, the view keeps only this case's ids.
            v.keep_known(case);
            if *v != old {
                was = Some(old);
            }
        });
        let changed = was.is_some();
        if let Some(was) = was {
            self.rebuild(Some(&was));
        }
        ViewChange {
            changed,
            added: self.view.n_visible().saturating_sub(before),
        }
    }

    pub fn undo(&mut self) -> bool {
        let was = self.view.clone();
        let did = self.history.undo(&mut self.view);
        if did {
            self.rebuild(Some(&was));
        }
        did
    }

    pub fn redo(&mut self) -> bool {
        let was = self.view.clone();
        let did = self.history.redo(&mut self.view);
        if did {
            self.rebuild(Some(&was));
        }
        did
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// The scene node that shows an address (its own, or its group's).
    pub fn node_of(&self, id: NodeId) -> Option<usize> {
        self.index_of.get(&id).copied()
    }

    pub(super) fn index_scene(&mut self) {
        self.moved += 1;
        // A new scene: what panels show of the view may have changed.
        self.rev.view_changed();
        // A new scene: when its nodes and edges appear is worked out again.
        self.tour.rescene();
        self.index_of.clear();
        for (i, node) in self.scene.nodes.iter().enumerate() {
            self.index_of.insert(node.id, i);
            if let Some(g) = node.group.and_then(|g| self.view.groups().get(g)) {
                for &m in g.members.iter().filter(|&&m| self.view.is_visible(m)) {
                    self.index_of.insert(m, i);
                }
            }
        }
        self.radii = self.scene.nodes.iter().map(|n| n.radius).collect();
        self.refresh_fill();
        self.refresh_highlight();
    }

    /// Rebuilds the scene from the view (changed from `was`, when known); the layout goes on
    /// from where it was, and pins follow the view's. A change of filter only keeps the nodes
    /// and chooses the flows again, unless it changes which addresses the filter leaves out
    /// of the picture (then kept nodes keep their place).
    pub(super) fn rebuild(&mut self, was: Option<&View>) {
        let scene = match was {
            // Pins (or hidden addresses not shown anyway): the scene stays.
            Some(was) if was.same_nodes_as(&self.view) && was.filter == self.view.filter => {
                self.scene.clone()
            }
            Some(was)
                if was.same_nodes_as(&self.view)
                    && was.left_out(&self.case) == self.view.left_out(&self.case) =>
            {
                self.scene.refiltered(&self.case, &self.view, &self.scale)
            }
            _ => Scene::of_view_scaled(&self.case, &self.view, &self.scale, &self.patterns),
        };
        // A verdict on a link changes what the trace follows: run it again.
        let verdicts_changed = was.is_none_or(|w| !w.decisions().eq(self.view.decisions()));
        if verdicts_changed {
            if let Some(t) = &self.trace {
                let (method, asset, pools, across) = (t.method, t.asset.clone(), t.pools, t.across);
                self.run_trace(method, asset, pools, across);
            }
        }
        if scene == self.scene {
            // Only pins (or nothing drawn) changed: the layout keeps its graph.
            self.sync_pins();
            self.index_scene();
            self.dirty = true;
            return;
        }
        self.reshape_to(scene);
        self.sync_pins();
    }

    /// Pins and frees nodes so the layout matches the view's pins.
    pub(super) fn sync_pins(&mut self) {
        for i in 0..self.scene.nodes.len() {
            let want = self.view.is_pinned(self.scene.nodes[i].id);
            if want == self.is_pinned(i) {
                continue;
            }
            let command = if want {
                let p = self.positions();
                Command::Pin {
                    node: i as u32,
                    x: p[2 * i],
                    y: p[2 * i + 1],
                }
            } else {
                Command::Unpin { node: i as u32 }
            };
            self.command(command);
        }
    }

    /// Changes the scene to `scene`, reshaping the layout keyed by address.
    pub(super) fn reshape_to(&mut self, scene: Scene) {
        let old_index: HashMap<NodeId, usize> = self
            .scene
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id, i))
            .collect();
        let old_positions = self.positions().to_vec();
        let selected = self
            .selected
            .and_then(|i| self.scene.nodes.get(i))
            .map(|n| n.id);
        let old_members = std::mem::take(&mut self.index_of);
        self.scene = scene;
        let keep: Vec<Option<u32>> = self
            .scene
            .nodes
            .iter()
            .map(|n| old_index.get(&n.id).map(|&k| k as u32))
            .collect();
        let input = self.scene.layout_input();
        let (scene, view) = (&self.scene, &self.view);
        // For a worker's layout, until it answers: kept nodes where they were, new ones on the
        // node they were reached from (or the middle).
        let placed = || {
            let n_old = old_positions.len() / 2;
            let (cx, cy) = centroid(&old_positions);
            let mut new = Vec::with_capacity(2 * keep.len());
            for (node, k) in scene.nodes.iter().zip(&keep) {
                let from = match view.origin(node.id) {
                    Some(Origin::ExpandedFrom(p)) => old_members.get(&p).copied(),
                    _ => None,
                };
                match k.map(|k| k as usize).or(from).filter(|&k| k < n_old) {
                    Some(k) => new.extend_from_slice(&old_positions[2 * k..2 * k + 2]),
                    None => new.extend_from_slice(&[cx, cy]),
                }
            }
            new
        };
        self.layout.reshape(&input, &keep, placed);
        self.marked.retain(|id| self.view.is_visible(*id));
        self.index_scene();
        // The selection follows its address, into or out of a group.
        self.selected = selected.and_then(|id| self.node_of(id));
        self.dirty = true;
    }

    /// How the worker must reshape its layout to the new scene, once (`None`: it need not).
    pub fn take_reshape(&mut self) -> Option<Vec<i32>> {
        self.layout.take_reshape()
    }

    /// New settings the worker must be sent, once (they follow the size of what is shown).
    pub fn take_settings_change(&mut self) -> Option<Settings> {
        self.layout.take_settings_change()
    }

    /// The saved positions the layout started from, once (the worker must start there too;
    /// NaN where none was saved, so the worker lays those out).
    pub fn take_restored(&mut self) -> Option<Vec<f32>> {
        self.layout.take_restored()
    }

    /// What a path rests on: its bottleneck with its unit, and the hops through a mixer pool
    /// or bridge that no accepted link (or bridge hop) carries (`paths::check`).
    pub fn check_path(&self, nodes: &[NodeId]) -> hopscope_core::paths::Checked {
        hopscope_core::paths::check(
            &self.case,
            &self.view.filter,
            nodes,
            &self.patterns.absorbing,
            &infer::carrying(&self.view, &self.patterns),
        )
    }

    /// Highlights a path, showing any of its addresses not in view (as reached along it).
    /// A path found in another case, or naming an address this case lacks, is refused
    /// (`false`) and changes nothing.
    pub fn highlight_path(&mut self, path: &Tagged<Vec<NodeId>>) -> bool {
        let Some(path) = path.within(self) else {
            return false;
        };
        if path.iter().any(|&id| self.case.graph.node(id).is_none()) {
            return false;
        }
        let path = path.clone();
        let along = path.clone();
        self.change_view(|v, _| {
            for pair in along.windows(2) {
                if !v.is_visible(pair[1]) {
                    v.show(pair[1], Origin::ExpandedFrom(pair[0]));
                }
            }
            if let Some(&first) = along.first() {
                if !v.is_visible(first) {
                    v.show(first, Origin::Shown);
                }
            }
        });
        self.highlighted = path;
        self.rev.view_changed();
        self.refresh_highlight();
        self.dirty = true;
        true
    }

    /// Highlights a saved path as it stands, without changing the view.
    pub(super) fn restore_highlight(&mut self, path: Vec<NodeId>) {
        self.highlighted = path;
        self.rev.view_changed();
        self.refresh_highlight();
    }

    pub fn clear_highlight(&mut self) {
        self.highlighted.clear();
        self.refresh_highlight();
        self.dirty = true;
    }

    fn refresh_highlight(&mut self) {
        let on_path: Vec<(usize, usize)> = self
            .highlighted
            .windows(2)
            .filter_map(|p| Some((self.node_of(p[0])?, self.node_of(p[1])?)))
            .collect();
        self.highlighted_edges = self
            .scene
            .edges
            .iter()
            .map(|e| on_path.contains(&(e.source as usize, e.target as usize)))
            .collect();
        self.refresh_emphasis();
        self.restyled();
    }

    /// Whether scene edge `k` is on the highlighted path.
    pub fn is_highlighted_edge(&self, k: usize) -> bool {
        self.highlighted_edges.get(k).copied().unwrap_or(false)
    }

    /// The selected scene node.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// Nodes can no longer be dragged (the read-only embed): a drag always pans.
    pub fn lock(&mut self) {
        self.locked = true;
    }

    /// Selects a scene node (or nothing).
    pub fn select(&mut self, node: Option<usize>) {
        if self.selected != node {
            self.rev.view_changed();
            self.selected = node;
            // The explain panel follows the new selection.
            self.explained = None;
            self.dirty = true;
        }
    }

    /// Selects the node showing `id` and moves the camera onto it.
    pub fn centre_on(&mut self, id: NodeId) -> Option<usize> {
        let i = self.node_of(id)?;
        let p = self.positions();
        let at = [p[2 * i], p[2 * i + 1]];
        self.camera.center = at;
        self.follow_layout = false;
        self.selected = Some(i);
        self.rev.view_changed();
        self.dirty = true;
        Some(i)
    }

    /// Fits the camera to the picture again and follows the layout.
    pub fn fit(&mut self) {
        self.follow_layout = true;
        self.tour.fit_to.clear();
        let positions = self.positions().to_vec();
        let margins = self.fit_margins();
        self.camera.fit(&positions, margins, FIT_MAX_ZOOM);
        self.dirty = true;
    }
}

fn centroid(positions: &[f32]) -> (f32, f32) {
    let n = positions.len() / 2;
    if n == 0 {
        return (0.0, 0.0);
    }
    // In f64, so far-out positions do not overflow the sum.
    let (sx, sy) = positions
        .chunks_exact(2)
        .fold((0.0f64, 0.0f64), |(a, b), p| {
            (a + p[0] as f64, b + p[1] as f64)
        });
    ((sx / n as f64) as f32, (sy / n as f64) as f32)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use hopscope_core::model::{Amount, Asset};
    use hopscope_core::view::ExpandOptions;

    pub(in crate::stage) fn demo() -> Stage {
        let imported = hopscope_core::parse_case(crate::DEMO_CASE).expect("demo case parses");
        let mut stage = Stage::new(imported.value, imported.format);
        for _ in 0..300 {
            stage.frame([800.0, 600.0]);
        }
        stage
    }

    pub(in crate::stage) fn expand(stage: &mut Stage, hops: u32) {
        let seed = stage.case.seeds[0];
        let options = ExpandOptions {
            hops,
            hub_threshold: 1000,
            ..ExpandOptions::default()
        };
        stage.change_view(|v, case| {
            v.expand(case, seed, &options);
        });
    }

    pub(in crate::stage) fn ids(stage: &Stage) -> Vec<NodeId> {
        stage.scene.nodes.iter().map(|n| n.id).collect()
    }

    #[test]
    fn an_expansion_keeps_shown_nodes_in_place_and_undo_gives_the_scene_back() {
        let mut stage = demo();
        assert_eq!(ids(&stage), stage.case.seeds);
        expand(&mut stage, 1);
        for _ in 0..300 {
            stage.frame([800.0, 600.0]);
        }
        let before_ids = ids(&stage);
        let before: Vec<f32> = stage.positions().to_vec();
        let before_scene = stage.scene.clone();
        expand(&mut stage, 3);
        assert!(stage.scene.nodes.len() > before_ids.len());
        // Right after the change, every old node is exactly where it was.
        for (k, id) in before_ids.iter().enumerate() {
            let i = stage.node_of(*id).unwrap();
            assert_eq!(
                &stage.positions()[2 * i..2 * i + 2],
                &before[2 * k..2 * k + 2]
            );
        }
        assert!(stage.undo());
        assert_eq!(stage.scene, before_scene);
        assert!(stage.redo());
        assert!(stage.scene.nodes.len() > before_ids.len());
    }

    #[test]
    fn pins_are_part_of_the_view_and_undo() {
        let mut stage = demo();
        expand(&mut stage, 2);
        let id = stage.scene.nodes[1].id;
        stage.change_view(|v, _| v.set_pinned(id, true));
        assert!(stage.is_pinned(1));
        let at = stage.positions()[2..4].to_vec();
        for _ in 0..100 {
            stage.frame([800.0, 600.0]);
        }
        assert_eq!(&stage.positions()[2..4], at.as_slice());
        assert!(stage.undo());
        assert!(!stage.is_pinned(1), "undo frees the node");
    }

    #[test]
    fn with_the_layout_in_the_worker_a_change_queues_a_keyed_reshape() {
        let mut stage = demo();
        stage.go_remote(1);
        expand(&mut stage, 1);
        let keep = stage.take_reshape().expect("a reshape for the worker");
        assert_eq!(keep.len(), stage.scene.nodes.len());
        let seed_at = stage.node_of(stage.case.seeds[0]).unwrap();
        assert_eq!(keep[seed_at], 0, "the seed was node 0");
        assert_eq!(keep.iter().filter(|&&k| k == -1).count(), keep.len() - 1);
        // New nodes wait on the node they were reached from until the worker answers.
        let p = stage.positions();
        for i in (0..keep.len()).filter(|&i| i != seed_at) {
            assert_eq!(&p[2 * i..2 * i + 2], &p[2 * seed_at..2 * seed_at + 2]);
        }
        assert!(stage.take_reshape().is_none(), "sent once");
    }

    #[test]
    fn a_minimum_in_show_all_shrinks_the_picture_and_the_status_line_says_so() {
        let mut stage = demo();
        stage.change_view(|v, case| v.show_all(case));
        let all = stage.scene.nodes.len();
        assert_eq!(stage.status_line(), stage.stats.summary());
        // Without a filter, a partial view still reads as the case's size.
        stage.change_view(|v, case| v.collapse(case.seeds[0]));
        assert_eq!(stage.status_line(), stage.stats.summary());
        stage.change_view(|v, case| v.show_all(case));
        stage.change_view(|v, _| {
            v.filter
                .min_value
                .insert(Asset::new("ETH"), Amount::parse("1000").expect("a decimal"));
        });
        let drawn = stage.scene.nodes.len();
        assert!(drawn < all, "{drawn} of {all}");
        assert_eq!(
            stage.status_line(),
            format!(
                "{drawn} of {} addresses shown · {} transfers",
                stage.stats.nodes, stage.stats.transfers
            )
        );
        // Every node drawn still in the index; the layout follows the new scene.
        assert_eq!(stage.index_of.len(), drawn);
    }
}
