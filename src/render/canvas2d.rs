//! Canvas 2D renderer, the fallback where WebGL2 is missing: edges as arrows with width by
//! value, nodes as circles coloured by category (seed and selection ringed); inferred links
//! (demixing candidates, bridge hops) as dashed lines; mixer pools with a dashed outer rim; a
//! node's chain as a thin outer ring when the view spans chains. What the focus dims is drawn
//! faint. Labels and link confidences are drawn on the overlay (`overlay.rs`).

use std::f64::consts::PI;

use hopscope_core::emphasis::Tone;
use hopscope_core::infer::LinkKind;
use hopscope_core::style::link_colour;
use web_sys::CanvasRenderingContext2d as Ctx;

use super::palette::{rgba_css, Palette};
use crate::stage::Stage;

/// Inferred links: a demixing candidate, a bridge hop (the mixer's and bridge's colours).
pub const DEMIX_LINK: &str = link_colour(LinkKind::Demix);
pub const BRIDGE_LINK: &str = link_colour(LinkKind::Bridge);
pub const CONVERSION_LINK: &str = link_colour(LinkKind::Conversion);

pub fn draw(ctx: &Ctx, stage: &Stage, palette: &Palette, dpr: f32) {
    let cam = &stage.camera;
    let _ = ctx.set_transform(dpr as f64, 0.0, 0.0, dpr as f64, 0.0, 0.0);
    let edge_colour = rgba_css(palette.edge, palette.edge_alpha);
    ctx.set_fill_style_str(palette.background);
    ctx.fill_rect(0.0, 0.0, cam.size[0] as f64, cam.size[1] as f64);

    let positions = stage.positions();
    let at = |i: usize| {
        let s = cam.screen_from_world([positions[2 * i], positions[2 * i + 1]]);
        (s[0] as f64, s[1] as f64)
    };
    let zoom = cam.zoom as f64;
    let nodes = &stage.scene.nodes;

    ctx.set_stroke_style_str(&edge_colour);
    ctx.set_fill_style_str(&edge_colour);
    // One small path per shaft and per head: batching many edges into one path is slower
    // here, since a path costs by the area it spans. Edges wholly off screen are skipped.
    let (w, h) = (cam.size[0] as f64, cam.size[1] as f64);
    for (k, edge) in stage.scene.edges.iter().enumerate() {
        let (s, t) = (edge.source as usize, edge.target as usize);
        let ((x0, y0), (x1, y1)) = (at(s), at(t));
        if (x0 < 0.0 && x1 < 0.0)
            || (y0 < 0.0 && y1 < 0.0)
            || (x0 > w && x1 > w)
            || (y0 > h && y1 > h)
        {
            continue;
        }
        let (dx, dy) = (x1 - x0, y1 - y0);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 1.0 {
            continue;
        }
        let (ux, uy) = (dx / len, dy / len);
        if stage.emphasis.edge(k) == Tone::Hidden {
            continue;
        }
        let on_path = stage.is_highlighted_edge(k);
        let dimmed = stage.emphasis.edge(k) == Tone::Dim;
        let mut width = (edge.width as f64 * zoom * 0.6).clamp(0.6, 10.0);
        let colour = if on_path {
            width = width.max(3.0) + 1.5;
            Some(palette.path)
        } else {
            edge.note_colour.as_deref()
        };
        if dimmed {
            ctx.set_global_alpha(palette.dim as f64);
        }
        if let Some(c) = colour {
            ctx.set_stroke_style_str(c);
            ctx.set_fill_style_str(c);
        }
        let head = (4.0 + width * 1.5).min(len / 2.0);
        // Stop at the target's rim so the arrowhead stays visible.
        let rim = nodes[t].radius as f64 * zoom;
        let (tx, ty) = (x1 - ux * rim, y1 - uy * rim);
        ctx.set_line_width(width);
        ctx.begin_path();
        ctx.move_to(x0, y0);
        ctx.line_to(tx - ux * head, ty - uy * head);
        ctx.stroke();
        ctx.begin_path();
        ctx.move_to(tx, ty);
        ctx.line_to(
            tx - ux * head - uy * head * 0.5,
            ty - uy * head + ux * head * 0.5,
        );
        ctx.line_to(
            tx - ux * head + uy * head * 0.5,
            ty - uy * head - ux * head * 0.5,
        );
        ctx.close_path();
        ctx.fill();
        if colour.is_some() {
            ctx.set_stroke_style_str(&edge_colour);
            ctx.set_fill_style_str(&edge_colour);
        }
        if dimmed {
            ctx.set_global_alpha(1.0);
        }
    }

    draw_links(ctx, stage, &at, palette.dim as f64);

    ctx.set_line_width(1.5);
    for (i, node) in nodes.iter().enumerate() {
        if stage.emphasis.node(i) == Tone::Hidden {
            continue;
        }
        let (x, y) = at(i);
        let r = (node.radius as f64 * zoom).max(2.5);
        ctx.set_global_alpha(if stage.emphasis.node(i) == Tone::Dim {
            palette.dim as f64
        } else {
            1.0
        });
        if let Some(c) = node.chain_colour {
            ctx.begin_path();
            let _ = ctx.arc(x, y, r + 1.5, 0.0, 2.0 * PI);
            ctx.set_stroke_style_str(c);
            ctx.set_line_width(3.0);
            ctx.stroke();
            ctx.set_line_width(1.5);
        }
        if node.pool {
            // A pool: deposits in, withdrawals out; a dashed rim around it.
            let _ = ctx.set_line_dash(&dash(&[3.0, 3.0]));
            ctx.begin_path();
            let _ = ctx.arc(x, y, r + 5.0, 0.0, 2.0 * PI);
            ctx.set_stroke_style_str(DEMIX_LINK);
            ctx.stroke();
            let _ = ctx.set_line_dash(&dash(&[]));
        }
        ctx.begin_path();
        let _ = ctx.arc(x, y, r, 0.0, 2.0 * PI);
        ctx.set_fill_style_str(node.colour);
        ctx.fill();
        ctx.set_stroke_style_str(palette.outline);
        ctx.stroke();
        if node.group.is_some() {
            // An entity of several addresses: a second rim.
            ctx.begin_path();
            let _ = ctx.arc(x, y, r * 0.7, 0.0, 2.0 * PI);
            ctx.stroke();
        }
        let share = stage
            .trace
            .as_ref()
            .and_then(|t| t.fill.get(i).copied())
            .unwrap_or(0.0) as f64;
        if share > 0.0 {
            // Area in proportion to the stolen amount that reached it.
            ctx.begin_path();
            let _ = ctx.arc(x, y, (r * share.sqrt()).max(1.5), 0.0, 2.0 * PI);
            ctx.set_fill_style_str(palette.traced);
            ctx.fill();
        }
        if let Some(c) = &node.note_colour {
            ctx.begin_path();
            let _ = ctx.arc(x, y, r + 6.0, 0.0, 2.0 * PI);
            ctx.set_stroke_style_str(c);
            ctx.set_line_width(3.0);
            ctx.stroke();
            ctx.set_line_width(1.5);
        }
        if stage.marked.contains(&node.id) {
            ctx.begin_path();
            let _ = ctx.arc(x, y, r + 9.0, 0.0, 2.0 * PI);
            ctx.set_stroke_style_str(palette.picked_ring);
            ctx.set_line_width(2.0);
            ctx.stroke();
            ctx.set_line_width(1.5);
        }
        let ring = if stage.selected() == Some(i) {
            Some(palette.selected_ring)
        } else if node.is_seed {
            Some(palette.seed_ring)
        } else {
            None
        };
        if let Some(colour) = ring {
            ctx.begin_path();
            let _ = ctx.arc(x, y, r + 3.0, 0.0, 2.0 * PI);
            ctx.set_stroke_style_str(colour);
            ctx.set_line_width(2.5);
            ctx.stroke();
            ctx.set_line_width(1.5);
        }
    }

    ctx.set_global_alpha(1.0);
}

fn dash(pattern: &[f64]) -> wasm_bindgen::JsValue {
    let array = js_sys::Array::new();
    for &v in pattern {
        array.push(&wasm_bindgen::JsValue::from_f64(v));
    }
    array.into()
}

/// Inferred links as dashed lines; accepted ones drawn bolder (their confidence goes on the
/// overlay).
fn draw_links(ctx: &Ctx, stage: &Stage, at: &impl Fn(usize) -> (f64, f64), dim_alpha: f64) {
    if stage.scene.links.is_empty() {
        return;
    }
    for link in &stage.scene.links {
        if !stage.link_drawn(link) {
            continue;
        }
        let ((x0, y0), (x1, y1)) = (at(link.source as usize), at(link.target as usize));
        let colour = link_colour(link.kind);
        let explained = stage.explained == Some(link.key);
        // Outside the focus at both ends: faded, as the WebGL renderer does.
        let faded = [link.source, link.target]
            .iter()
            .all(|&i| stage.emphasis.node(i as usize) == Tone::Dim);
        ctx.set_global_alpha(if faded { dim_alpha } else { 1.0 });
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(if link.accepted || explained { 2.5 } else { 1.5 });
        let _ = ctx.set_line_dash(&dash(if link.accepted {
            &[8.0, 3.0]
        } else {
            &[5.0, 4.0]
        }));
        ctx.begin_path();
        ctx.move_to(x0, y0);
        ctx.line_to(x1, y1);
        ctx.stroke();
        let _ = ctx.set_line_dash(&dash(&[]));
    }
    ctx.set_global_alpha(1.0);
}

/// Over a picture drawn by the raster renderer: the edges the focus lights (the hovered
/// node's, a picked path's) drawn whole, the inferred links, and the rings of the seeds, the
/// picked addresses and the selected node (labels go on the overlay).
pub fn draw_overlay(ctx: &Ctx, stage: &Stage, palette: &Palette, dpr: f32) {
    let cam = &stage.camera;
    let _ = ctx.set_transform(dpr as f64, 0.0, 0.0, dpr as f64, 0.0, 0.0);
    let positions = stage.positions();
    let at = |i: usize| {
        let s = cam.screen_from_world([positions[2 * i], positions[2 * i + 1]]);
        (s[0] as f64, s[1] as f64)
    };
    if stage.emphasis.is_focused() {
        ctx.set_line_width(1.5);
        for (k, e) in stage.scene.edges.iter().enumerate() {
            if stage.emphasis.edge(k) != Tone::Lit {
                continue;
            }
            let colour = if stage.is_highlighted_edge(k) {
                palette.path.to_owned()
            } else {
                rgba_css(palette.edge, 0.9)
            };
            ctx.set_stroke_style_str(&colour);
            let ((x0, y0), (x1, y1)) = (at(e.source as usize), at(e.target as usize));
            ctx.begin_path();
            ctx.move_to(x0, y0);
            ctx.line_to(x1, y1);
            ctx.stroke();
        }
    }
    draw_links(ctx, stage, &at, palette.dim as f64);
    for (i, node) in stage.scene.nodes.iter().enumerate() {
        let selected = stage.selected() == Some(i);
        let picked = stage.marked.contains(&node.id);
        if !(selected || node.is_seed || picked) || stage.emphasis.node(i) == Tone::Hidden {
            continue;
        }
        let (x, y) = at(i);
        let r = (node.radius as f64 * cam.zoom as f64).clamp(1.0, 6.0) + 3.0;
        ctx.begin_path();
        let _ = ctx.arc(x, y, r, 0.0, 2.0 * PI);
        ctx.set_stroke_style_str(if selected {
            palette.selected_ring
        } else if node.is_seed {
            palette.seed_ring
        } else {
            palette.picked_ring
        });
        ctx.set_line_width(2.5);
        ctx.stroke();
    }
}
