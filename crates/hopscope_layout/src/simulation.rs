//! The simulation: positions and velocities as separate flat arrays (x, y, vx, vy), alpha
//! cooling like d3-force (it reheats on change and comes to rest by itself), the forces applied
//! in a fixed order each tick, pins, incremental growth, and free or flow mode. A tick
//! allocates nothing once the buffers have grown; the only arithmetic is +, −, ×, ÷ and √, so
//! native and wasm builds give bit-identical positions for the same seed.

use super::quadtree::QuadTree;
use super::{center, collide, flow, link, many_body, position, Settings, SplitMix64};

/// A spring between two nodes, by index into the node list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    pub source: u32,
    pub target: u32,
    /// Relative weight in (0, 1]; heavier links pull harder.
    pub weight: f32,
}

/// Plain data that decides a layout.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayoutInput {
    pub n_nodes: usize,
    pub links: Vec<Link>,
    /// Node radii for collision (empty: no collision).
    pub radii: Vec<f32>,
    /// Where the money starts (flow mode's column 0).
    pub seeds: Vec<u32>,
    /// When each node first received value (empty: unknown), for flow by time.
    pub first_receipt: Vec<Option<i64>>,
}

/// Free layout, or flow mode with x tied to hop columns from the seeds, or to when each node
/// first received value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Mode {
    #[default]
    Free,
    Flow,
    FlowByTime,
}

/// cos and sin of d3's initial angle π(3 − √5), as constants so no platform `cos` is used.
const GOLDEN_COS: f64 = -0.737_368_878_078_319_7;
const GOLDEN_SIN: f64 = 0.675_490_294_261_523_8;
/// d3's initial radius step.
const INITIAL_RADIUS: f64 = 10.0;
/// How hot a simulation gets when nodes are added: enough to place them, little enough that
/// nodes already on screen move only a little.
const GROW_ALPHA: f32 = 0.15;
/// How hard nodes already on screen are held at their place while a reshaped layout settles.
const ANCHOR_STRENGTH: f32 = 1.0;

/// A running force simulation.
#[derive(Clone, Debug)]
pub struct Simulation {
    settings: Settings,
    mode: Mode,
    xs: Vec<f32>,
    ys: Vec<f32>,
    vxs: Vec<f32>,
    vys: Vec<f32>,
    /// Pinned coordinates (NaN: free).
    pin_x: Vec<f32>,
    pin_y: Vec<f32>,
    n_pinned: usize,
    /// Where nodes kept by a reshape are held until the layout rests (empty: none held).
    anchor_x: Vec<f32>,
    anchor_y: Vec<f32>,
    radii: Vec<f32>,
    links: Vec<Link>,
    link_strength: Vec<f32>,
    link_bias: Vec<f32>,
    seeds: Vec<u32>,
    first_receipt: Vec<Option<i64>>,
    /// Flow mode: each node's column x.
    column_x: Vec<f32>,
    alpha: f32,
    alpha_target: f32,
    paused: bool,
    rng: SplitMix64,
    n_ticks: u64,
    tree: QuadTree,
    many_body: many_body::Scratch,
    /// `[x0, y0, x1, y1, …]`, refreshed after each tick for drawing.
    positions: Vec<f32>,
}

mod reshape;

impl Simulation {
    /// Starts nodes on d3's phyllotaxis spiral, each moved by under a unit by the seed.
    pub fn new(input: &LayoutInput, settings: Settings, seed: u64) -> Self {
        let n = input.n_nodes;
        let mut sim = Simulation {
            settings,
            mode: Mode::Free,
            xs: Vec::with_capacity(n),
            ys: Vec::with_capacity(n),
            vxs: vec![0.0; n],
            vys: vec![0.0; n],
            pin_x: vec![f32::NAN; n],
            pin_y: vec![f32::NAN; n],
            n_pinned: 0,
            anchor_x: Vec::new(),
            anchor_y: Vec::new(),
            radii: Vec::new(),
            links: Vec::new(),
            link_strength: Vec::new(),
            link_bias: Vec::new(),
            seeds: Vec::new(),
            first_receipt: Vec::new(),
            column_x: Vec::new(),
            alpha: 1.0,
            alpha_target: 0.0,
            paused: false,
            rng: SplitMix64::new(seed),
            n_ticks: 0,
            tree: QuadTree::default(),
            many_body: many_body::Scratch::default(),
            positions: Vec::new(),
        };
        let (mut c, mut s) = (1.0f64, 0.0f64);
        for i in 0..n {
            let r = INITIAL_RADIUS * (0.5 + i as f64).sqrt();
            let (jx, jy) = (sim.rng.next_f32() - 0.5, sim.rng.next_f32() - 0.5);
            sim.xs.push((r * c) as f32 + jx);
            sim.ys.push((r * s) as f32 + jy);
            (c, s) = (
                c * GOLDEN_COS - s * GOLDEN_SIN,
                c * GOLDEN_SIN + s * GOLDEN_COS,
            );
        }
        sim.set_structure(input);
        sim.write_positions();
        sim
    }

    /// Takes links, radii and seeds from `input` (nodes beyond the current count are ignored).
    fn set_structure(&mut self, input: &LayoutInput) {
        let n = self.xs.len();
        self.links = input
            .links
            .iter()
            .copied()
            .filter(|l| (l.source as usize) < n && (l.target as usize) < n && l.source != l.target)
            .collect();
        (self.link_strength, self.link_bias) = link::strengths_and_biases(n, &self.links);
        self.radii = if input.radii.len() == n {
            input.radii.clone()
        } else {
            Vec::new()
        };
        self.seeds = input.seeds.clone();
        self.first_receipt = if input.first_receipt.len() == n {
            input.first_receipt.clone()
        } else {
            Vec::new()
        };
        self.update_columns();
    }

    fn update_columns(&mut self) {
        let spacing = self.settings.column_spacing;
        let columns = match self.mode {
            Mode::Free => Vec::new(),
            Mode::Flow => flow::hop_columns(self.xs.len(), &self.links, &self.seeds),
            Mode::FlowByTime => flow::time_columns(self.xs.len(), &self.first_receipt),
        };
        self.column_x = columns.into_iter().map(|c| c as f32 * spacing).collect();
    }

    /// Advances one step.
    pub fn tick(&mut self) {
        let s = self.settings;
        self.alpha += (self.alpha_target - self.alpha) * s.alpha_decay;
        let alpha = self.alpha;
        self.tree.build(&self.xs, &self.ys, &self.radii);
        many_body::apply(
            &self.tree,
            &mut self.many_body,
            &mut self.vxs,
            &mut self.vys,
            many_body::ManyBody {
                charge: s.charge,
                theta: s.theta,
                distance_min: s.distance_min,
                distance_max: s.distance_max,
            },
            alpha,
            &mut self.rng,
        );
        link::apply(
            &self.xs,
            &self.ys,
            &mut self.vxs,
            &mut self.vys,
            &self.links,
            &self.link_strength,
            &self.link_bias,
            s.link_distance,
            alpha,
            &mut self.rng,
        );
        match self.mode {
            Mode::Free => position::apply(&self.xs, &mut self.vxs, &[], s.gravity, alpha),
            // Columns hold x firmly; gravity still gathers each column around y = 0.
            Mode::Flow | Mode::FlowByTime => {
                position::apply(&self.xs, &mut self.vxs, &self.column_x, 0.5, alpha)
            }
        }
        position::apply(&self.ys, &mut self.vys, &[], s.gravity, alpha);
        let anchored = !self.anchor_x.is_empty();
        if anchored {
            position::apply_anchors(
                &self.xs,
                &mut self.vxs,
                &self.anchor_x,
                ANCHOR_STRENGTH,
                alpha,
            );
            position::apply_anchors(
                &self.ys,
                &mut self.vys,
                &self.anchor_y,
                ANCHOR_STRENGTH,
                alpha,
            );
        }
        if s.collide {
            collide::apply(
                &self.tree,
                &self.xs,
                &self.ys,
                &mut self.vxs,
                &mut self.vys,
                &self.radii,
                s.collide_padding,
                s.collide_strength,
                &mut self.rng,
            );
        }
        self.integrate();
        // While nodes are held, centring (which moves every node) waits.
        if self.mode == Mode::Free {
            center::apply(&mut self.xs, &mut self.ys, self.n_pinned > 0 || anchored);
        }
        if anchored && self.is_settled() {
            self.release_anchors();
        }
        self.n_ticks += 1;
        self.write_positions();
    }

    /// Velocity decay, then move; pinned nodes sit at their pin; in flow mode x stays within
    /// the column's slack.
    fn integrate(&mut self) {
        let keep = 1.0 - self.settings.velocity_decay;
        let slack = self.settings.column_slack;
        for i in 0..self.xs.len() {
            if self.pin_x[i].is_nan() {
                self.vxs[i] *= keep;
                self.xs[i] += self.vxs[i];
            } else {
                self.xs[i] = self.pin_x[i];
                self.vxs[i] = 0.0;
            }
            if self.pin_y[i].is_nan() {
                self.vys[i] *= keep;
                self.ys[i] += self.vys[i];
            } else {
                self.ys[i] = self.pin_y[i];
                self.vys[i] = 0.0;
            }
            if let Some(&cx) = self.column_x.get(i) {
                if self.pin_x[i].is_nan() && (self.xs[i] - cx).abs() > slack {
                    self.xs[i] = cx + slack.copysign(self.xs[i] - cx);
                    self.vxs[i] = 0.0;
                }
            }
        }
    }

    fn write_positions(&mut self) {
        self.positions.clear();
        for (&x, &y) in self.xs.iter().zip(&self.ys) {
            self.positions.push(x);
            self.positions.push(y);
        }
    }

    /// Runs until the simulation rests or `max_ticks` have passed; returns the ticks run.
    pub fn run(&mut self, max_ticks: usize) -> usize {
        let mut n = 0;
        while !self.is_settled() && n < max_ticks {
            self.tick();
            n += 1;
        }
        n
    }

    /// Warms the simulation up to at least `alpha` (e.g. after a change) so it moves again.
    pub fn reheat(&mut self, alpha: f32) {
        self.alpha = self.alpha.max(alpha);
    }

    /// Keeps the simulation warm (e.g. 0.3 while a node is dragged) until set back to 0.
    pub fn set_alpha_target(&mut self, target: f32) {
        self.alpha_target = target;
    }

    /// Fixes a node at a point until unpinned.
    pub fn pin(&mut self, i: usize, x: f32, y: f32) {
        if i < self.xs.len() {
            if self.pin_x[i].is_nan() {
                self.n_pinned += 1;
            }
            self.pin_x[i] = x;
            self.pin_y[i] = y;
            self.xs[i] = x;
            self.ys[i] = y;
            self.write_positions();
        }
    }

    pub fn unpin(&mut self, i: usize) {
        if i < self.xs.len() && !self.pin_x[i].is_nan() {
            self.n_pinned -= 1;
            self.pin_x[i] = f32::NAN;
            self.pin_y[i] = f32::NAN;
        }
    }

    pub fn is_pinned(&self, i: usize) -> bool {
        self.pin_x.get(i).is_some_and(|p| !p.is_nan())
    }

    /// Switches between free and flow mode; pins are kept, and the layout reheats.
    pub fn set_mode(&mut self, mode: Mode) {
        if mode != self.mode {
            self.release_anchors();
            self.mode = mode;
            self.update_columns();
            self.reheat(0.5);
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Flow mode: the x of each node's column (empty in free mode).
    pub fn column_x(&self) -> &[f32] {
        &self.column_x
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Changes the settings; the layout reheats to show their effect.
    pub fn set_settings(&mut self, settings: Settings) {
        if settings == self.settings {
            return;
        }
        self.settings = settings;
        self.update_columns();
        self.reheat(0.3);
    }

    /// At rest: alpha has cooled below its minimum and nothing keeps it warm.
    pub fn is_settled(&self) -> bool {
        self.alpha < self.settings.alpha_min && self.alpha_target < self.settings.alpha_min
    }

    pub fn alpha(&self) -> f32 {
        self.alpha
    }

    /// Paused by the user: `tick` still works, but whoever drives the simulation stops.
    pub fn set_paused(&mut self, paused: bool) {
        self.paused = paused;
    }

    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// Whether a driver should keep ticking: not paused and not at rest.
    pub fn is_running(&self) -> bool {
        !self.paused && !self.is_settled()
    }

    pub fn n_ticks(&self) -> u64 {
        self.n_ticks
    }

    /// Positions in world space, `[x0, y0, x1, y1, …]`.
    pub fn positions(&self) -> &[f32] {
        &self.positions
    }

    pub fn n_nodes(&self) -> usize {
        self.xs.len()
    }
}
