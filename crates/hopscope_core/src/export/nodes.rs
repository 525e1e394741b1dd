//! The nodes of an exported picture: each a circle in its category's colour with the marks the
//! canvas draws around and over it — chain ring, pool rim, group rim, the traced share as a
//! disc, the note's ring, the seed's ring — grouped with its tooltip (name, full address, what
//! the trace says reached it, its note); then, over all of them, the labels on a halo, each cut
//! again where the page is too narrow for it.

use std::fmt::Write;

use super::legend::approximate;
use super::marks::Marks;
use super::page::{Fit, Label, CHAIN_RING, LABEL_FONT, NOTE_RING, POOL_RIM, SEED_RING};
use super::svg::{escape_line, r, Colours, MARGIN};
use super::text::{self, text_width, unit};
use crate::emphasis::{thin_labels, LabelBox};
use crate::style::Scene;
use crate::Case;

/// The nodes, each a `<g>` with its tooltip, circle and rings.
pub(super) fn nodes(
    s: &mut String,
    case: &Case,
    scene: &Scene,
    marks: &Marks,
    fit: &Fit,
    c: &Colours,
) {
    let _ = writeln!(s, "<g class=\"nodes\">");
    for (i, n) in scene.nodes.iter().enumerate() {
        let Some((x, y)) = fit.screen(i) else {
            continue;
        };
        let radius = (n.radius * fit.scale).max(2.0);
        let ring = |s: &mut String, gap: f32, colour: &str, width: f32, dash: &str| {
            let _ = write!(
                s,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{dash}/>",
                r(x), r(y), r(radius + gap), colour, r(width)
            );
        };
        let _ = write!(s, "<g><title>{}</title>", tooltip(case, scene, marks, i));
        if let Some(colour) = n.chain_colour {
            ring(s, CHAIN_RING, colour, 3.0, "");
        }
        if n.pool {
            ring(s, POOL_RIM, "#cc79a7", 1.5, " stroke-dasharray=\"3 3\"");
        }
        let _ = write!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>",
            r(x),
            r(y),
            r(radius),
            n.colour,
            c.bg
        );
        if n.group.is_some() {
            let _ = write!(
                s,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1\"/>",
                r(x),
                r(y),
                r(radius * 0.7),
                c.bg
            );
        }
        let share = marks
            .trace
            .as_ref()
            .and_then(|t| t.fill.get(i).copied())
            .unwrap_or(0.0);
        if share > 0.0 {
            // Area in proportion to the stolen amount that reached it, as on the canvas.
            let _ = write!(
                s,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"/>",
                r(x),
                r(y),
                r((radius * share.sqrt()).max(1.5)),
                c.traced
            );
        }
        if marks.node_note(i).is_some() {
            let colour = n.note_colour.as_deref().unwrap_or(c.muted);
            ring(s, NOTE_RING, &escape_line(colour), 3.0, "");
        }
        if n.is_seed {
            ring(s, SEED_RING, c.seed, 2.5, "");
        }
        s.push_str("</g>\n");
    }
    let _ = writeln!(s, "</g>");
}

/// The labels, over every circle, on a halo of the background so that neither a neighbour nor
/// an edge passing under them crosses them out. Where labels would overlap, the more telling
/// one is kept — a seed's, the path's ends', a noted one's, one on the path, then the larger
/// node's — as the
/// canvas thins its labels (`emphasis::thin_labels`); every address keeps its tooltip.
#[allow(clippy::too_many_arguments)]
pub(super) fn labels(
    s: &mut String,
    scene: &Scene,
    marks: &Marks,
    labels: &[Label],
    fit: &Fit,
    c: &Colours,
    w: f32,
    h: f32,
) {
    // Where each label goes, cut again should the page be too narrow where the node fell.
    let placed: Vec<Option<(f32, f32, String)>> = scene
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let (x, y) = fit.screen(i)?;
            let label = &labels[i];
            let lx = x + (n.radius * fit.scale).max(2.0) + label.gap();
            let text = if lx + label.width > w - MARGIN {
                text::fit(&label.text, LABEL_FONT, label.bold, w - MARGIN - lx)
            } else {
                label.text.clone()
            };
            (!text.is_empty()).then_some((lx, y + 4.0, text))
        })
        .collect();
    let rank = |i: usize| -> u8 {
        if scene.nodes[i].is_seed {
            0
        } else if marks.path_from == Some(i) || marks.path_to == Some(i) {
            1
        } else if marks.node_note(i).is_some() {
            2
        } else if marks.on_path_node(i) {
            3
        } else {
            4
        }
    };
    let mut order: Vec<usize> = (0..placed.len()).filter(|&i| placed[i].is_some()).collect();
    order.sort_by(|&a, &b| {
        rank(a)
            .cmp(&rank(b))
            .then(scene.nodes[b].radius.total_cmp(&scene.nodes[a].radius))
            .then(a.cmp(&b))
    });
    let boxes: Vec<LabelBox> = order
        .iter()
        .filter_map(|&i| {
            let (x, baseline, text) = placed[i].as_ref()?;
            let width = text_width(text, LABEL_FONT, labels[i].bold);
            Some([*x, baseline - 11.5, width, 14.5])
        })
        .collect();
    let mut shown = vec![false; placed.len()];
    for (&i, keep) in order.iter().zip(thin_labels(&boxes, [w, h], usize::MAX)) {
        shown[i] = keep;
    }
    let _ = writeln!(
        s,
        "<g class=\"labels\" font-size=\"11\" fill=\"{}\" stroke=\"{}\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">",
        c.fg, c.bg
    );
    for (i, place) in placed.iter().enumerate() {
        let (Some((x, baseline, text)), true) = (place, shown[i]) else {
            continue;
        };
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\"{}>{}</text>",
            r(*x),
            r(*baseline),
            if labels[i].bold {
                " font-weight=\"600\""
            } else {
                ""
            },
            escape_line(text)
        );
    }
    let _ = writeln!(s, "</g>");
}

/// A node's tooltip, escaped: its name and full address, what the trace says reached it, its
/// note.
fn tooltip(case: &Case, scene: &Scene, marks: &Marks, i: usize) -> String {
    let n = &scene.nodes[i];
    let address = case
        .graph
        .node(n.id)
        .map(|node| node.address.as_str().to_owned())
        .unwrap_or_default();
    let mut parts = vec![match &n.label {
        Some(l) => format!("{l} — {address}"),
        None => address,
    }];
    if let Some(t) = &marks.trace {
        let unit = unit(&t.asset);
        if n.is_seed {
            parts.push(format!(
                "Seed: all it sent counts as stolen (trace of {unit})"
            ));
        } else if let Some(&v) = t.received.get(i).filter(|&&v| v > 0.0) {
            parts.push(format!(
                "Traced: {} of the stolen funds reached it",
                approximate(v, &unit)
            ));
        }
    }
    if let Some(note) = marks.node_note(i) {
        parts.push(format!("Note: {note}"));
    }
    parts
        .iter()
        .map(|p| escape_line(p))
        .collect::<Vec<_>>()
        .join("&#10;")
}
