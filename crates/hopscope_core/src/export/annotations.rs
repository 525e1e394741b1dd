//! The investigator's annotations in the SVG (`annotate`'s placement, turned into page
//! points by the picture's `Fit`): text boxes with a thin tie to their address, arrows with
//! their text at the middle, frames with their title above. Drawn last, over everything, in
//! the annotation's colour (else the default); every text escaped, each line cut to fit.

use std::fmt::Write;

use super::page::Fit;
use super::svg::{escape_line, r, Colours};
use super::text::text_width;
use crate::annotate::{tie_end, Anchored, PlacedShape};
use crate::style::Scene;

/// Colour of an annotation that names none.
pub const DEFAULT_COLOUR: &str = "#6b3fb8";
/// Text size and line height of annotations (page pixels), and a box's padding.
pub(super) const FONT: f32 = 11.0;
pub(super) const LINE: f32 = 14.0;
pub(super) const PAD: f32 = 5.0;

/// The size of a text box holding `lines`, in page pixels.
pub(super) fn box_size(lines: &[String]) -> (f32, f32) {
    let widest = lines
        .iter()
        .map(|l| text_width(l, FONT, false))
        .fold(0.0, f32::max);
    (
        widest + 2.0 * PAD,
        lines.len().max(1) as f32 * LINE + 2.0 * PAD - 3.0,
    )
}

/// Writes the annotations; `page` is the drawable area (x0, y0, x1, y1) a box is kept inside.
pub(super) fn write(
    s: &mut String,
    scene: &Scene,
    positions: &[f32],
    annotations: &[Anchored],
    fit: &Fit,
    c: &Colours,
    page: [f32; 4],
) {
    if annotations.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "<g class=\"annotations\" font-size=\"{}\" fill=\"none\">",
        r(FONT)
    );
    let mut heads: Vec<&str> = Vec::new();
    for a in annotations {
        let colour = a.colour.as_deref().unwrap_or(DEFAULT_COLOUR);
        let Some(shape) = a.place(scene, positions) else {
            continue;
        };
        match shape {
            PlacedShape::Text { anchor, at } => {
                let (ax, ay) = fit.world(anchor);
                let (bw, bh) = box_size(&a.lines);
                let (mut x, mut y) = fit.world(at);
                x = x.min(page[2] - bw).max(page[0]);
                y = y.min(page[3] - bh).max(page[1]);
                // The tie: from the address to the box's nearest corner.
                let [cx, cy] = tie_end([ax, ay], [x, y], [bw, bh]);
                let _ = writeln!(
                    s,
                    "<g class=\"text-box\"><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" stroke-dasharray=\"3 2\"/><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{}\" fill-opacity=\"0.92\" stroke=\"{colour}\" stroke-width=\"1.5\"/>{}</g>",
                    r(ax), r(ay), r(cx), r(cy),
                    r(x), r(y), r(bw), r(bh), c.bg,
                    lines(&a.lines, x + PAD, y + PAD + FONT - 1.0, &left(c.fg))
                );
            }
            PlacedShape::Arrow { from, to } => {
                let (x1, y1) = fit.world(from);
                let (x2, y2) = fit.world(to);
                if !heads.contains(&colour) {
                    heads.push(colour);
                }
                let marker = heads.iter().position(|h| *h == colour).unwrap_or(0);
                let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
                let _ = writeln!(
                    s,
                    "<g class=\"arrow\"><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"2.5\" marker-end=\"url(#note-head-{marker})\"/>{}</g>",
                    r(x1), r(y1), r(x2), r(y2),
                    lines(
                        &a.lines,
                        mx,
                        my - a.lines.len() as f32 * LINE / 2.0 + FONT - 2.0,
                        &format!("text-anchor=\"middle\" fill=\"{colour}\" stroke=\"{}\" stroke-width=\"3\" paint-order=\"stroke\" font-weight=\"600\"", c.bg)
                    )
                );
            }
            PlacedShape::Frame { min, max } => {
                let (x0, y0) = fit.world(min);
                let (x1, y1) = fit.world(max);
                let _ = writeln!(
                    s,
                    "<g class=\"frame\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"7 4\"/>{}</g>",
                    r(x0), r(y0), r((x1 - x0).max(1.0)), r((y1 - y0).max(1.0)),
                    lines(
                        &a.lines,
                        x0 + 2.0,
                        (y0 - 4.0 - (a.lines.len().max(1) - 1) as f32 * LINE).max(page[1] + FONT),
                        &left(colour)
                    )
                );
            }
        }
    }
    if !heads.is_empty() {
        s.push_str("<defs>");
        for (k, colour) in heads.iter().enumerate() {
            let _ = write!(
                s,
                "<marker id=\"note-head-{k}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"14\" markerHeight=\"14\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{colour}\"/></marker>"
            );
        }
        s.push_str("</defs>\n");
    }
    s.push_str("</g>\n");
}

/// Lines of text from (x, y) down, each `<text>` with the attributes `style`.
fn lines(list: &[String], x: f32, y: f32, style: &str) -> String {
    let mut out = String::new();
    for (k, line) in list.iter().enumerate() {
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" {style}>{}</text>",
            r(x),
            r(y + k as f32 * LINE),
            escape_line(line)
        );
    }
    out
}

/// Left-aligned text in `fill`.
fn left(fill: &str) -> String {
    format!("fill=\"{fill}\" stroke=\"none\"")
}
