//! How a case is drawn, as plain data every renderer shares: category colours, node radius by
//! degree, and edge width by value. Computed from the model; nothing here is stored in it.

use std::collections::HashMap;

use crate::labels::{self, LabelBook};
use crate::layout::{LayoutInput, Link};
use crate::model::{Asset, Case, Category, NodeId};
use crate::view::{Filter, Mark, View};

/// Colour of a category as `#rrggbb` (colour-blind-aware, after the Okabe–Ito palette).
pub fn category_colour(category: Category) -> &'static str {
    match category {
        Category::Exchange => "#0072b2",
        Category::Mixer => "#cc79a7",
        Category::Bridge => "#e69f00",
        Category::Hacker => "#d55e00",
        Category::Victim => "#009e73",
        Category::Defi => "#56b4e9",
        Category::Otc => "#8c6d31",
        Category::Gambling => "#f0e442",
        Category::Sanctioned => "#000000",
        Category::Unknown => "#999999",
    }
}

/// A node as drawn: index into the layout, radius in world units, colour, label. A group of
/// addresses is one node (its first member's id, the group's name as label).
#[derive(Clone, Debug, PartialEq)]
pub struct NodeShape {
    pub id: NodeId,
    pub radius: f32,
    /// The category shown: the node's own, or the label book's when the case left it unknown.
    pub category: Category,
    pub colour: &'static str,
    pub label: Option<String>,
    pub is_seed: bool,
    /// When the address first received value (UTC seconds), if the source gives times.
    pub first_receipt: Option<i64>,
    /// The group this node stands for (index into the view's groups).
    pub group: Option<usize>,
    /// The colour of the investigator's note on it (`#rrggbb`).
    pub note_colour: Option<String>,
}

/// A flow as drawn: indices into the node list and a width in world units. Between groups,
/// the flows of their members are one edge; `from` and `to` name one of those flows.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeShape {
    pub source: u32,
    pub target: u32,
    pub width: f32,
    pub n_transfers: usize,
    pub from: NodeId,
    pub to: NodeId,
    pub note_colour: Option<String>,
}

/// Everything needed to draw a case, in layout order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub nodes: Vec<NodeShape>,
    pub edges: Vec<EdgeShape>,
}

impl Scene {
    /// Every address of the case.
    pub fn of(case: &Case) -> Scene {
        Scene::of_view(case, &View::all(case))
    }

    /// What the view shows: its visible addresses (groups as one node each) in id order, and
    /// the flows between them that carry a transfer the filter admits.
    pub fn of_view(case: &Case, view: &View) -> Scene {
        let graph = &case.graph;
        let book = LabelBook::bundled();
        let mut first_receipt: HashMap<NodeId, i64> = HashMap::new();
        for t in graph.transfers() {
            if let Some(ts) = t.timestamp {
                if view.is_visible(t.to) {
                    let e = first_receipt.entry(t.to).or_insert(ts);
                    *e = (*e).min(ts);
                }
            }
        }
        // Each visible address's node: its own, or its group's.
        let mut index: HashMap<NodeId, u32> = HashMap::new();
        let mut group_index: HashMap<usize, u32> = HashMap::new();
        let mut nodes: Vec<NodeShape> = Vec::new();
        for id in view.visible() {
            let Some(node) = graph.node(id) else {
                continue;
            };
            let group = view.groups().iter().position(|g| g.members.contains(&id));
            if let Some(g) = group {
                if let Some(&at) = group_index.get(&g) {
                    index.insert(id, at);
                    let shape = &mut nodes[at as usize];
                    shape.is_seed |= case.seeds.contains(&id);
                    shape.first_receipt = match (shape.first_receipt, first_receipt.get(&id)) {
                        (Some(a), Some(&b)) => Some(a.min(b)),
                        (a, b) => a.or(b.copied()),
                    };
                    continue;
                }
            }
            let shown = labels::shown(node, book);
            let at = nodes.len() as u32;
            index.insert(id, at);
            let (radius, label) = match group {
                Some(g) => {
                    group_index.insert(g, at);
                    let size = view.groups()[g].members.len();
                    (
                        9.0 + 3.0 * (size as f32).sqrt(),
                        Some(view.groups()[g].name.clone()),
                    )
                }
                None => (5.0 + 2.0 * (graph.degree(id) as f32).sqrt(), shown.label),
            };
            nodes.push(NodeShape {
                id,
                radius,
                category: shown.category,
                colour: category_colour(shown.category),
                label,
                is_seed: case.seeds.contains(&id),
                first_receipt: first_receipt.get(&id).copied(),
                group,
                note_colour: view.note(Mark::Node(id)).and_then(|n| n.colour.clone()),
            });
        }
        // Widths are relative to the largest flow of the same asset in the case, since
        // amounts of different assets cannot be compared without prices.
        let mut max_by_asset: HashMap<&Asset, f64> = HashMap::new();
        for (_, _, flow) in graph.flows() {
            for (asset, total) in &flow.totals {
                let m = max_by_asset.entry(asset).or_insert(0.0);
                *m = m.max(total.to_f64_lossy());
            }
        }
        // Admitted totals per drawn edge (flows between group members add up).
        let mut edges: Vec<EdgeShape> = Vec::new();
        let mut edge_at: HashMap<(u32, u32), usize> = HashMap::new();
        let mut totals: Vec<HashMap<&Asset, f64>> = Vec::new();
        let everything = view.filter == Filter::default();
        for id in view.visible() {
            let Some(&s) = index.get(&id) else {
                continue;
            };
            for (other, flow) in graph.flows_of(id, petgraph::Direction::Outgoing) {
                let Some(&t) = index.get(&other) else {
                    continue;
                };
                if s == t {
                    continue;
                }
                let mut n = 0;
                let mut sums: Vec<(&Asset, f64)> = Vec::new();
                if everything {
                    n = flow.n_transfers();
                    sums.extend(flow.totals.iter().map(|(a, v)| (a, v.to_f64_lossy())));
                } else {
                    for t in flow.transfers.iter().filter_map(|k| graph.transfer(*k)) {
                        if view.filter.admits(t) {
                            n += 1;
                            sums.push((&t.asset, t.amount.to_f64_lossy()));
                        }
                    }
                }
                if n == 0 {
                    continue;
                }
                let k = *edge_at.entry((s, t)).or_insert_with(|| {
                    edges.push(EdgeShape {
                        source: s,
                        target: t,
                        width: 0.0,
                        n_transfers: 0,
                        from: id,
                        to: other,
                        note_colour: view
                            .note(Mark::Flow(id, other))
                            .and_then(|n| n.colour.clone()),
                    });
                    totals.push(HashMap::new());
                    edges.len() - 1
                });
                edges[k].n_transfers += n;
                for (asset, v) in sums {
                    *totals[k].entry(asset).or_insert(0.0) += v;
                }
            }
        }
        for (edge, sums) in edges.iter_mut().zip(&totals) {
            let share = sums
                .iter()
                .map(|(asset, total)| {
                    let max = max_by_asset.get(asset).copied().unwrap_or(0.0);
                    if max > 0.0 {
                        (total / max).min(1.0)
                    } else {
                        0.0
                    }
                })
                .fold(0.0f64, f64::max);
            edge.width = (1.0 + 5.0 * share.sqrt()) as f32;
        }
        Scene { nodes, edges }
    }

    /// The layout input for this scene: one link per flow, weighted by its width; node radii
    /// for collision; the seeds for flow mode.
    pub fn layout_input(&self) -> LayoutInput {
        LayoutInput {
            n_nodes: self.nodes.len(),
            links: self
                .edges
                .iter()
                .map(|e| Link {
                    source: e.source,
                    target: e.target,
                    weight: (e.width / 6.0).clamp(0.1, 1.0),
                })
                .collect(),
            radii: self.nodes.iter().map(|n| n.radius).collect(),
            seeds: (0..self.nodes.len() as u32)
                .filter(|&i| self.nodes[i as usize].is_seed)
                .collect(),
            first_receipt: self.nodes.iter().map(|n| n.first_receipt).collect(),
        }
    }
}
