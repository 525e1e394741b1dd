//! The investigation drawn over a picture: what the investigator added to the scene — the
//! trace's fill, the highlighted path, the notes — worked out per scene node and edge, so the
//! SVG writer (and through it the PNG and the HTML snapshot) draws what the canvas shows;
//! and the annotations, tied to scene nodes (`annotate::anchored`). The
//! app builds it from its stage, `hopscope render` from the saved case (re-running the saved
//! trace with `trace_view`, the same function the app traces with), so both give the same bytes.

use crate::infer::{self, Patterns};
use crate::model::{Asset, Case, NodeId};
use crate::style::Scene;
use crate::trace::{trace_across, trace_through, Method, Pools, Trace};
use crate::view::{Mark, View};

/// What to draw over the scene. `Marks::default()` draws the scene alone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    pub trace: Option<TraceMarks>,
    /// Per scene edge: on the highlighted path.
    pub path_edges: Vec<bool>,
    /// Per scene node: on the highlighted path.
    pub path_nodes: Vec<bool>,
    /// Hops of the highlighted path (0: none), and the scene nodes at its ends.
    pub path_hops: usize,
    pub path_from: Option<usize>,
    pub path_to: Option<usize>,
    /// The investigator's notes, per scene node and per scene edge.
    pub node_notes: Vec<Option<String>>,
    pub edge_notes: Vec<Option<String>>,
    /// The view's annotations, tied to scene nodes.
    pub annotations: Vec<crate::annotate::Anchored>,
}

/// A trace as drawn: how full each scene node is, and what for the legend and tooltips.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceMarks {
    pub asset: Asset,
    pub method: Method,
    pub pools: Pools,
    /// Per scene node: the stolen amount that reached it (its visible members, for a group).
    /// `f64` as the trace computes it, so shown as approximate.
    pub received: Vec<f64>,
    /// Per scene node: `received` over the largest any scene node received (0…1); the disc
    /// of traced colour covers that share of the node's area.
    pub fill: Vec<f32>,
    /// The largest amount any scene node received.
    pub largest: f64,
}

impl Marks {
    /// The marks of `view`'s `scene`: `trace` (as `trace_view` made it, with its
    /// settings), the highlighted `path` (addresses in order), and the view's notes.
    pub fn of(
        view: &View,
        scene: &Scene,
        trace: Option<(&Trace, Pools)>,
        path: &[NodeId],
    ) -> Marks {
        let node_of = |id: NodeId| scene_node_of(view, scene, id);
        let on_path: Vec<(usize, usize)> = path
            .windows(2)
            .filter_map(|p| Some((node_of(p[0])?, node_of(p[1])?)))
            .collect();
        let path_edges: Vec<bool> = scene
            .edges
            .iter()
            .map(|e| on_path.contains(&(e.source as usize, e.target as usize)))
            .collect();
        let mut path_nodes = vec![false; scene.nodes.len()];
        if !on_path.is_empty() {
            for &id in path {
                if let Some(i) = node_of(id) {
                    path_nodes[i] = true;
                }
            }
        }
        let has_notes = view.notes().next().is_some();
        Marks {
            trace: trace.and_then(|(t, pools)| TraceMarks::of(view, scene, t, pools)),
            path_hops: if on_path.is_empty() {
                0
            } else {
                path.len() - 1
            },
            path_from: path.first().and_then(|&id| node_of(id)),
            path_to: path.last().and_then(|&id| node_of(id)),
            path_edges,
            path_nodes,
            node_notes: scene
                .nodes
                .iter()
                .map(|n| {
                    has_notes
                        .then(|| view.note(Mark::Node(n.id)).map(|n| n.text.clone()))
                        .flatten()
                })
                .collect(),
            edge_notes: scene
                .edges
                .iter()
                .map(|e| {
                    has_notes
                        .then(|| view.note(Mark::Flow(e.from, e.to)).map(|n| n.text.clone()))
                        .flatten()
                })
                .collect(),
            annotations: crate::annotate::anchored(view, scene),
        }
    }

    pub fn on_path_edge(&self, k: usize) -> bool {
        self.path_edges.get(k).copied().unwrap_or(false)
    }

    pub fn on_path_node(&self, i: usize) -> bool {
        self.path_nodes.get(i).copied().unwrap_or(false)
    }

    pub fn node_note(&self, i: usize) -> Option<&str> {
        self.node_notes.get(i)?.as_deref()
    }

    pub fn edge_note(&self, k: usize) -> Option<&str> {
        self.edge_notes.get(k)?.as_deref()
    }
}

impl TraceMarks {
    fn of(view: &View, scene: &Scene, trace: &Trace, pools: Pools) -> Option<TraceMarks> {
        let asset = trace.asset.clone()?;
        let received = received_per_node(view, scene, trace);
        let largest = received.iter().copied().fold(0.0, f64::max);
        Some(TraceMarks {
            asset,
            method: trace.method,
            pools,
            fill: fill_of(&received),
            received,
            largest,
        })
    }
}

/// The trace of `asset` by `method` from the view's seeds (the case's and those the user
/// marked), with mixer pools and bridges as `pools` says, across the links the view accepts
/// and, with `conversions`, across the conversions it follows (`infer::following`).
/// The app's trace panel and `hopscope render` both trace with this.
pub fn trace_view(
    case: &Case,
    view: &View,
    patterns: &Patterns,
    method: Method,
    asset: &Asset,
    pools: Pools,
    conversions: bool,
) -> Trace {
    let seeds = view.seeds(case);
    let links = infer::carrying(view, patterns);
    let absorbers: &[NodeId] = match pools {
        Pools::Absorb => &patterns.absorbing,
        Pools::Ordinary => &[],
    };
    if conversions {
        let following = infer::following(view, patterns);
        trace_across(case, &seeds, asset, method, absorbers, &links, &following)
    } else {
        trace_through(case, &seeds, asset, method, absorbers, &links)
    }
}

/// How full each scene node is drawn: the stolen amount that reached it (a group: its visible
/// members together) over the most any scene node received, 0…1.
pub fn trace_fill(view: &View, scene: &Scene, trace: &Trace) -> Vec<f32> {
    fill_of(&received_per_node(view, scene, trace))
}

fn fill_of(received: &[f64]) -> Vec<f32> {
    let max = received.iter().copied().fold(0.0, f64::max);
    received
        .iter()
        .map(|&a| if max > 0.0 { (a / max) as f32 } else { 0.0 })
        .collect()
}

/// Per scene node, the stolen amount that reached it; a group sums its visible members (in
/// address-id order, so every caller adds in the same order).
fn received_per_node(view: &View, scene: &Scene, trace: &Trace) -> Vec<f64> {
    scene
        .nodes
        .iter()
        .map(|n| match n.group.and_then(|g| view.groups().get(g)) {
            Some(g) => {
                let mut sum = 0.0;
                let mut counted_own = false;
                for &m in g.members.iter().filter(|&&m| view.is_visible(m)) {
                    counted_own |= m == n.id;
                    sum += received(trace, m);
                }
                if !counted_own {
                    sum += received(trace, n.id);
                }
                sum
            }
            None => received(trace, n.id),
        })
        .collect()
}

/// What the trace says reached `id`, as a number for drawing.
fn received(trace: &Trace, id: NodeId) -> f64 {
    trace.received_by(id).to_f64_lossy()
}

/// The scene node that shows `id`: its own, or its group's.
fn scene_node_of(view: &View, scene: &Scene, id: NodeId) -> Option<usize> {
    scene.nodes.iter().position(|n| n.id == id).or_else(|| {
        if !view.is_visible(id) {
            return None;
        }
        let g = view.groups().iter().position(|g| g.members.contains(&id))?;
        scene.nodes.iter().position(|n| n.group == Some(g))
    })
}
