//! Finding and moving between nodes on the stage: hit testing through the core's spatial grid
//! (rebuilt lazily after the picture moved), hover with its emphasis (neighbours lit, the rest
//! dimmed, from `hopscope_core::emphasis`), box selection, zoom to the selection, and keyboard
//! steps from the selected node to the neighbour in an arrow's direction.

use hopscope_core::emphasis::{Emphasis, Focus, Spotlight, Tone};
use hopscope_core::spatial::Grid;
use hopscope_core::NodeId;

use super::Stage;

/// Hit testing keeps at least this many pixels of reach around small nodes.
const HIT_MIN_PX: f32 = 6.0;
/// Zooming to a selection never magnifies more than this.
const SELECTION_MAX_ZOOM: f32 = 3.0;

/// The grid of the last positions a hit test saw, and which picture it was built for.
#[derive(Default)]
pub(super) struct HitCache {
    /// The count of moves and the lengths of positions and radii it was built from.
    pub(super) built_for: Option<(u64, usize, usize)>,
    pub(super) grid: Grid,
}

impl Stage {
    /// The node drawn under a screen point (its circle, or within a few pixels of a small one).
    pub fn node_at(&self, pos_in_screen: [f32; 2]) -> Option<usize> {
        let positions = self.positions();
        let mut cache = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        let key = (self.moves(), positions.len(), self.radii.len());
        if cache.built_for != Some(key) {
            cache.grid = Grid::build(positions, &self.radii);
            cache.built_for = Some(key);
        }
        let point = self.camera.world_from_screen(pos_in_screen);
        // What playback hides is not there to point at.
        cache
            .grid
            .hit(positions, &self.radii, point, HIT_MIN_PX / self.camera.zoom)
            .filter(|&i| self.emphasis.node(i) != Tone::Hidden)
    }

    /// Scene nodes whose centres lie in a screen rectangle (two corners, any order).
    pub fn nodes_in_box(&self, a: [f32; 2], b: [f32; 2]) -> Vec<usize> {
        let positions = self.positions();
        // Build (or reuse) the grid through a hit test's path.
        let _ = self.node_at(a);
        let cache = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        let mut inside = cache.grid.in_rect(
            positions,
            self.camera.world_from_screen(a),
            self.camera.world_from_screen(b),
        );
        inside.retain(|&i| self.emphasis.node(i) != Tone::Hidden);
        inside
    }

    /// The pointer moved over the canvas with no button down: the node under it is hovered.
    /// Returns whether the hovered node changed.
    pub fn hover(&mut self, pos_in_screen: Option<[f32; 2]>) -> bool {
        let hit = pos_in_screen.and_then(|p| self.node_at(p));
        if hit == self.hovered {
            return false;
        }
        self.hovered = hit;
        self.refresh_emphasis();
        self.dirty = true;
        true
    }

    /// Recomputes what is lit and dimmed from the hovered node and the picked path.
    pub(super) fn refresh_emphasis(&mut self) {
        if self.hovered.is_some_and(|h| h >= self.scene.nodes.len()) {
            self.hovered = None;
        }
        let path: Vec<usize> = self
            .highlighted
            .iter()
            .filter_map(|&id| self.node_of(id))
            .collect();
        let (spot_nodes, spot_edges) = self.spotlight_indices();
        self.emphasis = Emphasis::of(
            &self.scene,
            &Focus {
                hovered: self.hovered,
                selected: self.selected,
                path: &path,
                spotlight: Some(Spotlight {
                    nodes: &spot_nodes,
                    edges: &spot_edges,
                }),
            },
        );
        self.apply_playback();
    }

    /// The addresses behind the scene nodes in a screen box, added to the picked ones.
    /// Returns how many were added.
    pub fn pick_box(&mut self, a: [f32; 2], b: [f32; 2]) -> usize {
        let ids: Vec<NodeId> = self
            .nodes_in_box(a, b)
            .into_iter()
            .filter_map(|i| self.scene.nodes.get(i).map(|n| n.id))
            .collect();
        let before = self.marked.len();
        self.marked.extend(ids);
        self.rev.view_changed();
        self.dirty = true;
        self.marked.len() - before
    }

    /// Moves the camera to show the picked addresses and the selected node; false when there
    /// are none.
    pub fn zoom_to_selection(&mut self) -> bool {
        let mut chosen: Vec<usize> = self
            .marked
            .iter()
            .filter_map(|&id| self.node_of(id))
            .collect();
        chosen.extend(self.selected);
        let p = self.positions();
        let points: Vec<f32> = chosen
            .iter()
            .filter(|&&i| 2 * i + 1 < p.len())
            .flat_map(|&i| [p[2 * i], p[2 * i + 1]])
            .collect();
        if points.is_empty() {
            return false;
        }
        let margins = self.fit_margins();
        self.camera.fit(&points, margins, SELECTION_MAX_ZOOM);
        self.follow_layout = false;
        self.dirty = true;
        true
    }

    /// Selects the neighbour of the selected node (either direction of flow, or an inferred
    /// link) that lies most nearly in direction `dir` on screen (x right, y down), and keeps it
    /// in view. With nothing selected, selects the first seed (else the first node). Returns
    /// the newly selected node.
    pub fn step(&mut self, dir: [f32; 2]) -> Option<usize> {
        let p = self.positions();
        let at = |i: usize| -> Option<[f32; 2]> {
            let (x, y) = (*p.get(2 * i)?, *p.get(2 * i + 1)?);
            (x.is_finite() && y.is_finite()).then_some([x, y])
        };
        let Some(from) = self.selected else {
            let first = self.scene.nodes.iter().position(|n| n.is_seed).or((!self
                .scene
                .nodes
                .is_empty())
            .then_some(0))?;
            self.select(Some(first));
            self.keep_in_view(first);
            return Some(first);
        };
        let origin = at(from)?;
        let neighbours = self
            .scene
            .edges
            .iter()
            .map(|e| (e.source as usize, e.target as usize))
            .chain(
                self.scene
                    .links
                    .iter()
                    .map(|l| (l.source as usize, l.target as usize)),
            )
            .filter_map(|(s, t)| match (s == from, t == from) {
                (true, false) => Some(t),
                (false, true) => Some(s),
                _ => None,
            });
        let len = (dir[0] * dir[0] + dir[1] * dir[1]).sqrt().max(1e-6);
        let dir = [dir[0] / len, dir[1] / len];
        // Best: most nearly in the direction (cosine over 0.3, about 70° either side), then
        // nearest.
        let mut best: Option<(usize, f32)> = None;
        for n in neighbours {
            // Not to what playback hides.
            if self.emphasis.node(n) == Tone::Hidden {
                continue;
            }
            let Some(q) = at(n) else { continue };
            let (dx, dy) = (q[0] - origin[0], q[1] - origin[1]);
            let d = (dx * dx + dy * dy).sqrt().max(1e-6);
            let cos = (dx * dir[0] + dy * dir[1]) / d;
            if cos < 0.3 {
                continue;
            }
            // Angle matters more than distance; distance breaks near-ties.
            let score = cos - 0.05 * (d / (d + 100.0));
            if best.is_none_or(|(b, bs)| score > bs || (score == bs && n < b)) {
                best = Some((n, score));
            }
        }
        let (next, _) = best?;
        self.select(Some(next));
        self.keep_in_view(next);
        Some(next)
    }

    /// What the hover tip says about node `i`: its label and short address, or the address.
    pub fn hover_text(&self, i: usize) -> Option<String> {
        let shape = self.scene.nodes.get(i)?;
        let address = self.case.graph.node(shape.id)?.address.as_str();
        let short = if address.chars().count() > 16 {
            let head: String = address.chars().take(8).collect();
            let tail: String = address
                .chars()
                .rev()
                .take(6)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            format!("{head}…{tail}")
        } else {
            address.to_owned()
        };
        Some(match &shape.label {
            Some(label) => format!("{label} · {short}"),
            None => short,
        })
    }

    /// Centres the camera on a world point (the minimap's click).
    pub fn look_at(&mut self, world: [f32; 2]) {
        if world[0].is_finite() && world[1].is_finite() {
            self.camera.center = world;
            self.follow_layout = false;
            self.dirty = true;
        }
    }

    /// Pans so that node `i` is on screen with a margin, if it is not.
    fn keep_in_view(&mut self, i: usize) {
        let p = self.positions();
        let Some(&[x, y]) = p.get(2 * i..2 * i + 2).and_then(|s| s.first_chunk::<2>()) else {
            return;
        };
        let s = self.camera.screen_from_world([x, y]);
        let margin = 60.0;
        let size = self.camera.size;
        if s[0] < margin || s[1] < margin || s[0] > size[0] - margin || s[1] > size[1] - margin {
            self.camera.center = [x, y];
            self.follow_layout = false;
        }
        self.dirty = true;
    }
}

#[cfg(test)]
mod tests {
    use crate::stage::Stage;

    fn textbook() -> Stage {
        crate::stage::tests::settled_stage(crate::bundled_case("textbook-ten").unwrap().1)
    }

    #[test]
    fn hover_lights_a_node_and_its_neighbours_and_leaving_clears_it() {
        let mut stage = textbook();
        let (_, at) = stage.nodes_on_screen()[1];
        assert!(stage.hover(Some(at)));
        assert_eq!(stage.hovered, Some(1));
        assert!(stage.emphasis.is_focused());
        assert!(!stage.hover(Some(at)), "same node: no change");
        assert!(stage.hover(Some([-500.0, -500.0])));
        assert!(!stage.emphasis.is_focused());
    }

    #[test]
    fn a_box_picks_the_nodes_inside_it_and_zoom_to_selection_frames_them() {
        let mut stage = textbook();
        let all = stage.nodes_on_screen();
        let added = stage.pick_box([-10_000.0, -10_000.0], [10_000.0, 10_000.0]);
        assert_eq!(added, all.len());
        stage.marked.clear();
        let (_, a) = all[0];
        assert_eq!(
            stage.pick_box([a[0] - 1.0, a[1] - 1.0], [a[0] + 1.0, a[1] + 1.0]),
            1
        );
        assert!(stage.zoom_to_selection());
        // The one picked node is now in the middle of the area inside the fit margins.
        let i = stage.node_of(*stage.marked.first().unwrap()).unwrap();
        let p = stage.positions();
        let s = stage.camera.screen_from_world([p[2 * i], p[2 * i + 1]]);
        assert!(
            (s[0] - 345.0).abs() < 1.0 && (s[1] - 300.0).abs() < 1.0,
            "{s:?}"
        );
        stage.marked.clear();
        stage.selected = None;
        assert!(!stage.zoom_to_selection(), "nothing to zoom to");
    }

    #[test]
    fn arrow_steps_go_to_the_neighbour_in_that_direction() {
        let mut stage = textbook();
        let first = stage.step([1.0, 0.0]).unwrap();
        assert!(
            stage.scene.nodes[first].is_seed,
            "the first step selects a seed"
        );
        let from = stage.selected.unwrap();
        let p = stage.positions().to_vec();
        // Whatever direction a neighbour lies in, stepping that way reaches it (or another
        // neighbour more nearly that way).
        let neighbour = stage
            .scene
            .edges
            .iter()
            .find_map(|e| (e.source as usize == from).then_some(e.target as usize))
            .unwrap();
        let dir = [
            p[2 * neighbour] - p[2 * from],
            p[2 * neighbour + 1] - p[2 * from + 1],
        ];
        let next = stage.step(dir).unwrap();
        assert_ne!(next, from);
        let is_neighbour = stage.scene.edges.iter().any(|e| {
            (e.source as usize, e.target as usize) == (from, next)
                || (e.source as usize, e.target as usize) == (next, from)
        });
        assert!(is_neighbour);
        assert_eq!(stage.selected, Some(next));
    }
}
