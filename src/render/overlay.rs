//! The overlay over the graph, whichever renderer drew it: node labels and then the confidence
//! of each inferred link, thinned by priority (the core's `label_order` and `thin_labels`, so
//! they never pile up), the investigator's annotations (`annotations.rs`), and the box being
//! drawn for a multi-select. Text is drawn with `fillText`,
//! which never interprets markup.

use hopscope_core::emphasis::{label_order, thin_labels, Focus, LabelBox, Tone};
use hopscope_core::style::link_colour;
use web_sys::CanvasRenderingContext2d as Ctx;

use super::palette::{rgba_css, Palette};
use crate::stage::Stage;

/// Labels drawn at most per frame.
const MAX_LABELS: usize = 300;
/// Label font size (CSS px) and the width of a character, estimated for thinning.
const FONT_PX: f32 = 11.0;
const CHAR_PX: f32 = 6.2;
/// Big graphs draw nodes at most this big (CSS px), as the renderers do.
const BIG_GRAPH: usize = 20_000;

/// Clears the overlay and draws transfers in flight, labels (`text_scale` times the usual
/// size: large in presentation mode), link confidences and the selection box.
pub fn draw(ctx: &Ctx, stage: &Stage, palette: &Palette, dpr: f32, text_scale: f32) {
    let cam = &stage.camera;
    let _ = ctx.set_transform(dpr as f64, 0.0, 0.0, dpr as f64, 0.0, 0.0);
    ctx.clear_rect(0.0, 0.0, cam.size[0] as f64, cam.size[1] as f64);
    let positions = stage.positions();
    let at = |i: usize| -> Option<[f32; 2]> {
        let (x, y) = (*positions.get(2 * i)?, *positions.get(2 * i + 1)?);
        (x.is_finite() && y.is_finite()).then(|| cam.screen_from_world([x, y]))
    };
    let scene = &stage.scene;
    // The picked path is already in the emphasis (its nodes lit).
    let focus = Focus {
        hovered: stage.hovered,
        selected: stage.selected(),
        ..Focus::default()
    };
    let order = label_order(scene, &stage.emphasis, &focus);
    let big = scene.nodes.len() >= BIG_GRAPH;
    let radius = |i: usize| {
        let r = scene.nodes[i].radius * cam.zoom;
        if big {
            r.clamp(1.0, 6.0)
        } else {
            r.max(2.5)
        }
    };
    let mut placed: Vec<(usize, [f32; 2])> = Vec::with_capacity(order.len());
    let mut boxes: Vec<LabelBox> = Vec::with_capacity(order.len());
    for &i in &order {
        let (Some(p), Some(label)) = (at(i), scene.nodes[i].label.as_deref()) else {
            continue;
        };
        let x = p[0] + radius(i) + 4.0;
        let width = CHAR_PX * text_scale * label.chars().count().min(80) as f32;
        let height = FONT_PX * text_scale;
        boxes.push([x, p[1] - height / 2.0 - 1.0, width, height + 2.0]);
        placed.push((i, [x, p[1]]));
    }
    // Link confidences come after the node labels, the accepted and the explained one first,
    // then by confidence, and are thinned with them.
    let mut links: Vec<usize> = (0..scene.links.len()).collect();
    links.sort_by(|&a, &b| {
        let (la, lb) = (&scene.links[a], &scene.links[b]);
        let first =
            |l: &hopscope_core::style::LinkShape| (!l.accepted, stage.explained != Some(l.key));
        first(la)
            .cmp(&first(lb))
            .then(lb.score.total_cmp(&la.score))
            .then(a.cmp(&b))
    });
    let mut link_texts: Vec<(usize, String, [f32; 2])> = Vec::with_capacity(links.len());
    for k in links {
        let link = &scene.links[k];
        if !stage.link_drawn(link) {
            continue;
        }
        // Faded (outside the focus at both ends): no confidence either.
        if [link.source, link.target]
            .iter()
            .all(|&i| stage.emphasis.node(i as usize) == Tone::Dim)
        {
            continue;
        }
        let (Some(a), Some(b)) = (at(link.source as usize), at(link.target as usize)) else {
            continue;
        };
        let text = link.text();
        let mid = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
        let width = 6.0 * text.chars().count() as f32;
        boxes.push([mid[0] - width / 2.0, mid[1] - 6.0, width, 12.0]);
        link_texts.push((k, text, mid));
    }
    let keep = thin_labels(&boxes, cam.size, MAX_LABELS);
    let (keep, keep_links) = keep.split_at(placed.len());
    draw_link_labels(ctx, stage, palette, &link_texts, keep_links);

    draw_pulses(ctx, stage, palette);
    ctx.set_font(&format!("{}px system-ui, sans-serif", FONT_PX * text_scale));
    ctx.set_text_baseline("middle");
    ctx.set_text_align("start");
    ctx.set_line_width(3.0 * text_scale as f64);
    for ((i, [x, y]), &keep) in placed.into_iter().zip(keep) {
        if !keep {
            continue;
        }
        let Some(label) = scene.nodes[i].label.as_deref() else {
            continue;
        };
        let alpha = if stage.emphasis.node(i) == Tone::Dim {
            palette.dim.max(0.35)
        } else {
            1.0
        };
        ctx.set_global_alpha(alpha as f64);
        ctx.set_stroke_style_str(palette.halo);
        ctx.set_fill_style_str(palette.text);
        let _ = ctx.stroke_text(label, x as f64, y as f64);
        let _ = ctx.fill_text(label, x as f64, y as f64);
    }
    ctx.set_global_alpha(1.0);
    super::annotations::draw(ctx, stage, palette, text_scale);

    if let Some((a, b)) = stage.box_rect() {
        let (x, y) = (a[0].min(b[0]) as f64, a[1].min(b[1]) as f64);
        let (w, h) = ((a[0] - b[0]).abs() as f64, (a[1] - b[1]).abs() as f64);
        ctx.set_fill_style_str(&rgba_css(palette.picked_ring, 0.12));
        ctx.fill_rect(x, y, w, h);
        ctx.set_stroke_style_str(palette.picked_ring);
        ctx.set_line_width(1.0);
        ctx.stroke_rect(x, y, w, h);
    }
}

/// Each transfer in flight (timeline playback) as a dot running along its edge, fading in at
/// the source and out at the target.
fn draw_pulses(ctx: &Ctx, stage: &Stage, palette: &Palette) {
    let points = stage.pulse_points();
    if points.is_empty() {
        return;
    }
    let cam = &stage.camera;
    ctx.set_fill_style_str(palette.path);
    for (world, f) in points {
        let [x, y] = cam.screen_from_world(world);
        let alpha = (f * 6.0).min(1.0) * ((1.0 - f) * 4.0).min(1.0);
        for (r, a) in [(9.0, 0.18), (4.5, 1.0)] {
            ctx.set_global_alpha((alpha * a) as f64);
            ctx.begin_path();
            let _ = ctx.arc(x as f64, y as f64, r, 0.0, std::f64::consts::TAU);
            ctx.fill();
        }
    }
    ctx.set_global_alpha(1.0);
}

/// Each kept inferred link's confidence at its middle ("✓" once accepted).
fn draw_link_labels(
    ctx: &Ctx,
    stage: &Stage,
    palette: &Palette,
    texts: &[(usize, String, [f32; 2])],
    keep: &[bool],
) {
    ctx.set_font("10px system-ui, sans-serif");
    ctx.set_text_baseline("middle");
    ctx.set_text_align("center");
    ctx.set_line_width(3.0);
    for ((k, text, [mx, my]), _) in texts.iter().zip(keep).filter(|(_, &keep)| keep) {
        let colour = link_colour(stage.scene.links[*k].kind);
        ctx.set_stroke_style_str(palette.halo);
        let _ = ctx.stroke_text(text, *mx as f64, *my as f64);
        ctx.set_fill_style_str(colour);
        let _ = ctx.fill_text(text, *mx as f64, *my as f64);
    }
    ctx.set_text_align("start");
}
