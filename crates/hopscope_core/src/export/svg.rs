//! The scene as a standalone SVG for reports: the picture fitted to the page, edges with
//! arrowheads and widths by value, inferred links dashed with their confidence, nodes in their
//! category colours with a tooltip (`<title>`) and a label, then a title, a legend of the
//! categories shown, the scale of edge widths, the time the data runs to and the case's source
//! note. Every text from the case is escaped; numbers are rounded to 0.1 so the output is the
//! same on every platform. Deterministic: no clock — the timestamp is the last transfer's.

use std::fmt::Write;

use crate::inspect::{format_amount, format_utc};
use crate::model::Category;
use crate::style::{category_colour, link_colour, FlowScale, Scene};
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

/// Text for XML: `&`, `<`, `>`, `"` and `'` as entities (so `]]>` and markup stay text), and
/// control characters XML 1.0 forbids dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate rounded to 0.1.
fn r(v: f32) -> String {
    let v = (v * 10.0).round() / 10.0;
    if v == 0.0 {
        "0".to_owned()
    } else {
        format!("{v}")
    }
}

const HEADER: f32 = 44.0;
const FOOTER: f32 = 64.0;
const MARGIN: f32 = 24.0;

/// `scene` drawn at `positions` (x, y per node, as the layout gives them).
pub fn svg(case: &Case, scene: &Scene, positions: &[f32], options: &SvgOptions) -> String {
    let (w, h) = (
        options.width.max(200) as f32,
        options.height.max(200) as f32,
    );
    let (bg, fg, edge, muted) = match options.theme {
        Theme::Light => ("#ffffff", "#202020", "#5a5a64", "#666666"),
        Theme::Dark => ("#16181d", "#e8e8e8", "#a0a4ae", "#9aa0aa"),
    };
    let at = |i: usize| -> Option<(f32, f32)> {
        let (x, y) = (*positions.get(2 * i)?, *positions.get(2 * i + 1)?);
        (x.is_finite() && y.is_finite()).then_some((x, y))
    };
    // Fit the picture into the area between header and footer.
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for (i, n) in scene.nodes.iter().enumerate() {
        if let Some((x, y)) = at(i) {
            x0 = x0.min(x - n.radius);
            x1 = x1.max(x + n.radius);
            y0 = y0.min(y - n.radius);
            y1 = y1.max(y + n.radius);
        }
    }
    if x0 > x1 {
        (x0, y0, x1, y1) = (-1.0, -1.0, 1.0, 1.0);
    }
    let (aw, ah) = (w - 2.0 * MARGIN, h - HEADER - FOOTER - 2.0 * MARGIN);
    let scale = (aw / (x1 - x0).max(1e-3))
        .min(ah / (y1 - y0).max(1e-3))
        .min(4.0);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let screen = |i: usize| {
        at(i).map(|(x, y)| {
            (
                w / 2.0 + (x - cx) * scale,
                HEADER + MARGIN + ah / 2.0 + (y - cy) * scale,
            )
        })
    };

    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" font-family=\"system-ui, sans-serif\">",
        r(w), r(h), r(w), r(h)
    );
    let _ = writeln!(s, "<title>{}</title>", escape(&case.title));
    let _ = writeln!(
        s,
        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"12\" markerHeight=\"12\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{edge}\"/></marker></defs>"
    );
    if options.background {
        let _ = writeln!(s, "<rect width=\"100%\" height=\"100%\" fill=\"{bg}\"/>");
    }
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"28\" font-size=\"18\" font-weight=\"600\" fill=\"{fg}\">{}</text>",
        r(MARGIN),
        escape(&case.title)
    );

    let _ = writeln!(
        s,
        "<g class=\"edges\" stroke=\"{edge}\" stroke-opacity=\"0.6\">"
    );
    for e in &scene.edges {
        let (Some((ax, ay)), Some((bx, by))) =
            (screen(e.source as usize), screen(e.target as usize))
        else {
            continue;
        };
        // End at the target's rim.
        let rim = scene.nodes[e.target as usize].radius * scale;
        let (dx, dy) = (bx - ax, by - ay);
        let len = (dx * dx + dy * dy).sqrt().max(1e-3);
        let (ex, ey) = (bx - dx / len * rim, by - dy / len * rim);
        let colour = e
            .note_colour
            .as_deref()
            .map(|c| format!(" stroke=\"{}\"", escape(c)))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke-width=\"{}\"{colour} marker-end=\"url(#arrow)\"/>",
            r(ax), r(ay), r(ex), r(ey), r((e.width * scale * 0.6).clamp(0.6, 8.0))
        );
    }
    let _ = writeln!(s, "</g>");

    if !scene.links.is_empty() {
        let _ = writeln!(
            s,
            "<g class=\"inferred\" font-size=\"10\" text-anchor=\"middle\">"
        );
        for l in &scene.links {
            let (Some((ax, ay)), Some((bx, by))) =
                (screen(l.source as usize), screen(l.target as usize))
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
                "<text x=\"{}\" y=\"{}\" fill=\"{colour}\">{}{:.0} %</text>",
                r((ax + bx) / 2.0),
                r((ay + by) / 2.0 - 3.0),
                if l.accepted { "✓ " } else { "" },
                100.0 * l.score
            );
        }
        let _ = writeln!(s, "</g>");
    }

    let _ = writeln!(s, "<g class=\"nodes\" font-size=\"11\">");
    for (i, n) in scene.nodes.iter().enumerate() {
        let Some((x, y)) = screen(i) else {
            continue;
        };
        let radius = (n.radius * scale).max(2.0);
        let address = case
            .graph
            .node(n.id)
            .map(|node| node.address.as_str().to_owned())
            .unwrap_or_default();
        let tip = match &n.label {
            Some(l) => format!("{l} — {address}"),
            None => address.clone(),
        };
        let ring = if n.is_seed {
            format!(" stroke=\"{fg}\" stroke-width=\"2\"")
        } else {
            format!(" stroke=\"{bg}\" stroke-width=\"1\"")
        };
        let _ = writeln!(
            s,
            "<g><title>{}</title><circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"{ring}/></g>",
            escape(&tip),
            r(x),
            r(y),
            r(radius),
            n.colour
        );
        if let Some(label) = &n.label {
            let _ = writeln!(
                s,
                "<text x=\"{}\" y=\"{}\" fill=\"{fg}\">{}</text>",
                r(x + radius + 4.0),
                r(y + 4.0),
                escape(label)
            );
        }
    }
    let _ = writeln!(s, "</g>");

    // Footer: legend of categories, width scale, data time, source note.
    let mut categories: Vec<Category> = scene.nodes.iter().map(|n| n.category).collect();
    categories.sort();
    categories.dedup();
    let base = h - FOOTER + 14.0;
    let _ = writeln!(s, "<g class=\"legend\" font-size=\"11\" fill=\"{fg}\">");
    let mut x = MARGIN;
    for c in categories {
        let _ = writeln!(
            s,
            "<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            r(x + 5.0),
            r(base - 4.0),
            category_colour(c),
            r(x + 14.0),
            r(base),
            escape(c.title())
        );
        x += 24.0 + 7.0 * c.title().len() as f32;
    }
    // The scale of values: what the widest edge of each asset stands for (at most three named).
    let scale_of = FlowScale::of(&case.graph);
    let largest = scale_of.largest();
    let mut widest: Vec<String> = largest
        .iter()
        .take(3)
        .map(|(asset, v)| format!("{} {}", format_amount(*v), asset.0))
        .collect();
    if largest.len() > 3 {
        widest.push(format!("{} more assets", largest.len() - 3));
    }
    let widest = if widest.is_empty() {
        String::new()
    } else {
        format!(" (widest: {})", widest.join(", "))
    };
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" fill=\"{muted}\">Edge width: value of the flow, relative to the largest flow of its asset in the case{}.{}</text>",
        r(MARGIN),
        r(base + 18.0),
        escape(&widest),
        if scene.links.is_empty() {
            ""
        } else {
            " Dashed: inferred link (demixing candidate or cross-chain hop) with its confidence; ✓ accepted."
        }
    );
    let last = case
        .graph
        .transfers()
        .iter()
        .filter_map(|t| t.timestamp)
        .max();
    let note = case
        .notes
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let mut note: String = note.chars().take(110).collect();
    if note.chars().count() == 110 {
        note.push('…');
    }
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" fill=\"{muted}\">{}{}</text>",
        r(MARGIN),
        r(base + 36.0),
        last.map(|t| format!("Data up to {}. ", format_utc(t)))
            .unwrap_or_default(),
        escape(&note)
    );
    let _ = writeln!(s, "</g>");
    s.push_str("</svg>\n");
    s
}
