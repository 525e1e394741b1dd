//! How a case is drawn, as plain data every renderer shares: category colours, node radius by
//! degree, and edge width by value. Computed from the model; nothing here is stored in it.
//! Inferred links (demixing candidates, bridge hops) are drawn as dashed edges labelled with
//! their confidence, conversions (swaps, cross-chain swaps) as dashed edges of their own colour
//! labelled with their two amounts; when a view spans several chains, each node carries its
//! chain's colour.

use std::collections::HashMap;

use crate::infer::{self, InferredLink, LinkKey, LinkKind, Patterns};
use crate::layout::{LayoutInput, Link};
use crate::model::labels::{self, LabelBook};
use crate::model::{Amount, Asset, Case, Category, Chain, Flow, Graph, NodeId};
use crate::view::{Filter, GroupKind, Mark, Origin, View};

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

/// Colour of an inferred link as `#rrggbb`: a demixing candidate in the mixers' hue, a bridge
/// hop in the bridges'. Every renderer and the SVG export use it.
pub const fn link_colour(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Demix => "#b3317f",
        LinkKind::Bridge => "#c77800",
        LinkKind::Conversion => "#0f7c6c",
    }
}

/// Colour of a chain as `#rrggbb`: the usual brand colours of the common chains, and a fixed
/// pick from a palette (by the name's bytes) for others.
pub fn chain_colour(chain: &Chain) -> &'static str {
    match chain.as_str() {
        "ethereum" => "#627eea",
        "bitcoin" => "#f7931a",
        "bsc" | "binance" | "bnb" => "#c99400",
        "arbitrum" => "#28a0f0",
        "polygon" => "#8247e5",
        "tron" => "#eb0029",
        "avalanche" => "#e84142",
        "optimism" => "#ff0420",
        "base" => "#0052ff",
        other => {
            const PALETTE: [&str; 6] = [
                "#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#666666",
            ];
            let sum = other
                .bytes()
                .fold(0usize, |a, b| a.wrapping_mul(31).wrapping_add(b as usize));
            PALETTE[sum % PALETTE.len()]
        }
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
    /// Its chain's colour, when the view spans more than one chain.
    pub chain_colour: Option<&'static str>,
    /// A mixer pool (drawn as a pool: deposits in, candidate withdrawals out).
    pub pool: bool,
    /// What made the group it stands for, if any.
    pub group_kind: Option<GroupKind>,
}

/// An inferred link as drawn: a dashed edge between two drawn nodes, with its confidence.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkShape {
    pub source: u32,
    pub target: u32,
    pub kind: LinkKind,
    pub key: LinkKey,
    /// 0…1.
    pub score: f32,
    pub accepted: bool,
    /// What it is labelled with instead of its confidence: a conversion's two amounts
    /// ("62,423 USDC → 41.4 ETH").
    pub label: Option<String>,
}

impl LinkShape {
    /// The text drawn at its middle: a conversion's amounts, else its confidence; "✓ " first
    /// when accepted.
    pub fn text(&self) -> String {
        let tick = if self.accepted { "✓ " } else { "" };
        match &self.label {
            Some(l) => format!("{tick}{l}"),
            None => format!("{tick}{:.0} %", 100.0 * self.score),
        }
    }
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
    pub links: Vec<LinkShape>,
}

/// The largest flow of each asset in a case: edge widths are relative to it, since amounts of
/// different assets cannot be compared without prices. Computed once per case.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlowScale(HashMap<Asset, f64>);

impl FlowScale {
    pub fn of(graph: &Graph) -> FlowScale {
        let mut max: HashMap<Asset, f64> = HashMap::new();
        for (_, _, flow) in graph.flows() {
            for (asset, total) in &graph.sums(flow).totals {
                let v = total.to_f64_lossy();
                match max.get_mut(asset) {
                    Some(m) => *m = m.max(v),
                    None => {
                        max.insert(asset.clone(), v);
                    }
                }
            }
        }
        FlowScale(max)
    }

    /// The largest flow of each asset, by asset name: what the widest edge of each stands for.
    pub fn largest(&self) -> Vec<(&Asset, f64)> {
        let mut out: Vec<(&Asset, f64)> = self.0.iter().map(|(a, &v)| (a, v)).collect();
        out.sort_by(|a, b| a.0 .0.cmp(&b.0 .0));
        out
    }

    /// An edge's width in world units for what it carries per asset: 1 plus up to 5 by the
    /// square root of its largest share of an asset's widest flow.
    fn width(&self, sums: &[(&Asset, f64)]) -> f32 {
        let share = sums
            .iter()
            .map(|(asset, total)| self.share(asset, *total))
            .fold(0.0f64, f64::max);
        (1.0 + 5.0 * share.sqrt()) as f32
    }

    fn share(&self, asset: &Asset, total: f64) -> f64 {
        match self.0.get(asset) {
            Some(&max) if max > 0.0 => (total / max).min(1.0),
            _ => 0.0,
        }
    }
}

/// Marks an address not drawn, in the flat index below.
const NONE: u32 = u32::MAX;

impl Scene {
    /// Every address of the case.
    pub fn of(case: &Case) -> Scene {
        Scene::of_view(case, &View::all(case))
    }

    /// What the view shows: its visible addresses (groups as one node each) in id order, and
    /// the flows between them that carry a transfer the filter admits.
    pub fn of_view(case: &Case, view: &View) -> Scene {
        Scene::of_view_scaled(case, view, &FlowScale::of(&case.graph), &Patterns::of(case))
    }

    /// `of_view` with the case's flow scale and patterns already computed.
    pub fn of_view_scaled(
        case: &Case,
        view: &View,
        scale: &FlowScale,
        patterns: &Patterns,
    ) -> Scene {
        let (nodes, index) = nodes_of(case, view);
        let edges = edges_of(case, view, &index, scale);
        let links = links_of(
            &infer::drawn(&infer::links(case, view, patterns), view.every_candidate),
            &index,
        );
        Scene {
            nodes,
            edges,
            links,
        }
    }

    /// This scene with its flows chosen again under `view`'s filter: for a change of filter
    /// only (the same addresses, groups, notes and link verdicts) that leaves the same
    /// addresses out of the picture (`View::left_out`), which keeps the nodes and links as
    /// they are.
    pub fn refiltered(&self, case: &Case, view: &View, scale: &FlowScale) -> Scene {
        let mut index = vec![NONE; case.graph.node_bound()];
        for (i, node) in self.nodes.iter().enumerate() {
            index[node.id.index()] = i as u32;
            if let Some(g) = node.group.and_then(|g| view.groups().get(g)) {
                for m in g.members.iter().filter(|&&m| view.is_visible(m)) {
                    if let Some(slot) = index.get_mut(m.index()) {
                        *slot = i as u32;
                    }
                }
            }
        }
        Scene {
            nodes: self.nodes.clone(),
            edges: edges_of(case, view, &index, scale),
            links: self.links.clone(),
        }
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
                .chain(self.links.iter().map(|l| Link {
                    source: l.source,
                    target: l.target,
                    weight: 0.3,
                }))
                .collect(),
            radii: self.nodes.iter().map(|n| n.radius).collect(),
            seeds: (0..self.nodes.len() as u32)
                .filter(|&i| self.nodes[i as usize].is_seed)
                .collect(),
            first_receipt: self.nodes.iter().map(|n| n.first_receipt).collect(),
        }
    }
}

/// The nodes a view shows, and each address's node index (`NONE`: not drawn) by `NodeId`.
fn nodes_of(case: &Case, view: &View) -> (Vec<NodeShape>, Vec<u32>) {
    let graph = &case.graph;
    let book: &LabelBook = &case.book;
    // Flat arrays by node index: a view can show tens of thousands of addresses.
    let bound = graph.node_bound();
    let mut index: Vec<u32> = vec![NONE; bound];
    let mut first_receipt: Vec<i64> = vec![i64::MAX; bound];
    // An id the case does not hold (a view from elsewhere) is passed over, never indexed.
    for id in view.visible().filter(|&id| graph.node(id).is_some()) {
        index[id.index()] = 0; // shown; its node is assigned below
    }
    for t in graph.transfers() {
        if let Some(ts) = t.timestamp {
            let at = t.to.index();
            if index[at] != NONE && ts < first_receipt[at] {
                first_receipt[at] = ts;
            }
        }
    }
    let receipt = |id: NodeId| Some(first_receipt[id.index()]).filter(|&t| t != i64::MAX);
    // The case's seeds and those the investigator marked (the trace starts from both).
    let is_seed = |id: NodeId| case.seeds.contains(&id) || view.origin(id) == Some(Origin::Seed);
    let member_of: HashMap<NodeId, usize> = view
        .groups()
        .iter()
        .enumerate()
        .flat_map(|(g, group)| group.members.iter().map(move |&m| (m, g)))
        .collect();
    let has_notes = view.notes().next().is_some();
    let first_chain = view
        .visible()
        .find_map(|id| graph.node(id))
        .map(|n| &n.chain);
    let many_chains = view
        .visible()
        .filter_map(|id| graph.node(id))
        .any(|n| Some(&n.chain) != first_chain);
    // Degrees (for radii) in one walk of the flows when the view shows much of the case.
    let degrees = (4 * view.n_visible() >= graph.n_nodes()).then(|| graph.degrees());
    let degree = |id: NodeId| match &degrees {
        Some(d) => d.get(id.index()).map_or(0, |&d| d as usize),
        None => graph.degree(id),
    };
    let mut group_index: HashMap<usize, u32> = HashMap::new();
    let mut nodes: Vec<NodeShape> = Vec::with_capacity(view.n_visible());
    // Addresses the active filter leaves without a flow leave the picture.
    let left_out = view.left_out(case);
    for id in view.visible() {
        let Some(node) = graph.node(id).filter(|_| !left_out.contains(&id)) else {
            if let Some(slot) = index.get_mut(id.index()) {
                *slot = NONE;
            }
            continue;
        };
        let group = if member_of.is_empty() {
            None
        } else {
            member_of.get(&id).copied()
        };
        if let Some(g) = group {
            if let Some(&at) = group_index.get(&g) {
                index[id.index()] = at;
                let shape = &mut nodes[at as usize];
                shape.is_seed |= is_seed(id);
                shape.first_receipt = match (shape.first_receipt, receipt(id)) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                continue;
            }
        }
        let shown = labels::shown(node, book);
        let at = nodes.len() as u32;
        index[id.index()] = at;
        let (radius, label) = match group {
            Some(g) => {
                group_index.insert(g, at);
                let size = view.groups()[g].members.len();
                (
                    9.0 + 3.0 * (size as f32).sqrt(),
                    Some(view.groups()[g].name.clone()),
                )
            }
            None => (5.0 + 2.0 * (degree(id) as f32).sqrt(), shown.label),
        };
        nodes.push(NodeShape {
            id,
            radius,
            category: shown.category,
            colour: category_colour(shown.category),
            label,
            is_seed: is_seed(id),
            first_receipt: receipt(id),
            group,
            note_colour: if has_notes {
                view.note(Mark::Node(id)).and_then(|n| n.colour.clone())
            } else {
                None
            },
            chain_colour: many_chains.then(|| chain_colour(&node.chain)),
            pool: group.is_none() && shown.category == Category::Mixer,
            group_kind: group.map(|g| view.groups()[g].kind),
        });
    }
    (nodes, index)
}

/// The links to draw (`infer::drawn`) whose ends are drawn and apart; the best per pair of
/// nodes (an accepted one first).
fn links_of(links: &[&InferredLink], index: &[u32]) -> Vec<LinkShape> {
    let node_at = |id: NodeId| index.get(id.index()).copied().unwrap_or(NONE);
    let mut best: HashMap<(u32, u32), usize> = HashMap::new();
    let mut out: Vec<LinkShape> = Vec::new();
    for l in links {
        let (s, t) = (node_at(l.from), node_at(l.to));
        if s == NONE || t == NONE || s == t {
            continue;
        }
        let shape = LinkShape {
            source: s,
            target: t,
            kind: l.kind,
            key: l.key,
            score: l.score as f32,
            accepted: l.decision == Some(infer::Decision::Accepted),
            label: l.conversion().map(crate::convert::words::label),
        };
        match best.get(&(s, t)) {
            Some(&k) => {
                let old = &out[k];
                if (shape.accepted, shape.score) > (old.accepted, old.score) {
                    out[k] = shape;
                }
            }
            None => {
                best.insert((s, t), out.len());
                out.push(shape);
            }
        }
    }
    out
}

/// The flows between drawn nodes that carry a transfer the filter admits, with widths; the
/// flows of group members between the same two nodes are one edge. A view showing much of the
/// case walks all flows in storage order; a small one walks only its addresses' flows.
fn edges_of(case: &Case, view: &View, index: &[u32], scale: &FlowScale) -> Vec<EdgeShape> {
    let graph = &case.graph;
    let node_at = |id: NodeId| index.get(id.index()).copied().unwrap_or(NONE);
    let grouped = !view.groups().is_empty();
    let has_notes = view.notes().next().is_some();
    let everything = view.filter == Filter::default();
    let reach = view.reach(case);
    let mut edges: Vec<EdgeShape> = Vec::new();
    let mut edge_at: HashMap<(u32, u32), usize> = HashMap::new();
    // Per edge, what its flows carry per asset (only where groups join flows into one edge:
    // otherwise an edge is one flow and its width is worked out at once, with no list each).
    let mut totals: Vec<Vec<(&Asset, f64)>> = Vec::new();
    let mut sums: Vec<(&Asset, f64)> = Vec::new();
    let mut exact: Vec<(&Asset, Amount)> = Vec::new();
    let flows: Box<dyn Iterator<Item = (NodeId, NodeId, &Flow)>> =
        if 4 * view.n_visible() >= graph.n_nodes() {
            Box::new(graph.flows())
        } else {
            Box::new(view.visible().flat_map(move |id| {
                graph
                    .flows_of(id, petgraph::Direction::Outgoing)
                    .map(move |(other, flow)| (id, other, flow))
            }))
        };
    for (from, to, flow) in flows {
        let (s, t) = (node_at(from), node_at(to));
        if s == NONE
            || t == NONE
            || s == t
            || !view.filter.admits_direction(reach.as_ref(), from, to)
        {
            continue;
        }
        let mut n = 0;
        // What the flow's counted transfers carry per asset, added exactly (an amount that
        // would take a sum past what fits is left out of it, as `Graph::sums` does), then made
        // a float once for the width.
        exact.clear();
        for tr in flow.transfers.iter().filter_map(|k| graph.transfer(*k)) {
            if everything || view.filter.admits(tr) {
                n += 1;
                match exact.iter_mut().find(|(a, _)| *a == &tr.asset) {
                    Some((_, sum)) => *sum = sum.checked_add(tr.amount).unwrap_or(*sum),
                    None => exact.push((&tr.asset, tr.amount)),
                }
            }
        }
        sums.clear();
        sums.extend(exact.iter().map(|(a, v)| (*a, v.to_f64_lossy())));
        if n == 0 {
            continue;
        }
        let existing = if grouped {
            edge_at.get(&(s, t)).copied()
        } else {
            None
        };
        let k = existing.unwrap_or_else(|| {
            edges.push(EdgeShape {
                source: s,
                target: t,
                width: 0.0,
                n_transfers: 0,
                from,
                to,
                note_colour: if has_notes {
                    view.note(Mark::Flow(from, to))
                        .and_then(|n| n.colour.clone())
                } else {
                    None
                },
            });
            if grouped {
                totals.push(Vec::new());
                edge_at.insert((s, t), edges.len() - 1);
            }
            edges.len() - 1
        });
        edges[k].n_transfers += n;
        if grouped {
            for &(asset, v) in &sums {
                match totals[k].iter_mut().find(|(a, _)| *a == asset) {
                    Some((_, sum)) => *sum += v,
                    None => totals[k].push((asset, v)),
                }
            }
        } else {
            edges[k].width = scale.width(&sums);
        }
    }
    if grouped {
        for (edge, sums) in edges.iter_mut().zip(&totals) {
            edge.width = scale.width(sums);
        }
    }
    edges
}
