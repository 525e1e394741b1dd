//! Annotations the investigator draws on the picture for a report: a text box beside an
//! address, an arrow from one address to another, a frame around several, each with text and
//! an optional colour. Anchored to addresses, so they follow the layout; part of the view, so
//! they undo and are saved. The text is untrusted when it comes from a case file: renderers
//! show it as text only.

use std::sync::Arc;

use super::notes::{parse_colour, MAX_NOTE_CHARS};
use super::View;
use crate::model::NodeId;

/// Annotations kept at most per view.
pub const MAX_ANNOTATIONS: usize = 500;
/// Addresses a frame goes around at most.
pub const MAX_FRAMED: usize = 1000;
/// How far a text box may sit from its address, in layout units.
pub const MAX_OFFSET: i32 = 100_000;

/// What an annotation is and what it is anchored to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A text box beside an address: its top-left corner `offset` layout units from it.
    Text { at: NodeId, offset: [i32; 2] },
    /// An arrow from one address to another.
    Arrow { from: NodeId, to: NodeId },
    /// A frame around addresses (in address order, no repeats).
    Frame { around: Vec<NodeId> },
}

impl Shape {
    /// The addresses it is anchored to.
    pub fn anchors(&self) -> Vec<NodeId> {
        match self {
            Shape::Text { at, .. } => vec![*at],
            Shape::Arrow { from, to } => vec![*from, *to],
            Shape::Frame { around } => around.clone(),
        }
    }

    /// `text`, `arrow` or `frame`, as the case file names it.
    pub fn kind(&self) -> &'static str {
        match self {
            Shape::Text { .. } => "text",
            Shape::Arrow { .. } => "arrow",
            Shape::Frame { .. } => "frame",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    pub shape: Shape,
    pub text: String,
    /// `#rrggbb`, lower case.
    pub colour: Option<String>,
}

impl Annotation {
    /// An annotation as the investigator made it: the text trimmed and cut to the note's
    /// length, the colour checked, a frame's addresses sorted and unique, an offset in range.
    /// `None` for one that anchors nowhere (an arrow to itself, an empty frame).
    pub fn new(shape: Shape, text: &str, colour: Option<&str>) -> Option<Annotation> {
        let shape = match shape {
            Shape::Arrow { from, to } if from == to => return None,
            Shape::Frame { mut around } => {
                around.sort();
                around.dedup();
                around.truncate(MAX_FRAMED);
                if around.is_empty() {
                    return None;
                }
                Shape::Frame { around }
            }
            Shape::Text { at, offset } => Shape::Text {
                at,
                offset: offset.map(|v| v.clamp(-MAX_OFFSET, MAX_OFFSET)),
            },
            other => other,
        };
        Some(Annotation {
            shape,
            text: text.trim().chars().take(MAX_NOTE_CHARS).collect(),
            colour: colour.and_then(parse_colour),
        })
    }
}

impl View {
    pub fn annotations(&self) -> &[Annotation] {
        &self.annotations
    }

    /// Adds an annotation (none past `MAX_ANNOTATIONS`); its index, or `None`.
    pub fn annotate(&mut self, annotation: Annotation) -> Option<usize> {
        if self.annotations.len() >= MAX_ANNOTATIONS {
            return None;
        }
        let list = Arc::make_mut(&mut self.annotations);
        list.push(annotation);
        Some(list.len() - 1)
    }

    /// Changes annotation `i`'s text and colour.
    pub fn edit_annotation(&mut self, i: usize, text: &str, colour: Option<&str>) {
        if i < self.annotations.len() {
            let a = &mut Arc::make_mut(&mut self.annotations)[i];
            a.text = text.trim().chars().take(MAX_NOTE_CHARS).collect();
            a.colour = colour.and_then(parse_colour);
        }
    }

    /// Moves text box `i` to `offset` from its address.
    pub fn move_annotation(&mut self, i: usize, offset: [i32; 2]) {
        if let Some(Shape::Text { offset: o, .. }) = self.annotations.get(i).map(|a| &a.shape) {
            if *o != offset {
                if let Shape::Text { offset: o, .. } =
                    &mut Arc::make_mut(&mut self.annotations)[i].shape
                {
                    *o = offset.map(|v| v.clamp(-MAX_OFFSET, MAX_OFFSET));
                }
            }
        }
    }

    pub fn remove_annotation(&mut self, i: usize) {
        if i < self.annotations.len() {
            Arc::make_mut(&mut self.annotations).remove(i);
        }
    }

    /// Drops annotations anchored to an address `known` says the case lacks (a frame keeps
    /// its known members while it has any).
    pub(super) fn keep_known_annotations(&mut self, known: impl Fn(&NodeId) -> bool) {
        let stale = |a: &Annotation| a.shape.anchors().iter().any(|id| !known(id));
        if !self.annotations.iter().any(stale) {
            return;
        }
        let list = Arc::make_mut(&mut self.annotations);
        list.retain_mut(|a| {
            if let Shape::Frame { around } = &mut a.shape {
                around.retain(|id| known(id));
                return !around.is_empty();
            }
            a.shape.anchors().iter().all(&known)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_are_checked_as_they_are_made() {
        let id = |i: u32| NodeId(petgraph::graph::NodeIndex::new(i as usize));
        let (a, b) = (id(1), id(2));
        assert_eq!(
            Annotation::new(Shape::Arrow { from: a, to: a }, "x", None),
            None
        );
        assert_eq!(
            Annotation::new(Shape::Frame { around: vec![] }, "x", None),
            None
        );
        let f = Annotation::new(
            Shape::Frame {
                around: vec![b, a, b],
            },
            "  cash-out  ",
            Some("#AABBCC"),
        )
        .expect("a frame");
        assert_eq!(f.shape, Shape::Frame { around: vec![a, b] });
        assert_eq!(
            (f.text.as_str(), f.colour.as_deref()),
            ("cash-out", Some("#aabbcc"))
        );
        let t = Annotation::new(
            Shape::Text {
                at: a,
                offset: [i32::MAX, -5],
            },
            "t",
            Some("red"),
        )
        .expect("a text box");
        assert_eq!(
            t.shape,
            Shape::Text {
                at: a,
                offset: [MAX_OFFSET, -5]
            }
        );
        assert_eq!(t.colour, None);
    }
}
