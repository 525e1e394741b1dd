//! How a case is drawn, as plain data every renderer shares: category colours, node radius by
//! degree, and edge width by value. Computed from the model; nothing here is stored in it.

use std::collections::HashMap;

use crate::labels::{self, LabelBook};
use crate::layout::{LayoutInput, Link};
use crate::model::{Asset, Case, Category, NodeId};

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

/// A node as drawn: index into the layout, radius in world units, colour, label.
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
}

/// A flow as drawn: indices into the node list and a width in world units.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeShape {
    pub source: u32,
    pub target: u32,
    pub width: f32,
    pub n_transfers: usize,
}

/// Everything needed to draw a case, in layout order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    pub nodes: Vec<NodeShape>,
    pub edges: Vec<EdgeShape>,
}

impl Scene {
    pub fn of(case: &Case) -> Scene {
        let graph = &case.graph;
        let index: HashMap<NodeId, u32> = graph
            .node_ids()
            .enumerate()
            .map(|(i, id)| (id, i as u32))
            .collect();
        let book = LabelBook::bundled();
        let mut first_receipt: HashMap<NodeId, i64> = HashMap::new();
        for t in graph.transfers() {
            if let Some(ts) = t.timestamp {
                let e = first_receipt.entry(t.to).or_insert(ts);
                *e = (*e).min(ts);
            }
        }
        let nodes = graph
            .nodes()
            .map(|(id, node)| {
                let shown = labels::shown(node, book);
                NodeShape {
                    id,
                    radius: 5.0 + 2.0 * (graph.degree(id) as f32).sqrt(),
                    category: shown.category,
                    colour: category_colour(shown.category),
                    label: shown.label,
                    is_seed: case.seeds.contains(&id),
                    first_receipt: first_receipt.get(&id).copied(),
                }
            })
            .collect();
        // Widths are relative to the largest flow of the same asset, since amounts of
        // different assets cannot be compared without prices.
        let mut max_by_asset: HashMap<&Asset, f64> = HashMap::new();
        for (_, _, flow) in graph.flows() {
            for (asset, total) in &flow.totals {
                let m = max_by_asset.entry(asset).or_insert(0.0);
                *m = m.max(total.to_f64_lossy());
            }
        }
        let edges = graph
            .flows()
            .filter_map(|(s, t, flow)| {
                let share = flow
                    .totals
                    .iter()
                    .map(|(asset, total)| {
                        let max = max_by_asset.get(asset).copied().unwrap_or(0.0);
                        if max > 0.0 {
                            total.to_f64_lossy() / max
                        } else {
                            0.0
                        }
                    })
                    .fold(0.0f64, f64::max);
                Some(EdgeShape {
                    source: *index.get(&s)?,
                    target: *index.get(&t)?,
                    width: (1.0 + 5.0 * share.sqrt()) as f32,
                    n_transfers: flow.n_transfers(),
                })
            })
            .collect();
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
