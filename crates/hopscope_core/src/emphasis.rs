//! What stands out in a picture and what fades, computed from the scene and the user's focus
//! (the hovered node, the picked path) rather than stored in the graph; and which labels are
//! drawn when they would overlap, by priority. Every renderer (WebGL2, Canvas 2D, the raster
//! for big graphs) draws from these, so they agree.

use crate::style::Scene;

/// How a node or edge is drawn relative to the focus.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tone {
    #[default]
    Normal,
    /// Part of the focus: the hovered node, its neighbours and their edges; the picked path.
    Lit,
    /// Outside the focus while there is one.
    Dim,
    /// Not there yet (timeline playback): not drawn.
    Hidden,
}

/// What the user is looking at, in scene node indices.
#[derive(Clone, Copy, Debug, Default)]
pub struct Focus<'a> {
    pub hovered: Option<usize>,
    pub selected: Option<usize>,
    /// The path picked from the path list, in order.
    pub path: &'a [usize],
    /// What a story step highlights: these nodes, and these scene edges plus every edge
    /// between two of the nodes.
    pub spotlight: Option<Spotlight<'a>>,
}

/// A story step's highlight, in scene indices.
#[derive(Clone, Copy, Debug, Default)]
pub struct Spotlight<'a> {
    pub nodes: &'a [usize],
    pub edges: &'a [usize],
}

/// Tones for every scene node and edge (empty when nothing is in focus: all normal).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Emphasis {
    pub nodes: Vec<Tone>,
    pub edges: Vec<Tone>,
}

impl Emphasis {
    /// The hovered node lights itself, its neighbours and the edges between them; otherwise
    /// a picked path lights its nodes and the edges along it (either way round); otherwise a
    /// story step's spotlight lights its nodes and edges. The rest dims. Without any of
    /// them, nothing changes.
    pub fn of(scene: &Scene, focus: &Focus) -> Emphasis {
        let n = scene.nodes.len();
        let lit_nodes: Vec<usize>;
        let edge_lit: Box<dyn Fn(usize, usize) -> bool>;
        if let Some(h) = focus.hovered.filter(|&h| h < n) {
            let mut around = vec![h];
            for e in &scene.edges {
                let (s, t) = (e.source as usize, e.target as usize);
                if s == h {
                    around.push(t);
                } else if t == h {
                    around.push(s);
                }
            }
            lit_nodes = around;
            edge_lit = Box::new(move |s, t| s == h || t == h);
        } else if focus.path.len() > 1 {
            let path: Vec<usize> = focus.path.to_vec();
            let pairs: Vec<(usize, usize)> = path.windows(2).map(|w| (w[0], w[1])).collect();
            lit_nodes = path;
            edge_lit = Box::new(move |s, t| {
                pairs
                    .iter()
                    .any(|&(a, b)| (a, b) == (s, t) || (b, a) == (s, t))
            });
        } else if let Some(spot) = focus
            .spotlight
            .filter(|s| !s.nodes.is_empty() || !s.edges.is_empty())
        {
            let mut member = vec![false; n];
            for &i in spot.nodes {
                if let Some(m) = member.get_mut(i) {
                    *m = true;
                }
            }
            let mut listed = vec![false; scene.edges.len()];
            for &k in spot.edges {
                if let Some(l) = listed.get_mut(k) {
                    *l = true;
                }
            }
            let mut lit = spot.nodes.to_vec();
            let mut edges = Vec::with_capacity(scene.edges.len());
            for (k, e) in scene.edges.iter().enumerate() {
                let (s, t) = (e.source as usize, e.target as usize);
                let on =
                    listed[k] || (member.get(s) == Some(&true) && member.get(t) == Some(&true));
                if listed[k] {
                    lit.extend([s, t]);
                }
                edges.push(if on { Tone::Lit } else { Tone::Dim });
            }
            let mut nodes = vec![Tone::Dim; n];
            for i in lit {
                if let Some(t) = nodes.get_mut(i) {
                    *t = Tone::Lit;
                }
            }
            return Emphasis { nodes, edges };
        } else {
            return Emphasis::default();
        }
        let mut nodes = vec![Tone::Dim; n];
        for i in lit_nodes {
            if let Some(t) = nodes.get_mut(i) {
                *t = Tone::Lit;
            }
        }
        let edges = scene
            .edges
            .iter()
            .map(|e| {
                if edge_lit(e.source as usize, e.target as usize) {
                    Tone::Lit
                } else {
                    Tone::Dim
                }
            })
            .collect();
        Emphasis { nodes, edges }
    }

    /// Hides the nodes and edges marked (playback before they appear), over any focus.
    pub fn hide(&mut self, nodes: &[bool], edges: &[bool]) {
        if !nodes.iter().chain(edges).any(|&h| h) {
            return;
        }
        self.nodes.resize(nodes.len(), Tone::Normal);
        self.edges.resize(edges.len(), Tone::Normal);
        for (tone, &h) in self
            .nodes
            .iter_mut()
            .zip(nodes)
            .chain(self.edges.iter_mut().zip(edges))
        {
            if h {
                *tone = Tone::Hidden;
            }
        }
    }

    pub fn node(&self, i: usize) -> Tone {
        self.nodes.get(i).copied().unwrap_or_default()
    }

    pub fn edge(&self, k: usize) -> Tone {
        self.edges.get(k).copied().unwrap_or_default()
    }

    /// Whether anything is in focus (so that the rest is dimmed).
    pub fn is_focused(&self) -> bool {
        self.nodes
            .iter()
            .any(|t| matches!(t, Tone::Lit | Tone::Dim))
    }
}

/// Labelled nodes, most important first: the selected node, the hovered one, seeds, lit
/// nodes, then bigger before smaller (ties by index, so the order is stable).
pub fn label_order(scene: &Scene, emphasis: &Emphasis, focus: &Focus) -> Vec<usize> {
    let rank = |i: usize| -> u8 {
        let node = &scene.nodes[i];
        if focus.selected == Some(i) {
            0
        } else if focus.hovered == Some(i) {
            1
        } else if node.is_seed {
            2
        } else if emphasis.node(i) == Tone::Lit {
            3
        } else if emphasis.node(i) == Tone::Normal {
            4
        } else {
            5
        }
    };
    let mut order: Vec<usize> = (0..scene.nodes.len())
        .filter(|&i| scene.nodes[i].label.is_some() && emphasis.node(i) != Tone::Hidden)
        .collect();
    order.sort_by(|&a, &b| {
        rank(a)
            .cmp(&rank(b))
            .then(scene.nodes[b].radius.total_cmp(&scene.nodes[a].radius))
            .then(a.cmp(&b))
    });
    order
}

/// A label's box on screen: left, top, width, height in pixels.
pub type LabelBox = [f32; 4];

/// Which labels to draw, given their boxes in priority order: each is kept unless it overlaps
/// one already kept or lies wholly off the screen (`size`). At most `max` are kept. Uses a
/// coarse grid of kept boxes, so thousands of candidates cost little.
pub fn thin_labels(boxes: &[LabelBox], size: [f32; 2], max: usize) -> Vec<bool> {
    const CELL: f32 = 64.0;
    let cols = ((size[0] / CELL).ceil() as usize).max(1);
    let rows = ((size[1] / CELL).ceil() as usize).max(1);
    let mut cells: Vec<Vec<usize>> = vec![Vec::new(); cols * rows];
    let mut keep = vec![false; boxes.len()];
    let mut kept = 0;
    let span = |b: &LabelBox| {
        let c = |v: f32, n: usize| ((v / CELL).floor().max(0.0) as usize).min(n - 1);
        (
            c(b[0], cols),
            c(b[1], rows),
            c(b[0] + b[2], cols),
            c(b[1] + b[3], rows),
        )
    };
    let overlaps = |a: &LabelBox, b: &LabelBox| {
        a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3]
    };
    for (i, b) in boxes.iter().enumerate() {
        if kept >= max {
            break;
        }
        if b[0] + b[2] < 0.0 || b[1] + b[3] < 0.0 || b[0] > size[0] || b[1] > size[1] {
            continue;
        }
        let (c0, r0, c1, r1) = span(b);
        let clash = (r0..=r1).any(|r| {
            (c0..=c1).any(|c| cells[r * cols + c].iter().any(|&j| overlaps(b, &boxes[j])))
        });
        if clash {
            continue;
        }
        keep[i] = true;
        kept += 1;
        for r in r0..=r1 {
            for c in c0..=c1 {
                cells[r * cols + c].push(i);
            }
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, NodeId};
    use crate::style::{EdgeShape, NodeShape};

    fn node(i: u32, label: Option<&str>, radius: f32) -> NodeShape {
        NodeShape {
            id: NodeId(i.into()),
            radius,
            category: Category::Unknown,
            colour: "#999999",
            label: label.map(str::to_owned),
            is_seed: false,
            first_receipt: None,
            group: None,
            note_colour: None,
            chain_colour: None,
            pool: false,
            group_kind: None,
        }
    }

    fn edge(s: u32, t: u32) -> EdgeShape {
        EdgeShape {
            source: s,
            target: t,
            width: 1.0,
            n_transfers: 1,
            from: NodeId(s.into()),
            to: NodeId(t.into()),
            note_colour: None,
        }
    }

    /// 0 → 1 → 2 → 3, and 4 → 1.
    fn chain() -> Scene {
        Scene {
            nodes: (0..5).map(|i| node(i, Some("x"), 1.0 + i as f32)).collect(),
            edges: vec![edge(0, 1), edge(1, 2), edge(2, 3), edge(4, 1)],
            links: Vec::new(),
        }
    }

    #[test]
    fn hover_lights_neighbours_and_dims_the_rest() {
        let scene = chain();
        let e = Emphasis::of(
            &scene,
            &Focus {
                hovered: Some(1),
                ..Focus::default()
            },
        );
        use Tone::*;
        assert_eq!(e.nodes, vec![Lit, Lit, Lit, Dim, Lit]);
        assert_eq!(e.edges, vec![Lit, Lit, Dim, Lit]);
        assert!(e.is_focused());
        assert_eq!(Emphasis::of(&scene, &Focus::default()), Emphasis::default());
        assert_eq!(Emphasis::default().node(3), Normal);
        // Playback hides what is not there yet, over the focus, and alone is no focus.
        let mut hidden = e.clone();
        hidden.hide(
            &[false, false, false, true, true],
            &[false, false, true, true],
        );
        assert_eq!(hidden.nodes, vec![Lit, Lit, Lit, Hidden, Hidden]);
        assert_eq!(hidden.edges, vec![Lit, Lit, Hidden, Hidden]);
        let mut only = Emphasis::default();
        only.hide(&[true, false, false, false, false], &[false; 4]);
        assert!(!only.is_focused());
        assert_eq!(only.node(0), Hidden);
        assert_eq!(only.node(1), Normal);
        let mut none = Emphasis::default();
        none.hide(&[false; 5], &[false; 4]);
        assert_eq!(none, Emphasis::default(), "nothing hidden: nothing changes");
    }

    #[test]
    fn a_path_lights_its_edges_either_way_and_hover_wins() {
        let scene = chain();
        let path = [3, 2, 1];
        let e = Emphasis::of(
            &scene,
            &Focus {
                path: &path,
                ..Focus::default()
            },
        );
        use Tone::*;
        assert_eq!(e.nodes, vec![Dim, Lit, Lit, Lit, Dim]);
        assert_eq!(e.edges, vec![Dim, Lit, Lit, Dim]);
        let hovered = Emphasis::of(
            &scene,
            &Focus {
                path: &path,
                hovered: Some(0),
                ..Focus::default()
            },
        );
        assert_eq!(hovered.nodes, vec![Lit, Lit, Dim, Dim, Dim]);
    }

    #[test]
    fn a_spotlight_lights_its_nodes_their_edges_and_listed_edges_below_path_and_hover() {
        let scene = chain();
        use Tone::*;
        // Nodes 0 and 1 (so edge 0 → 1), and edge 2 → 3 by itself (so its ends).
        let spot = Spotlight {
            nodes: &[0, 1],
            edges: &[2],
        };
        let e = Emphasis::of(
            &scene,
            &Focus {
                spotlight: Some(spot),
                ..Focus::default()
            },
        );
        assert_eq!(e.nodes, vec![Lit, Lit, Lit, Lit, Dim]);
        assert_eq!(e.edges, vec![Lit, Dim, Lit, Dim]);
        let path = [3, 2];
        let with_path = Emphasis::of(
            &scene,
            &Focus {
                spotlight: Some(spot),
                path: &path,
                ..Focus::default()
            },
        );
        assert_eq!(with_path.nodes, vec![Dim, Dim, Lit, Lit, Dim]);
        let empty = Emphasis::of(
            &scene,
            &Focus {
                spotlight: Some(Spotlight::default()),
                ..Focus::default()
            },
        );
        assert_eq!(empty, Emphasis::default());
    }

    #[test]
    fn labels_rank_selection_then_hover_then_size_and_overlaps_are_thinned() {
        let mut scene = chain();
        scene.nodes[3].label = None;
        scene.nodes[0].is_seed = true;
        let focus = Focus {
            hovered: Some(2),
            selected: Some(1),
            ..Focus::default()
        };
        let e = Emphasis::of(&scene, &focus);
        assert_eq!(label_order(&scene, &e, &focus), vec![1, 2, 0, 4]);

        let boxes = [
            [10.0, 10.0, 50.0, 12.0],
            [30.0, 15.0, 50.0, 12.0],  // overlaps the first: dropped
            [200.0, 10.0, 50.0, 12.0], // clear
            [-80.0, 10.0, 50.0, 12.0], // off screen
            [70.0, 10.0, 50.0, 12.0],  // clear of the first, next to it
        ];
        assert_eq!(
            thin_labels(&boxes, [400.0, 300.0], 10),
            vec![true, false, true, false, true]
        );
        assert_eq!(
            thin_labels(&boxes, [400.0, 300.0], 2),
            vec![true, false, true, false, false]
        );
    }
}
