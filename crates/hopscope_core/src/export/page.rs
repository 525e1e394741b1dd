//! Where things go on an exported page: each node's label (its name or short address, cut to
//! a width, its note's number) and the room its rings take; the notes numbered; and the fit —
//! the largest scale at which every circle, ring and label (by the conservative text estimate)
//! and every text at an edge's middle lie between the title and the legend, centred there.

use super::legend::NumberedNote;
use super::marks::Marks;
use super::svg::{HEADER, MARGIN};
use super::text::{fit, short_address, text_width};
use crate::annotate::PlacedShape;
use crate::style::Scene;
use crate::Case;

pub(super) const LABEL_FONT: f32 = 11.0;
/// A label is cut beyond this width (its full text is in the tooltip).
const MAX_LABEL: f32 = 260.0;
/// Rings around a node, in pixels beyond its rim: seed, note, pool, chain.
pub(super) const SEED_RING: f32 = 3.0;
pub(super) const NOTE_RING: f32 = 6.0;
pub(super) const POOL_RIM: f32 = 5.0;
pub(super) const CHAIN_RING: f32 = 1.5;

/// The name a node goes by in the picture: its label, else its short address.
pub(super) fn node_name(case: &Case, scene: &Scene, i: usize) -> String {
    let Some(n) = scene.nodes.get(i) else {
        return String::new();
    };
    match &n.label {
        Some(l) => l.clone(),
        None => case
            .graph
            .node(n.id)
            .map(|node| short_address(node.address.as_str()))
            .unwrap_or_default(),
    }
}

/// The notes drawn, numbered in order: notes on nodes (scene order), then on flows.
pub(super) struct Notes {
    pub list: Vec<NumberedNote>,
    pub node_number: Vec<Option<usize>>,
    pub edge_number: Vec<Option<usize>>,
}

pub(super) fn numbered_notes(case: &Case, scene: &Scene, marks: &Marks) -> Notes {
    let mut list = Vec::new();
    let mut node_number = vec![None; scene.nodes.len()];
    let mut edge_number = vec![None; scene.edges.len()];
    for (i, slot) in node_number.iter_mut().enumerate() {
        if let Some(text) = marks.node_note(i) {
            list.push(NumberedNote {
                name: node_name(case, scene, i),
                text: text.to_owned(),
            });
            *slot = Some(list.len());
        }
    }
    for (k, slot) in edge_number.iter_mut().enumerate() {
        if let (Some(text), Some(e)) = (marks.edge_note(k), scene.edges.get(k)) {
            list.push(NumberedNote {
                name: format!(
                    "{} → {}",
                    node_name(case, scene, e.source as usize),
                    node_name(case, scene, e.target as usize)
                ),
                text: text.to_owned(),
            });
            *slot = Some(list.len());
        }
    }
    Notes {
        list,
        node_number,
        edge_number,
    }
}

/// A node's label as drawn: its name (cut to `MAX_LABEL`), its note's number; bold on the path.
pub(super) struct Label {
    pub text: String,
    pub bold: bool,
    pub width: f32,
    /// Pixels beyond the node's rim taken by its rings.
    pub rings: f32,
}

impl Label {
    pub fn of(case: &Case, scene: &Scene, marks: &Marks, notes: &Notes, i: usize, w: f32) -> Label {
        let bold = marks.on_path_node(i);
        let number = notes.node_number[i]
            .map(|k| format!(" [{k}]"))
            .unwrap_or_default();
        let room = MAX_LABEL.min(w / 3.0) - text_width(&number, LABEL_FONT, bold);
        let text = fit(&node_name(case, scene, i), LABEL_FONT, bold, room) + &number;
        let n = &scene.nodes[i];
        let mut rings: f32 = 0.5;
        if n.chain_colour.is_some() {
            rings = rings.max(CHAIN_RING + 1.5);
        }
        if n.pool {
            rings = rings.max(POOL_RIM + 0.75);
        }
        if n.is_seed {
            rings = rings.max(SEED_RING + 1.25);
        }
        if marks.node_note(i).is_some() {
            rings = rings.max(NOTE_RING + 1.5);
        }
        Label {
            width: text_width(&text, LABEL_FONT, bold),
            text,
            bold,
            rings,
        }
    }

    /// Where the label starts, beyond the rim and the rings.
    pub fn gap(&self) -> f32 {
        self.rings + 4.0
    }
}

/// Something drawn around a point of the layout: `radius` in world units (scaled with the
/// picture), then fixed room in pixels on each side.
struct Extent {
    x: f32,
    y: f32,
    radius: f32,
    left: f32,
    right: f32,
    up: f32,
    down: f32,
}

/// How the layout maps onto the page: screen = offset + world × scale.
pub(super) struct Fit {
    pub scale: f32,
    dx: f32,
    dy: f32,
    at: Vec<Option<(f32, f32)>>,
}

impl Fit {
    /// The largest scale (at most 4) at which every node, its rings and its label, and every
    /// link's and noted flow's text fit between the title and the legend, centred there.
    pub fn of(
        scene: &Scene,
        positions: &[f32],
        marks: &Marks,
        labels: &[Label],
        w: f32,
        h: f32,
        footer: f32,
    ) -> Fit {
        let at: Vec<Option<(f32, f32)>> = (0..scene.nodes.len())
            .map(|i| {
                let (x, y) = (*positions.get(2 * i)?, *positions.get(2 * i + 1)?);
                (x.is_finite() && y.is_finite()).then_some((x, y))
            })
            .collect();
        let mut extents = Vec::new();
        for (i, n) in scene.nodes.iter().enumerate() {
            let Some((x, y)) = at[i] else {
                continue;
            };
            let label = &labels[i];
            // The drawn radius is at least 2 pixels.
            let pad = 2.0 + label.rings;
            extents.push(Extent {
                x,
                y,
                radius: n.radius,
                left: pad,
                right: pad.max(2.0 + label.gap() + label.width),
                up: pad.max(8.0),
                down: pad.max(8.0),
            });
        }
        // Texts centred on the middle of an edge: link confidences, noted flows' numbers.
        let middle = |a: u32, b: u32, half: f32| {
            let ((ax, ay), (bx, by)) =
                (at.get(a as usize)?.as_ref()?, at.get(b as usize)?.as_ref()?);
            Some(Extent {
                x: (ax + bx) / 2.0,
                y: (ay + by) / 2.0,
                radius: 0.0,
                left: half,
                right: half,
                up: 14.0,
                down: 14.0,
            })
        };
        for l in &scene.links {
            extents.extend(middle(
                l.source,
                l.target,
                0.5 * text_width(&l.text(), 10.0, false),
            ));
        }
        for (k, e) in scene.edges.iter().enumerate() {
            if marks.edge_note(k).is_some() {
                extents.extend(middle(
                    e.source,
                    e.target,
                    0.5 * text_width("[000]", 10.0, false),
                ));
            }
        }
        // Annotations: a text box from its corner, a frame's or arrow's text.
        for a in &marks.annotations {
            let Some(shape) = a.place(scene, positions) else {
                continue;
            };
            let (tw, th) = super::annotations::box_size(&a.lines);
            extents.push(match shape {
                PlacedShape::Text { at: [x, y], .. } => Extent {
                    x,
                    y,
                    radius: 0.0,
                    left: 0.0,
                    right: tw,
                    up: 0.0,
                    down: th,
                },
                PlacedShape::Arrow { from, to } => Extent {
                    x: (from[0] + to[0]) / 2.0,
                    y: (from[1] + to[1]) / 2.0,
                    radius: 0.0,
                    left: tw / 2.0,
                    right: tw / 2.0,
                    up: th / 2.0,
                    down: th / 2.0,
                },
                PlacedShape::Frame { min: [x, y], .. } => Extent {
                    x,
                    y,
                    radius: 0.0,
                    left: 0.0,
                    right: tw,
                    up: th,
                    down: 0.0,
                },
            });
        }
        let area = [
            MARGIN,
            HEADER + MARGIN,
            w - MARGIN,
            (h - footer - MARGIN).max(HEADER + MARGIN + 40.0),
        ];
        let scale = best_scale(&extents, area);
        let span = |s: f32| spans(&extents, s);
        let ([x0, x1], [y0, y1]) = span(scale);
        Fit {
            scale,
            dx: (area[0] + area[2] - (x1 + x0)) / 2.0,
            dy: (area[1] + area[3] - (y1 + y0)) / 2.0,
            at,
        }
    }

    /// A world (layout) point on the page.
    pub fn world(&self, [x, y]: [f32; 2]) -> (f32, f32) {
        (self.dx + x * self.scale, self.dy + y * self.scale)
    }

    pub fn screen(&self, i: usize) -> Option<(f32, f32)> {
        let (x, y) = (*self.at.get(i)?)?;
        Some((self.dx + x * self.scale, self.dy + y * self.scale))
    }
}

/// The horizontal and vertical span of everything at `scale`, offsets left out.
fn spans(extents: &[Extent], s: f32) -> ([f32; 2], [f32; 2]) {
    let (mut x0, mut x1, mut y0, mut y1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for e in extents {
        x0 = x0.min(e.x * s - e.radius * s - e.left);
        x1 = x1.max(e.x * s + e.radius * s + e.right);
        y0 = y0.min(e.y * s - e.radius * s - e.up);
        y1 = y1.max(e.y * s + e.radius * s + e.down);
    }
    if extents.is_empty() {
        return ([0.0, 0.0], [0.0, 0.0]);
    }
    ([x0, x1], [y0, y1])
}

/// The largest scale up to 4 at which the spans fit `area`. How far they overrun is convex in
/// the scale (a maximum of linear functions), so the scales that fit are an interval: find a
/// point of least overrun, then the far end of the interval by bisection. Only +, −, ×, ÷, so
/// the app (wasm) and the CLI agree to the bit.
fn best_scale(extents: &[Extent], area: [f32; 4]) -> f32 {
    const MAX_SCALE: f32 = 4.0;
    let (aw, ah) = (area[2] - area[0], area[3] - area[1]);
    let overrun = |s: f32| {
        let ([x0, x1], [y0, y1]) = spans(extents, s);
        (x1 - x0 - aw).max(y1 - y0 - ah)
    };
    if overrun(MAX_SCALE) <= 0.0 {
        return MAX_SCALE;
    }
    let (mut lo, mut hi) = (0.0f32, MAX_SCALE);
    for _ in 0..60 {
        let (m1, m2) = (lo + (hi - lo) / 3.0, hi - (hi - lo) / 3.0);
        if overrun(m1) <= overrun(m2) {
            hi = m2;
        } else {
            lo = m1;
        }
    }
    let least = (lo + hi) / 2.0;
    if overrun(least) > 0.0 {
        return least;
    }
    let (mut fits, mut overruns) = (least, MAX_SCALE);
    for _ in 0..40 {
        let mid = (fits + overruns) / 2.0;
        if overrun(mid) <= 0.0 {
            fits = mid;
        } else {
            overruns = mid;
        }
    }
    fits
}
