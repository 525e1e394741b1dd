//! Which annotation the investigator's selection makes: a text box at the selected address; an
//! arrow from the one address picked (shift-click or M) to the selected one; a frame around the
//! selected and the picked addresses. Otherwise, what is missing, in words. The annotation's own
//! rules (no arrow to itself, an empty frame) are the core's (`view::Annotation::new`).

use hopscope_core::view::Shape;
use hopscope_core::NodeId;

use super::Stage;

/// Where a new text box sits from its address (layout units): up and to the right.
pub const TEXT_OFFSET: [i32; 2] = [24, -48];

/// The kinds of annotation the panel offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnnotationKind {
    Text,
    Arrow,
    Frame,
}

impl Stage {
    /// The shape of a `kind` annotation over the selection and the picked addresses, or why
    /// there is none.
    pub fn annotation_shape(&self, kind: AnnotationKind) -> Result<Shape, &'static str> {
        let selected = self
            .selected()
            .and_then(|i| self.scene.nodes.get(i))
            .map(|n| n.id);
        let picked: Vec<NodeId> = self
            .marked
            .iter()
            .copied()
            .filter(|&id| Some(id) != selected)
            .collect();
        match (kind, selected) {
            (AnnotationKind::Text, Some(at)) => Ok(Shape::Text {
                at,
                offset: TEXT_OFFSET,
            }),
            (AnnotationKind::Arrow, Some(to)) => match picked.as_slice() {
                [from] => Ok(Shape::Arrow { from: *from, to }),
                _ => Err("An arrow goes from one picked address (shift-click or M) to the selected one: pick exactly one, then click where it points."),
            },
            (AnnotationKind::Frame, first) => {
                let mut around: Vec<NodeId> = first.into_iter().chain(picked).collect();
                around.sort();
                around.dedup();
                if around.is_empty() {
                    Err("Select an address, or shift-click several, to frame them.")
                } else {
                    Ok(Shape::Frame { around })
                }
            }
            (_, None) => Err("Select an address on the canvas first."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stage::view::tests::{demo, expand};

    #[test]
    fn the_selection_and_the_picked_address_make_the_annotation() {
        let mut stage = demo();
        expand(&mut stage, 1);
        assert!(
            stage.annotation_shape(AnnotationKind::Text).is_err(),
            "nothing selected"
        );
        assert!(stage.annotation_shape(AnnotationKind::Frame).is_err());
        let (a, b) = (stage.scene.nodes[0].id, stage.scene.nodes[1].id);
        stage.select(Some(0));
        assert_eq!(
            stage.annotation_shape(AnnotationKind::Text),
            Ok(Shape::Text {
                at: a,
                offset: TEXT_OFFSET
            })
        );
        assert!(
            stage.annotation_shape(AnnotationKind::Arrow).is_err(),
            "nothing picked"
        );
        // Pick the first, then select the second: the arrow points from the first to it.
        stage.toggle_marked(a);
        stage.select(Some(1));
        assert_eq!(
            stage.annotation_shape(AnnotationKind::Arrow),
            Ok(Shape::Arrow { from: a, to: b })
        );
        let mut both = vec![a, b];
        both.sort();
        assert_eq!(
            stage.annotation_shape(AnnotationKind::Frame),
            Ok(Shape::Frame { around: both })
        );
    }
}
