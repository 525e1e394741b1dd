//! Where the view's annotations are drawn, in layout (world) coordinates, for every renderer:
//! the canvas overlay turns them into screen points, the SVG writer into page points, so the
//! app and the export place them alike. A text box sits at its offset from its address's node
//! with its text wrapped (`wrap`); an arrow runs between the rims of its two nodes; a frame
//! goes around its addresses' circles with a margin. Anchors not drawn (hidden, filtered
//! out) leave their annotation out; a frame keeps the members still drawn. `anchored` ties
//! them to scene nodes (what `export::Marks` carries), `Anchored::place` puts them at positions.

use crate::style::Scene;
use crate::view::{Shape, View};

/// Characters per line of a text box, lines at most, and the margin of a frame (world units).
pub const LINE_CHARS: usize = 36;
pub const MAX_LINES: usize = 6;
pub const FRAME_MARGIN: f32 = 14.0;

/// Where an annotation is drawn at given positions (`Anchored::place`).
#[derive(Clone, Debug, PartialEq)]
pub enum PlacedShape {
    /// A box whose top-left corner is `at`, tied by a thin line to `anchor`.
    Text { anchor: [f32; 2], at: [f32; 2] },
    /// From rim to rim; the text sits at the middle.
    Arrow { from: [f32; 2], to: [f32; 2] },
    /// A rectangle; the text sits above its top-left corner.
    Frame { min: [f32; 2], max: [f32; 2] },
}

/// `text` in lines of at most `LINE_CHARS` characters, broken at spaces where it can be, at
/// most `MAX_LINES` (the last cut with `…`); line breaks in the text are kept.
pub fn wrap(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let mut word: Vec<char> = word.chars().collect();
            loop {
                let used = line.chars().count();
                let gap = usize::from(used > 0);
                if used + gap + word.len() <= LINE_CHARS {
                    if gap == 1 {
                        line.push(' ');
                    }
                    line.extend(word.iter());
                    break;
                }
                if used > 0 {
                    lines.push(std::mem::take(&mut line));
                    continue;
                }
                // A word longer than a line: cut it.
                let rest = word.split_off(LINE_CHARS);
                lines.push(word.iter().collect());
                word = rest;
                if word.is_empty() {
                    break;
                }
            }
        }
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        if let Some(last) = lines.last_mut() {
            let mut cut: String = last.chars().take(LINE_CHARS - 1).collect();
            cut.push('…');
            *last = cut;
        }
    }
    lines
}

/// An annotation tied to scene nodes: what `Marks` carries, placed at any positions later.
#[derive(Clone, Debug, PartialEq)]
pub struct Anchored {
    /// Its index in `View::annotations`.
    pub index: usize,
    pub shape: AnchoredShape,
    pub lines: Vec<String>,
    pub colour: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AnchoredShape {
    Text { node: usize, offset: [i32; 2] },
    Arrow { from: usize, to: usize },
    Frame { nodes: Vec<usize> },
}

/// The view's annotations tied to the scene nodes that show their addresses (a group's node
/// for a grouped member); those with an anchor not drawn are left out, a frame keeps the
/// members drawn.
pub fn anchored(view: &View, scene: &Scene) -> Vec<Anchored> {
    if view.annotations().is_empty() {
        return Vec::new();
    }
    let node_of = |id| {
        scene.nodes.iter().position(|n| n.id == id).or_else(|| {
            if !view.is_visible(id) {
                return None;
            }
            let g = view.groups().iter().position(|g| g.members.contains(&id))?;
            scene.nodes.iter().position(|n| n.group == Some(g))
        })
    };
    let mut out = Vec::new();
    for (index, a) in view.annotations().iter().enumerate() {
        let shape = match &a.shape {
            Shape::Text { at, offset } => node_of(*at).map(|node| AnchoredShape::Text {
                node,
                offset: *offset,
            }),
            Shape::Arrow { from, to } => match (node_of(*from), node_of(*to)) {
                (Some(a), Some(b)) if a != b => Some(AnchoredShape::Arrow { from: a, to: b }),
                _ => None,
            },
            Shape::Frame { around } => {
                let mut nodes: Vec<usize> = around.iter().filter_map(|&id| node_of(id)).collect();
                nodes.sort_unstable();
                nodes.dedup();
                (!nodes.is_empty()).then_some(AnchoredShape::Frame { nodes })
            }
        };
        if let Some(shape) = shape {
            out.push(Anchored {
                index,
                shape,
                lines: wrap(&a.text),
                colour: a.colour.clone(),
            });
        }
    }
    out
}

impl Anchored {
    /// Where it is drawn with the scene's nodes at `positions` (two floats per node); `None`
    /// where a node has no place yet, or an arrow's ends overlap.
    pub fn place(&self, scene: &Scene, positions: &[f32]) -> Option<PlacedShape> {
        let at = |i: usize| -> Option<([f32; 2], f32)> {
            let (x, y) = (*positions.get(2 * i)?, *positions.get(2 * i + 1)?);
            let r = scene.nodes.get(i)?.radius;
            (x.is_finite() && y.is_finite()).then_some(([x, y], r))
        };
        match &self.shape {
            AnchoredShape::Text { node, offset } => at(*node).map(|(p, _)| PlacedShape::Text {
                anchor: p,
                at: [p[0] + offset[0] as f32, p[1] + offset[1] as f32],
            }),
            AnchoredShape::Arrow { from, to } => {
                let ((a, ra), (b, rb)) = (at(*from)?, at(*to)?);
                let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
                let len = (dx * dx + dy * dy).sqrt();
                (len > ra + rb + 2.0).then(|| {
                    let (ux, uy) = (dx / len, dy / len);
                    PlacedShape::Arrow {
                        from: [a[0] + ux * ra, a[1] + uy * ra],
                        to: [b[0] - ux * (rb + 2.0), b[1] - uy * (rb + 2.0)],
                    }
                })
            }
            AnchoredShape::Frame { nodes } => {
                let mut min = [f32::INFINITY; 2];
                let mut max = [f32::NEG_INFINITY; 2];
                for (p, r) in nodes.iter().filter_map(|&i| at(i)) {
                    for k in 0..2 {
                        min[k] = min[k].min(p[k] - r - FRAME_MARGIN);
                        max[k] = max[k].max(p[k] + r + FRAME_MARGIN);
                    }
                }
                min[0]
                    .is_finite()
                    .then_some(PlacedShape::Frame { min, max })
            }
        }
    }
}

/// Where the line tying a text box to its address meets the box: the corner nearest the
/// address (in drawing units, the box at `at` of `size`).
pub fn tie_end(anchor: [f32; 2], at: [f32; 2], size: [f32; 2]) -> [f32; 2] {
    [
        if anchor[0] < at[0] {
            at[0]
        } else {
            at[0] + size[0]
        },
        if anchor[1] < at[1] {
            at[1]
        } else {
            at[1] + size[1]
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn text_wraps_at_spaces_cuts_long_words_and_stops_at_six_lines() {
        assert_eq!(wrap("  "), Vec::<String>::new());
        assert_eq!(
            wrap("cash-out to the exchange"),
            ["cash-out to the exchange"]
        );
        let long = "word ".repeat(20);
        let lines = wrap(&long);
        assert!(lines.iter().all(|l| l.chars().count() <= 36), "{lines:?}");
        assert_eq!(lines.join(" ").split(' ').count(), 20);
        let hash = "0x".to_owned() + &"ab".repeat(40);
        let lines = wrap(&hash);
        assert_eq!(lines.concat(), hash);
        assert_eq!(wrap("a\nb"), ["a", "b"]);
        let many = wrap(&"x\n".repeat(10));
        assert_eq!(many.len(), 6);
        assert_eq!(many[5], "x…");
    }
}
