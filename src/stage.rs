//! The stage: the open case with its scene, running layout, camera, selection and the pointer
//! gesture in progress. Plain Rust with no browser types, so it is shared by the event handlers
//! and the frame loop and could run anywhere.

use std::collections::BTreeMap;

use hopscope_core::camera::Camera;
use hopscope_core::inspect::{summarize, NodeSummary};
use hopscope_core::layout::{Settings, Simulation};
use hopscope_core::stats::CaseStats;
use hopscope_core::style::Scene;
use hopscope_core::{Case, Category, Format};

/// Layout ticks run per animation frame while the layout is moving.
const TICKS_PER_FRAME: usize = 2;
/// Above this many addresses the exact O(n²) layout would stall the page, so the nodes keep
/// their starting spiral and the user is told. TODO(issue 4): Barnes-Hut in a worker lifts it.
pub const LAYOUT_NODE_LIMIT: usize = 3_000;
/// Seed of the layout, so a case opens to the same picture every time.
const LAYOUT_SEED: u64 = 0x6d6f_6e65_7974_7261;
/// Room around the graph when the camera fits it (left, top, right, bottom), with more on the
/// right where labels run.
const FIT_MARGINS: [f32; 4] = [40.0, 40.0, 150.0, 40.0];
/// Fitting never magnifies more than this, so small cases keep a natural size.
const FIT_MAX_ZOOM: f32 = 2.0;
/// Pixels a pointer may move between press and release and still count as a click.
const CLICK_SLOP_PX: f32 = 5.0;

/// A pointer gesture in progress.
#[derive(Clone, Debug, Default, PartialEq)]
enum Gesture {
    #[default]
    Idle,
    /// One pointer down: a click if it barely moves, a pan otherwise.
    Press {
        id: i32,
        start: [f32; 2],
        last: [f32; 2],
        moved: bool,
    },
    /// Two pointers down: pinch zoom and pan.
    Pinch { pointers: BTreeMap<i32, [f32; 2]> },
}

impl Gesture {
    /// What a pinch becomes when one pointer lifts: still a pinch with two or more left, a
    /// pan (never a click) with one, nothing with none.
    fn after_lifting(mut pointers: BTreeMap<i32, [f32; 2]>, id: i32) -> Gesture {
        pointers.remove(&id);
        let first = pointers.iter().next().map(|(&rest, &at)| (rest, at));
        match (pointers.len(), first) {
            (1, Some((rest, at))) => Gesture::Press {
                id: rest,
                start: at,
                last: at,
                moved: true,
            },
            (0, _) | (_, None) => Gesture::Idle,
            _ => Gesture::Pinch { pointers },
        }
    }
}

/// Everything the canvas shows.
pub struct Stage {
    pub case: Case,
    pub scene: Scene,
    pub stats: CaseStats,
    pub simulation: Simulation,
    pub camera: Camera,
    pub selected: Option<usize>,
    /// Keep fitting the camera to the layout until the user moves it.
    pub follow_layout: bool,
    /// Something changed since the last draw.
    dirty: bool,
    gesture: Gesture,
    radii: Vec<f32>,
}

impl Stage {
    pub fn new(case: Case, format: Format) -> Self {
        let scene = Scene::of(&case);
        let input = scene.layout_input();
        let settings = Settings::infer(input.n_nodes, input.links.len());
        let simulation = Simulation::new(&input, settings, LAYOUT_SEED);
        let radii = scene.nodes.iter().map(|n| n.radius).collect();
        Stage {
            stats: CaseStats::of(&case, format),
            case,
            scene,
            simulation,
            camera: Camera::default(),
            selected: None,
            follow_layout: true,
            dirty: true,
            gesture: Gesture::Idle,
            radii,
        }
    }

    /// Advances the layout for one frame and keeps the camera on it while following.
    /// Returns whether the picture changed and needs drawing; a resting, untouched stage
    /// costs nothing per frame.
    pub fn frame(&mut self, size: [f32; 2]) -> bool {
        if self.camera.size != size {
            self.camera.size = size;
            self.dirty = true;
        }
        if !self.simulation.is_settled() && self.layout_runs() {
            for _ in 0..TICKS_PER_FRAME {
                self.simulation.tick();
            }
            self.dirty = true;
        }
        if self.follow_layout && self.dirty {
            self.camera
                .fit(self.simulation.positions(), FIT_MARGINS, FIT_MAX_ZOOM);
        }
        std::mem::take(&mut self.dirty)
    }

    /// Whether the force layout animates this case (see `LAYOUT_NODE_LIMIT`).
    pub fn layout_runs(&self) -> bool {
        self.scene.nodes.len() <= LAYOUT_NODE_LIMIT
    }

    /// Whether the picture is final: the layout rested, or it does not run for this size.
    pub fn is_at_rest(&self) -> bool {
        self.simulation.is_settled() || !self.layout_runs()
    }

    pub fn positions(&self) -> &[f32] {
        self.simulation.positions()
    }

    /// Categories present in the case, with how many nodes each has, in the fixed order.
    pub fn legend(&self) -> Vec<(Category, usize)> {
        Category::ALL
            .into_iter()
            .map(|c| {
                (
                    c,
                    self.scene.nodes.iter().filter(|n| n.category == c).count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    pub fn inspect(&self, node_idx: usize) -> Option<NodeSummary> {
        summarize(&self.case, self.scene.nodes.get(node_idx)?.id)
    }

    /// Sets the label of a node as the investigator typed it, and shows it at once.
    pub fn edit_label(&mut self, node_idx: usize, label: &str) {
        let Some(shape) = self.scene.nodes.get_mut(node_idx) else {
            return;
        };
        self.case.edit_label(shape.id, label);
        if let Some(node) = self.case.graph.node(shape.id) {
            let shown =
                hopscope_core::labels::shown(node, hopscope_core::labels::LabelBook::bundled());
            shape.label = shown.label;
            shape.category = shown.category;
            shape.colour = hopscope_core::style::category_colour(shown.category);
        }
        self.dirty = true;
    }

    pub fn node_at(&self, pos_in_screen: [f32; 2]) -> Option<usize> {
        self.camera
            .hit(self.positions(), &self.radii, pos_in_screen, 6.0)
    }

    pub fn pointer_down(&mut self, id: i32, pos: [f32; 2]) {
        self.gesture = match std::mem::take(&mut self.gesture) {
            Gesture::Press {
                id: first, last, ..
            } if first != id => Gesture::Pinch {
                pointers: BTreeMap::from([(first, last), (id, pos)]),
            },
            Gesture::Pinch { mut pointers } => {
                pointers.insert(id, pos);
                Gesture::Pinch { pointers }
            }
            _ => Gesture::Press {
                id,
                start: pos,
                last: pos,
                moved: false,
            },
        };
    }

    pub fn pointer_move(&mut self, id: i32, pos: [f32; 2]) {
        match &mut self.gesture {
            Gesture::Press {
                id: pid,
                start,
                last,
                moved,
            } if *pid == id => {
                if !*moved && distance(*start, pos) > CLICK_SLOP_PX {
                    *moved = true;
                }
                if *moved {
                    self.camera.pan_by([pos[0] - last[0], pos[1] - last[1]]);
                    self.follow_layout = false;
                    self.dirty = true;
                }
                *last = pos;
            }
            Gesture::Pinch { pointers } if pointers.contains_key(&id) => {
                let before: Vec<[f32; 2]> = pointers.values().copied().collect();
                pointers.insert(id, pos);
                let after: Vec<[f32; 2]> = pointers.values().copied().collect();
                if let ([a0, b0, ..], [a1, b1, ..]) = (before.as_slice(), after.as_slice()) {
                    let (mid0, mid1) = (midpoint(*a0, *b0), midpoint(*a1, *b1));
                    let (d0, d1) = (distance(*a0, *b0), distance(*a1, *b1));
                    if d0 > 1.0 {
                        self.camera.zoom_at(mid0, d1 / d0);
                    }
                    self.camera.pan_by([mid1[0] - mid0[0], mid1[1] - mid0[1]]);
                    self.follow_layout = false;
                    self.dirty = true;
                }
            }
            _ => {}
        }
    }

    /// Ends a pointer; returns true when it was a click that changed the selection.
    pub fn pointer_up(&mut self, id: i32, pos: [f32; 2]) -> bool {
        match std::mem::take(&mut self.gesture) {
            Gesture::Press {
                id: pid,
                moved: false,
                ..
            } if pid == id => {
                let hit = self.node_at(pos);
                let changed = hit != self.selected;
                self.selected = hit;
                self.dirty |= changed;
                changed
            }
            Gesture::Pinch { pointers } => {
                self.gesture = Gesture::after_lifting(pointers, id);
                false
            }
            _ => false,
        }
    }

    /// Forgets a pointer the browser took away (e.g. for a system gesture); never a click.
    pub fn pointer_cancel(&mut self, id: i32) {
        match std::mem::take(&mut self.gesture) {
            Gesture::Pinch { pointers } => self.gesture = Gesture::after_lifting(pointers, id),
            Gesture::Press { id: pid, .. } if pid == id => {}
            other => self.gesture = other,
        }
    }

    pub fn wheel(&mut self, pos: [f32; 2], delta_y: f32) {
        let factor = (-delta_y * 0.0015).clamp(-1.0, 1.0).exp();
        self.camera.zoom_at(pos, factor);
        self.follow_layout = false;
        self.dirty = true;
    }

    /// Node positions on screen, for the page's test hook.
    pub fn nodes_on_screen(&self) -> Vec<(String, [f32; 2])> {
        self.scene
            .nodes
            .iter()
            .zip(self.positions().chunks_exact(2))
            .filter_map(|(shape, p)| {
                let node = self.case.graph.node(shape.id)?;
                Some((
                    node.address.as_str().to_owned(),
                    self.camera.screen_from_world([p[0], p[1]]),
                ))
            })
            .collect()
    }
}

fn distance(a: [f32; 2], b: [f32; 2]) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

fn midpoint(a: [f32; 2], b: [f32; 2]) -> [f32; 2] {
    [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo_stage() -> Stage {
        let imported = hopscope_core::parse_case(crate::DEMO_CASE).expect("demo case parses");
        let mut stage = Stage::new(imported.value, imported.format);
        for _ in 0..400 {
            stage.frame([800.0, 600.0]);
        }
        stage
    }

    #[test]
    fn a_click_on_a_node_selects_it_and_a_drag_pans_instead() {
        let mut stage = demo_stage();
        let (_, at) = stage.nodes_on_screen()[0];
        stage.pointer_down(1, at);
        assert!(stage.pointer_up(1, at));
        assert_eq!(stage.selected, Some(0));

        let before = stage.camera.center;
        stage.pointer_down(1, [10.0, 10.0]);
        stage.pointer_move(1, [60.0, 10.0]);
        assert!(!stage.pointer_up(1, [60.0, 10.0]));
        assert_ne!(stage.camera.center, before);
        assert!(!stage.follow_layout);
    }

    #[test]
    fn pinch_out_zooms_in() {
        let mut stage = demo_stage();
        let zoom = stage.camera.zoom;
        stage.pointer_down(1, [300.0, 300.0]);
        stage.pointer_down(2, [400.0, 300.0]);
        stage.pointer_move(2, [500.0, 300.0]);
        assert!(stage.camera.zoom > zoom * 1.5);
        assert!(!stage.pointer_up(2, [500.0, 300.0]));
        assert!(
            !stage.pointer_up(1, [300.0, 300.0]),
            "lifting the last finger is no click"
        );
    }

    #[test]
    fn a_cancelled_press_neither_selects_nor_moves_the_camera() {
        let mut stage = demo_stage();
        let (_, at) = stage.nodes_on_screen()[0];
        let camera = stage.camera;
        stage.pointer_down(1, at);
        stage.pointer_cancel(1);
        assert!(!stage.pointer_up(1, at));
        assert_eq!(stage.selected, None);
        assert_eq!(stage.camera, camera);
    }

    #[test]
    fn a_resting_stage_asks_for_no_redraw_until_something_changes() {
        let mut stage = demo_stage();
        assert!(stage.simulation.is_settled());
        assert!(!stage.frame([800.0, 600.0]));
        stage.wheel([400.0, 300.0], -100.0);
        assert!(stage.frame([800.0, 600.0]));
        assert!(!stage.frame([800.0, 600.0]));
        assert!(stage.frame([900.0, 600.0]), "a resize redraws");
    }
}
