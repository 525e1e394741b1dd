//! What the page and the renderers read off the stage besides positions: the legend's
//! categories, the inspector's summary, the status line, the inferred link under the pointer,
//! the counters that say a redraw or a new picture is due, the style key renderers that keep
//! styles on the GPU compare, the view's inferred links, and node positions for the page's
//! test hook.

use hopscope_core::infer::{self, InferredLink, LinkKey};
use hopscope_core::inspect::{summarize, NodeSummary};
use hopscope_core::Category;

use super::gesture::distance;
use super::Stage;

impl Stage {
    /// Categories drawn, with how many nodes each has, in the fixed order (what playback
    /// hides is not counted).
    pub fn legend(&self) -> Vec<(Category, usize)> {
        let drawn = |i: usize| self.emphasis.node(i) != hopscope_core::emphasis::Tone::Hidden;
        Category::ALL
            .into_iter()
            .map(|c| {
                (
                    c,
                    self.scene
                        .nodes
                        .iter()
                        .enumerate()
                        .filter(|(i, n)| n.category == c && drawn(*i))
                        .count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// The inspector's summary of a node; a seed the investigator marked is a seed too.
    pub fn inspect(&self, node_idx: usize) -> Option<NodeSummary> {
        let id = self.scene.nodes.get(node_idx)?.id;
        let mut summary = summarize(&self.case, id)?;
        summary.is_seed = self.view.seed_kind(&self.case, id).is_some();
        Some(summary)
    }

    /// The status line: the case's size; while a filter is active, how many of its addresses
    /// the picture shows ("14 of 4,144 addresses shown"), since the filter takes addresses
    /// out of it.
    pub fn status_line(&self) -> String {
        if self.view.filter.is_active() {
            self.stats.status(self.view.n_drawn(&self.case))
        } else {
            self.stats.summary()
        }
    }

    /// The inferred link drawn within 6 pixels of a screen point, the nearest first.
    pub fn link_at(&self, pos: [f32; 2]) -> Option<LinkKey> {
        let p = self.positions();
        let screen = |i: u32| {
            let i = i as usize;
            self.camera.screen_from_world([p[2 * i], p[2 * i + 1]])
        };
        self.scene
            .links
            .iter()
            .filter(|l| 2 * (l.source.max(l.target) as usize) + 1 < p.len())
            .map(|l| {
                (
                    segment_distance(pos, screen(l.source), screen(l.target)),
                    l.key,
                )
            })
            .filter(|(d, _)| *d <= 6.0)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, k)| k)
    }

    /// Asks for a redraw.
    pub fn mark_dirty(&mut self) {
        self.dirty = true;
    }

    /// Counts pictures drawn with something changed (positions, camera, scene).
    pub fn picture(&self) -> u64 {
        self.picture
    }

    /// Counts changes of positions or scene (not of the camera).
    pub(super) fn moves(&self) -> u64 {
        self.moved
    }

    /// Notes that nodes or edges look different (see `style_key`).
    pub(crate) fn restyled(&mut self) {
        self.style_rev = next_style();
    }

    /// Changes whenever anything a node's or edge's look depends on changes, except
    /// positions and the camera: the scene, trace, path and labels, the selection, the
    /// hovered node, the picked addresses (all of them hashed) and the explained link.
    pub fn style_key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        (
            self.style_rev,
            self.selected,
            self.hovered,
            self.explained,
            &self.marked,
        )
            .hash(&mut h);
        h.finish()
    }

    /// The links the view has a use for (demixing candidates of its pools, bridge hops).
    pub fn links(&self) -> Vec<InferredLink> {
        infer::links(&self.case, &self.view, &self.patterns)
    }

    /// Node positions in the layout's own coordinates, for the page's test hook.
    pub fn nodes_in_world(&self) -> Vec<(String, [f32; 2])> {
        self.node_points(|p| p)
    }

    /// Node positions on screen, for the page's test hook.
    pub fn nodes_on_screen(&self) -> Vec<(String, [f32; 2])> {
        self.node_points(|p| self.camera.screen_from_world(p))
    }

    /// Each node's address and its position mapped by `place`.
    fn node_points(&self, place: impl Fn([f32; 2]) -> [f32; 2]) -> Vec<(String, [f32; 2])> {
        self.scene
            .nodes
            .iter()
            .zip(self.positions().chunks_exact(2))
            .filter_map(|(shape, p)| {
                let node = self.case.graph.node(shape.id)?;
                Some((node.address.as_str().to_owned(), place([p[0], p[1]])))
            })
            .collect()
    }
}

/// A number no stage's styles had before: a new stage (another case) never matches the styles
/// a renderer kept from the last.
pub(super) fn next_style() -> u64 {
    static STYLES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    STYLES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Distance from `p` to the segment `a`–`b`.
fn segment_distance(p: [f32; 2], a: [f32; 2], b: [f32; 2]) -> f32 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    distance(p, [a[0] + t * dx, a[1] + t * dy])
}
