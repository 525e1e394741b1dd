//! The nodes of an exported picture: each a circle in its category's colour with the marks the
//! canvas draws around and over it — chain ring, pool rim, group rim, the traced share as a
//! disc, the note's ring, the seed's ring — grouped with its tooltip (name, full address, what
//! the trace says reached it, its note); then, over all of them, the labels on a halo, each cut
//! again where the page is too narrow for it.

use std::fmt::Write;

use super::legend::approximate;
use super::marks::Marks;
use super::page::{Fit, Label, CHAIN_RING, LABEL_FONT, NOTE_RING, POOL_RIM, SEED_RING};
use super::svg::{escape, r, Colours, MARGIN};
use super::text::{self, unit};
use crate::style::Scene;
use crate::Case;

#[allow(clippy::too_many_arguments)]
pub(super) fn nodes(
    s: &mut String,
    case: &Case,
    scene: &Scene,
    marks: &Marks,
    labels: &[Label],
    fit: &Fit,
    c: &Colours,
    w: f32,
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
            ring(s, NOTE_RING, &escape(colour), 3.0, "");
        }
        if n.is_seed {
            ring(s, SEED_RING, c.seed, 2.5, "");
        }
        s.push_str("</g>\n");
    }
    let _ = writeln!(s, "</g>");
    // Labels over every circle, on a halo of the background, so that neither a neighbour nor
    // an edge passing under them crosses them out.
    let _ = writeln!(
        s,
        "<g class=\"labels\" font-size=\"11\" fill=\"{}\" stroke=\"{}\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">",
        c.fg, c.bg
    );
    for (i, n) in scene.nodes.iter().enumerate() {
        let Some((x, y)) = fit.screen(i) else {
            continue;
        };
        let label = &labels[i];
        let lx = x + (n.radius * fit.scale).max(2.0) + label.gap();
        // Cut again should the page be too narrow for the label where the node fell.
        let text = if lx + label.width > w - MARGIN {
            text::fit(&label.text, LABEL_FONT, label.bold, w - MARGIN - lx)
        } else {
            label.text.clone()
        };
        if !text.is_empty() {
            let _ = writeln!(
                s,
                "<text x=\"{}\" y=\"{}\"{}>{}</text>",
                r(lx),
                r(y + 4.0),
                if label.bold {
                    " font-weight=\"600\""
                } else {
                    ""
                },
                escape(&text)
            );
        }
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
        .map(|p| escape(p))
        .collect::<Vec<_>>()
        .join("&#10;")
}
