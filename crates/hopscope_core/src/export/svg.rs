//! The scene as a standalone SVG for reports: the picture fitted to the page, edges with
//! arrowheads and widths by value, inferred links dashed with their confidence, nodes in their
//! category colours with a tooltip (`<title>`: label, full address, traced amount, note) and a
//! label (an unlabelled address by its short form), and the investigation drawn as the app
//! draws it (`Marks`): the traced share as a disc of the trace's colour, seeds ringed, notes
//! ringed in their colour and numbered, the highlighted path in orange; mixer pools with a
//! dashed rim, groups with a second rim, chains ringed when the view spans several. Then the
//! title and the legend (`legend.rs`). The scale is chosen so that circles, rings and labels
//! (by a conservative width estimate, `text.rs`) stay inside the page, and every text is cut
//! to fit, so nothing is drawn past its right edge. Every text from the case is escaped;
//! numbers are rounded to 0.1, so the output is the same on every platform. Deterministic: no
//! clock — the timestamp is the last transfer's.

use std::fmt::Write;

use super::legend::Legend;
use super::marks::Marks;
use super::nodes::{labels as node_labels, nodes};
use super::page::{node_name, numbered_notes, Fit, Label, Notes};
use super::text::fit;
use crate::format::xml::escape;
use crate::style::{link_colour, Scene};
use crate::Case;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SvgOptions {
    pub width: u32,
    pub height: u32,
    pub theme: Theme,
    /// Fill the page with the theme's background (else transparent, for a PNG on a slide).
    pub background: bool,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            width: 1200,
            height: 800,
            theme: Theme::Light,
            background: true,
        }
    }
}

/// Text from the case as the picture writes it: on one line (a tab or line break becomes a
/// space), without direction controls, and escaped by the core's one escaper,
/// `format::xml::escape`.
pub(super) fn escape_line(text: &str) -> String {
    let text = super::text::without_bidi_controls(text);
    if text.contains(['\t', '\n', '\r']) {
        escape(&text.replace(['\t', '\n', '\r'], " ")).into_owned()
    } else {
        escape(&text).into_owned()
    }
}

/// A coordinate rounded to 0.1.
pub(super) fn r(v: f32) -> String {
    let v = (v * 10.0).round() / 10.0;
    if v == 0.0 {
        "0".to_owned()
    } else {
        format!("{v}")
    }
}

/// The colours of a theme (the canvas's, for the marks).
pub(super) struct Colours {
    pub bg: &'static str,
    pub fg: &'static str,
    pub edge: &'static str,
    pub muted: &'static str,
    pub seed: &'static str,
    pub traced: &'static str,
    pub path: &'static str,
}

impl Colours {
    fn of(theme: Theme) -> Colours {
        match theme {
            Theme::Light => Colours {
                bg: "#ffffff",
                fg: "#202020",
                edge: "#5a5a64",
                muted: "#666666",
                seed: "#1b1b1b",
                traced: "#c0111f",
                path: "#ff6a00",
            },
            Theme::Dark => Colours {
                bg: "#16181d",
                fg: "#e8e8e8",
                edge: "#a0a4ae",
                muted: "#9aa0aa",
                seed: "#f2f2f2",
                traced: "#ff4d5a",
                path: "#ff8a33",
            },
        }
    }
}

pub(super) const HEADER: f32 = 44.0;
pub(super) const MARGIN: f32 = 24.0;
const TITLE_FONT: f32 = 18.0;

/// `scene` drawn at `positions` (x, y per node, as the layout gives them), with the
/// investigation's `marks` over it.
pub fn svg(
    case: &Case,
    scene: &Scene,
    positions: &[f32],
    marks: &Marks,
    options: &SvgOptions,
) -> String {
    let (w, h) = (
        options.width.max(200) as f32,
        options.height.max(200) as f32,
    );
    let c = Colours::of(options.theme);
    let notes = numbered_notes(case, scene, marks);
    let legend = Legend::new(case, scene, marks, &notes.list, w, h * 0.45);
    let footer = legend.height();
    let labels: Vec<Label> = (0..scene.nodes.len())
        .map(|i| Label::of(case, scene, marks, &notes, i, w))
        .collect();
    let fit = Fit::of(scene, positions, marks, &labels, w, h, footer);

    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" font-family=\"system-ui, sans-serif\">",
        r(w), r(h), r(w), r(h)
    );
    let _ = writeln!(s, "<title>{}</title>", escape_line(&case.title));
    let _ = writeln!(
        s,
        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"12\" markerHeight=\"12\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{}\"/></marker>{}</defs>",
        c.edge,
        if marks.path_hops > 0 {
            format!("<marker id=\"arrow-path\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"14\" markerHeight=\"14\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{}\"/></marker>", c.path)
        } else {
            String::new()
        }
    );
    if options.background {
        let _ = writeln!(
            s,
            "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
            c.bg
        );
    }
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"28\" font-size=\"18\" font-weight=\"600\" fill=\"{}\">{}</text>",
        r(MARGIN),
        c.fg,
        escape_line(&fit_title(&case.title, w))
    );
    edges(&mut s, case, scene, marks, &notes, &fit, &c);
    links(&mut s, scene, &fit);
    path_edges(&mut s, case, scene, marks, &notes, &fit, &c);
    nodes(&mut s, case, scene, marks, &fit, &c);
    node_labels(&mut s, scene, marks, &labels, &fit, &c, w, h);
    flow_numbers(&mut s, scene, &notes, &fit, &c);
    super::annotations::write(
        &mut s,
        scene,
        positions,
        &marks.annotations,
        &fit,
        &c,
        [MARGIN, HEADER, w - MARGIN, h - footer],
    );
    legend.write(&mut s, h - footer, &c);
    s.push_str("</svg>\n");
    s
}

fn fit_title(title: &str, w: f32) -> String {
    fit(title, TITLE_FONT, true, w - 2.0 * MARGIN)
}

fn edges(
    s: &mut String,
    case: &Case,
    scene: &Scene,
    marks: &Marks,
    notes: &Notes,
    fit: &Fit,
    c: &Colours,
) {
    let _ = writeln!(
        s,
        "<g class=\"edges\" stroke=\"{}\" stroke-opacity=\"0.6\">",
        c.edge
    );
    for (k, e) in scene.edges.iter().enumerate() {
        if marks.on_path_edge(k) {
            continue;
        }
        let Some((ax, ay, ex, ey)) = segment(scene, fit, k) else {
            continue;
        };
        let colour = e
            .note_colour
            .as_deref()
            .map(|c| format!(" stroke=\"{}\"", escape_line(c)))
            .unwrap_or_default();
        let width = (e.width * fit.scale * 0.6).clamp(0.6, 8.0);
        let _ = write!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke-width=\"{}\"{colour} marker-end=\"url(#arrow)\"",
            r(ax), r(ay), r(ex), r(ey), r(width)
        );
        end_with_note(s, case, scene, marks, notes, k);
    }
    let _ = writeln!(s, "</g>");
}

/// The highlighted path's edges in the path's colour, over the edges and the inferred links.
fn path_edges(
    s: &mut String,
    case: &Case,
    scene: &Scene,
    marks: &Marks,
    notes: &Notes,
    fit: &Fit,
    c: &Colours,
) {
    if marks.path_hops == 0 {
        return;
    }
    let _ = writeln!(
        s,
        "<g class=\"path\" stroke=\"{}\" stroke-linecap=\"round\">",
        c.path
    );
    for (k, e) in scene.edges.iter().enumerate() {
        if !marks.on_path_edge(k) {
            continue;
        }
        let Some((ax, ay, ex, ey)) = segment(scene, fit, k) else {
            continue;
        };
        let width = (e.width * fit.scale * 0.6).clamp(0.6, 8.0).max(3.0) + 1.5;
        let _ = write!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke-width=\"{}\" marker-end=\"url(#arrow-path)\"",
            r(ax), r(ay), r(ex), r(ey), r(width)
        );
        end_with_note(s, case, scene, marks, notes, k);
    }
    let _ = writeln!(s, "</g>");
}

/// Scene edge `k` on the page, from its source's centre to its target's rim.
fn segment(scene: &Scene, fit: &Fit, k: usize) -> Option<(f32, f32, f32, f32)> {
    let e = scene.edges.get(k)?;
    let ((ax, ay), (bx, by)) = (
        fit.screen(e.source as usize)?,
        fit.screen(e.target as usize)?,
    );
    // End at the target's rim.
    let rim = scene.nodes.get(e.target as usize)?.radius * fit.scale;
    let (dx, dy) = (bx - ax, by - ay);
    let len = (dx * dx + dy * dy).sqrt().max(1e-3);
    Some((ax, ay, bx - dx / len * rim, by - dy / len * rim))
}

/// Closes an edge's `<line`, with its note as tooltip when it has one.
fn end_with_note(
    s: &mut String,
    case: &Case,
    scene: &Scene,
    marks: &Marks,
    notes: &Notes,
    k: usize,
) {
    match (marks.edge_note(k), scene.edges.get(k)) {
        (Some(text), Some(e)) => {
            let number = notes.edge_number[k]
                .map(|n| format!("[{n}] "))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "><title>{}{} → {}&#10;Note: {}</title></line>",
                number,
                escape_line(&node_name(case, scene, e.source as usize)),
                escape_line(&node_name(case, scene, e.target as usize)),
                escape_line(text)
            );
        }
        _ => s.push_str("/>\n"),
    }
}

fn links(s: &mut String, scene: &Scene, fit: &Fit) {
    if scene.links.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "<g class=\"inferred\" font-size=\"10\" text-anchor=\"middle\">"
    );
    for l in &scene.links {
        let (Some((ax, ay)), Some((bx, by))) =
            (fit.screen(l.source as usize), fit.screen(l.target as usize))
        else {
            continue;
        };
        let colour = link_colour(l.kind);
        let _ = writeln!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{colour}\" stroke-width=\"{}\" stroke-dasharray=\"5 4\"/>",
            r(ax), r(ay), r(bx), r(by), if l.accepted { "2.5" } else { "1.5" }
        );
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" fill=\"{colour}\">{}</text>",
            r((ax + bx) / 2.0),
            r((ay + by) / 2.0 - 3.0),
            escape(&l.text())
        );
    }
    let _ = writeln!(s, "</g>");
}

/// The number of each noted flow, at the middle of its edge.
fn flow_numbers(s: &mut String, scene: &Scene, notes: &Notes, fit: &Fit, c: &Colours) {
    if notes.edge_number.iter().all(Option::is_none) {
        return;
    }
    let _ = writeln!(
        s,
        "<g class=\"notes\" font-size=\"10\" font-weight=\"600\" text-anchor=\"middle\" fill=\"{}\">",
        c.fg
    );
    for (k, e) in scene.edges.iter().enumerate() {
        let Some(number) = notes.edge_number[k] else {
            continue;
        };
        let (Some((ax, ay)), Some((bx, by))) =
            (fit.screen(e.source as usize), fit.screen(e.target as usize))
        else {
            continue;
        };
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" stroke=\"{}\" stroke-width=\"3\" paint-order=\"stroke\">[{number}]</text>",
            r((ax + bx) / 2.0),
            r((ay + by) / 2.0 + 4.0),
            c.bg
        );
    }
    let _ = writeln!(s, "</g>");
}
