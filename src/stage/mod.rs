//! The stage: the open case with its scene, its layout (run by the layout worker, whose latest
//! positions it keeps, or on the page where no worker can run), camera, selection, pins and the
//! pointer gesture in progress. Plain Rust with no browser types, so it is shared by the event
//! handlers and the frame loop and could run anywhere; what the layout must be told goes into
//! an outbox the app sends on. What is shown is the investigator's view of the case (see
//! `view.rs`): every view change rebuilds the scene and reshapes the layout keyed by address.
//! Its parts with one job each: the layout host (`layout_host.rs`), the pointer's gesture
//! (`gesture.rs`) and the playback and story state (`tour.rs`).

mod annotate;
mod expand;
mod gesture;
pub mod keymap;
mod label;
mod layout_host;
mod legend;
mod links;
mod marks;
mod navigate;
mod picture;
mod revisions;
mod save;
mod story;
mod tag;
mod timeline;
mod tour;
mod trace;
mod trace_report;
mod view;

pub use annotate::AnnotationKind;
pub use expand::Expanded;
pub use links::{confidence_text, link_rows, link_status, threshold_of};
pub use story::{StepEdit, STORY_MARGINS};
pub use tag::{CaseTag, Tagged};
pub use timeline::{play_from, slider_moment, slider_position, Pace, SLIDER_STEPS, TICK_MS};

pub use trace::Traced;
pub use view::ViewChange;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use gesture::Gesture;
use layout_host::LayoutHost;
pub use layout_host::LayoutStatus;
use picture::next_style;
pub use revisions::Revisions;
use tour::Tour;

use hopscope_core::camera::Camera;
use hopscope_core::emphasis::Emphasis;
use hopscope_core::infer::{LinkKey, Patterns};
use hopscope_core::layout::{Command, LayoutInput, Mode, Settings, Simulation};
use hopscope_core::stats::CaseStats;
use hopscope_core::style::{FlowScale, Scene};
use hopscope_core::view::{ExpandOptions, History, View};
use hopscope_core::{Case, Format, NodeId};

/// Layout ticks run per animation frame while the layout is moving.
const TICKS_PER_FRAME: usize = 2;
/// Laid out on the page (where no layout worker can run), more addresses than this would make
/// frames slow, so the nodes keep their starting spiral and the user is told. The layout worker
/// has no such limit.
pub const LAYOUT_NODE_LIMIT: usize = 10_000;
/// Seed of the layout, so a case opens to the same picture every time.
const LAYOUT_SEED: u64 = 0x6d6f_6e65_7974_7261;
/// Room around the graph when the camera fits it (left, top, right, bottom), with more on the
/// right where labels run.
const FIT_MARGINS: [f32; 4] = [40.0, 40.0, 150.0, 40.0];
/// Fitting never magnifies more than this, so small cases keep a natural size.
const FIT_MAX_ZOOM: f32 = 2.0;
/// Pixels a pointer may move between press and release and still count as a click.
const CLICK_SLOP_PX: f32 = 5.0;

/// Everything the canvas shows.
pub struct Stage {
    /// Which opened case this is: values panels keep carry it (`tag.rs`).
    tag: CaseTag,
    /// What changed, for the panels (`revisions.rs`).
    rev: Revisions,
    pub case: Case,
    /// What the investigator has chosen to see, and the views before it (undo).
    pub view: View,
    history: History<View>,
    pub expand: ExpandOptions,
    pub scene: Scene,
    /// The largest flow per asset in the case, for edge widths.
    scale: FlowScale,
    /// Bridge hops, peel chains and entities found in the case (once per case).
    pub patterns: Arc<Patterns>,
    /// Each visible address's node in the scene (group members share their group's).
    index_of: HashMap<NodeId, usize>,
    /// The stolen amount traced from the seeds, when the user ran a trace.
    pub trace: Option<Traced>,
    /// The path the user picked from the path list, drawn highlighted.
    pub highlighted: Vec<NodeId>,
    /// Scene edges on the highlighted path.
    highlighted_edges: Vec<bool>,
    /// Addresses picked with shift-click, to be grouped.
    pub marked: BTreeSet<NodeId>,
    /// What restoring the saved investigation skipped, and why.
    pub restore_warnings: Vec<String>,
    pub stats: CaseStats,
    /// Where the layout runs and what it must be told (`layout_host.rs`).
    layout: LayoutHost,
    pub camera: Camera,
    /// The selected scene node (`selected()`; changed by `select`).
    selected: Option<usize>,
    /// The inferred link the explain panel shows (clicked on the canvas or in a list).
    pub explained: Option<LinkKey>,
    /// Keep fitting the camera to the layout until the user moves it.
    pub follow_layout: bool,
    /// Nodes cannot be dragged (the read-only embed): a drag always pans (`lock`).
    locked: bool,
    /// Something changed since the last draw.
    dirty: bool,
    gesture: Gesture,
    radii: Vec<f32>,
    /// The node under the pointer (no button down).
    pub hovered: Option<usize>,
    /// What the hover or the picked path lights and dims.
    pub emphasis: Emphasis,
    /// Counts pictures drawn with anything changed (the minimap rebuilds on a new one).
    picture: u64,
    /// Counts changes of the positions or of the scene, so hit testing knows when its grid is
    /// stale (a pan or zoom alone keeps it).
    moved: u64,
    /// Changes with how nodes and edges look (scene, trace, path, labels), for renderers
    /// that keep styles on the GPU; unique across stages.
    style_rev: u64,
    hits: Mutex<navigate::HitCache>,
    /// Playback and the story tour (`tour.rs`).
    tour: Tour,
    /// The legend's measured size in CSS pixels, which fits leave clear (`legend.rs`).
    legend: [f32; 2],
}

impl Stage {
    /// The stage of a newly opened case: its saved investigation (view, positions, pins,
    /// layout mode, trace) when the file has one, else its seeds.
    pub fn new(mut case: Case, format: Format) -> Self {
        let restored = case
            .investigation
            .take()
            .map(|i| hopscope_core::case_file::restore(&i, &case));
        let view = restored
            .as_ref()
            .map_or_else(|| View::of(&case), |r| r.view.clone());
        let scale = FlowScale::of(&case.graph);
        let patterns = Arc::new(Patterns::of(&case));
        let scene = Scene::of_view_scaled(&case, &view, &scale, &patterns);
        let input = scene.layout_input();
        let settings = Settings::infer(input.n_nodes, input.links.len());
        let mut simulation = Simulation::new(&input, settings, LAYOUT_SEED);
        let mut pinned = vec![false; scene.nodes.len()];
        let mut mode = Mode::Free;
        let mut restored_start = None;
        if let Some(r) = &restored {
            // The mode first: a change of mode warms the layout, which saved positions must
            // not undo.
            mode = r.layout_mode;
            simulation.set_mode(mode);
            let mut start = vec![f32::NAN; 2 * scene.nodes.len()];
            for (i, node) in scene.nodes.iter().enumerate() {
                if let Some(([x, y], pin)) = r.positions.get(&node.id) {
                    start[2 * i] = *x;
                    start[2 * i + 1] = *y;
                    pinned[i] = *pin;
                }
            }
            simulation.start_from(&start);
            for (i, &pin) in pinned.iter().enumerate() {
                if pin {
                    simulation.pin(i, start[2 * i], start[2 * i + 1]);
                }
            }
            restored_start = Some(start);
        }
        let radii = scene.nodes.iter().map(|n| n.radius).collect();
        let mut stage = Stage {
            tag: CaseTag::fresh(),
            rev: Revisions::fresh(),
            stats: CaseStats::of(&case, format),
            view,
            history: History::default(),
            expand: ExpandOptions::default(),
            index_of: HashMap::new(),
            scale,
            patterns,
            trace: None,
            highlighted: Vec::new(),
            highlighted_edges: Vec::new(),
            marked: BTreeSet::new(),
            restore_warnings: restored
                .as_ref()
                .map(|r| r.warnings.clone())
                .unwrap_or_default(),
            case,
            scene,
            layout: LayoutHost::new(simulation, settings, mode, pinned, restored_start),
            camera: Camera::default(),
            selected: None,
            explained: None,
            follow_layout: true,
            locked: false,
            dirty: true,
            gesture: Gesture::Idle,
            hovered: None,
            emphasis: Emphasis::default(),
            picture: 0,
            moved: 0,
            style_rev: next_style(),
            hits: Mutex::default(),
            tour: Tour::new(),
            legend: [0.0, 0.0],
            radii,
        };
        stage.index_scene();
        if let Some(r) = restored {
            if let Some((method, asset, pools, across)) = r.trace {
                stage.run_trace(method, asset, pools, across);
            }
            if !r.path.is_empty() {
                stage.restore_highlight(r.path);
            }
        }
        stage
    }

    /// The stage of a case that grew from `previous`'s (files added to it; the old addresses
    /// keep their ids): the view, layout, camera, pins, mode and undo history go on. When the
    /// view showed every address it shows the new ones too; otherwise only the new files'
    /// seeds join it and the rest wait to be reached by expanding.
    pub fn grown(mut previous: Stage, case: Case, format: Format) -> Stage {
        let showed_all = previous.view.shows_all(&previous.case);
        let mut view = previous.view.clone();
        if showed_all {
            view.show_all(&case);
        } else {
            for &seed in &case.seeds {
                if !previous.case.seeds.contains(&seed) {
                    view.mark_seed(seed);
                }
            }
        }
        previous.stats = CaseStats::of(&case, format);
        previous.scale = FlowScale::of(&case.graph);
        previous.patterns = Arc::new(Patterns::of(&case));
        previous.case = case;
        // New transfers: the timeline is built again when next used.
        previous.tour.new_transfers();
        previous.trace = None;
        previous.view = view;
        previous.rev = Revisions::fresh();
        previous.rebuild(None);
        previous
    }

    /// The layout's input for this case.
    pub fn layout_input(&self) -> LayoutInput {
        self.scene.layout_input()
    }

    /// The seed every case's layout starts from.
    pub fn layout_seed() -> u32 {
        LAYOUT_SEED as u32
    }

    /// Hands the layout to the worker (or, if it is there already, expects its answers) for
    /// `generation`.
    pub fn go_remote(&mut self, generation: u32) {
        self.moved += 1;
        self.layout.go_remote(generation);
    }

    /// Takes the layout back onto the page (the worker stopped), from where it was.
    pub fn go_local(&mut self) {
        self.moved += 1;
        let input = self.layout_input();
        self.layout.go_local(&input, LAYOUT_SEED);
    }

    /// Positions from the worker; ignored when they are for another layout.
    pub fn remote_positions(&mut self, generation: u32, settled: bool, new: Vec<f32>) {
        if self.layout.remote_positions(generation, settled, new) {
            self.dirty = true;
            self.moved += 1;
            // Keep the camera on the picture now, so positions on screen are consistent as
            // soon as they arrive (not only after the next frame).
            if self.follow_layout && !matches!(self.gesture, Gesture::DragNode { .. }) {
                self.fit_followed();
            }
        }
    }

    /// Tells the layout to do something: at once on the page, or through the outbox.
    pub fn command(&mut self, command: Command) {
        self.moved += 1;
        self.layout.command(command);
        self.dirty = true;
    }

    /// Commands waiting for the worker.
    pub fn take_commands(&mut self) -> Vec<Command> {
        self.layout.take_commands()
    }

    pub fn layout_status(&self) -> LayoutStatus {
        LayoutStatus {
            paused: self.layout.paused,
            mode: self.layout.mode,
            settled: self.is_at_rest(),
        }
    }

    pub fn is_pinned(&self, node: usize) -> bool {
        self.layout.is_pinned(node)
    }

    /// Whether the layout runs in the worker.
    pub fn is_remote(&self) -> bool {
        self.layout.is_remote()
    }

    /// The layout's settings: inferred from the case's size until the user changes them.
    pub fn settings(&self) -> Settings {
        self.layout.settings
    }

    /// Advances the layout for one frame and keeps the camera on it while following.
    /// Returns whether the picture changed and needs drawing; a resting, untouched stage
    /// costs nothing per frame.
    pub fn frame(&mut self, size: [f32; 2]) -> bool {
        let resized = self.camera.size != size;
        if resized {
            self.camera.size = size;
            self.dirty = true;
        }
        let runs = self.layout_runs();
        if self.layout.tick(runs, TICKS_PER_FRAME) {
            self.dirty = true;
            self.moved += 1;
        }
        // Positions from the worker are fitted as they arrive; here only on the page's own
        // ticks and on a resize.
        if self.follow_layout && self.dirty && !matches!(self.gesture, Gesture::DragNode { .. }) {
            let local = !self.layout.is_remote();
            if local || resized {
                self.fit_followed();
            }
        }
        let changed = std::mem::take(&mut self.dirty);
        if changed {
            self.picture += 1;
        }
        changed
    }

    /// Whether the force layout animates this case: always in the worker, and on the page up
    /// to `LAYOUT_NODE_LIMIT` addresses.
    pub fn layout_runs(&self) -> bool {
        self.is_remote() || self.scene.nodes.len() <= LAYOUT_NODE_LIMIT
    }

    /// Whether the picture is still: the layout rested or is paused, or it does not run.
    pub fn is_at_rest(&self) -> bool {
        self.layout.is_at_rest(self.layout_runs())
    }

    pub fn positions(&self) -> &[f32] {
        self.layout.positions()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A case file's stage with every address shown, laid out at rest in an 800 × 600 view.
    pub(crate) fn settled_stage(case_file: &str) -> Stage {
        let imported = hopscope_core::parse_case(case_file).expect("the case parses");
        let mut stage = Stage::new(imported.value, imported.format);
        stage.change_view(|v, case| v.show_all(case));
        for _ in 0..400 {
            stage.frame([800.0, 600.0]);
        }
        stage
    }

    fn demo_stage() -> Stage {
        settled_stage(crate::DEMO_CASE)
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
        assert!(stage.is_at_rest());
        assert!(!stage.frame([800.0, 600.0]));
        stage.wheel([400.0, 300.0], -100.0);
        assert!(stage.frame([800.0, 600.0]));
        assert!(!stage.frame([800.0, 600.0]));
        assert!(stage.frame([900.0, 600.0]), "a resize redraws");
    }

    #[test]
    fn with_a_worker_commands_wait_in_the_outbox_and_the_page_takes_over_with_pins_kept() {
        let mut stage = demo_stage();
        stage.go_remote(7);
        assert!(stage.is_remote());
        let n = stage.scene.nodes.len();
        let moved: Vec<f32> = (0..2 * n).map(|k| k as f32).collect();
        stage.remote_positions(6, true, moved.clone());
        assert_ne!(
            stage.positions(),
            moved.as_slice(),
            "another layout's answer is ignored"
        );
        stage.remote_positions(7, true, moved.clone());
        assert_eq!(stage.positions(), moved.as_slice());
        assert!(stage.is_at_rest());
        stage.command(Command::Pin {
            node: 2,
            x: 5.0,
            y: 6.0,
        });
        stage.command(Command::Pause);
        assert_eq!(
            stage.take_commands(),
            vec![
                Command::Pin {
                    node: 2,
                    x: 5.0,
                    y: 6.0
                },
                Command::Pause
            ]
        );
        assert!(stage.layout_status().paused && stage.is_pinned(2));
        // The worker stops: the page lays out from where it was, pins and pause kept.
        stage.go_local();
        assert!(!stage.is_remote());
        assert!(stage.layout_status().paused);
        stage.command(Command::Resume);
        for _ in 0..50 {
            stage.frame([800.0, 600.0]);
        }
        assert_eq!(
            (stage.positions()[4], stage.positions()[5]),
            (4.0, 5.0),
            "the pinned node keeps its place (the worker had not answered the pin yet)"
        );
    }
}
