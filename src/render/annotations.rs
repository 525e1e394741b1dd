//! The investigator's annotations on the canvas, over the graph (the core's placement,
//! `annotate::placed`, through the camera): text boxes tied to their address, arrows with
//! their text at the middle, dashed frames with their title above. The same shapes the SVG
//! export draws. Text is drawn with `fillText`, which never interprets markup.

use hopscope_core::annotate::{anchored, tie_end, PlacedShape};
use hopscope_core::export::ANNOTATION_COLOUR;
use web_sys::CanvasRenderingContext2d as Ctx;

use super::palette::Palette;
use crate::stage::Stage;

const FONT_PX: f64 = 11.0;
const LINE_PX: f64 = 14.0;
const PAD: f64 = 5.0;

/// Draws every annotation of the stage's view; `text_scale` as the labels use.
pub fn draw(ctx: &Ctx, stage: &Stage, palette: &Palette, text_scale: f32) {
    if stage.view.annotations().is_empty() {
        return;
    }
    let cam = &stage.camera;
    let s = f64::from(text_scale);
    let to_screen = |p: [f32; 2]| {
        let [x, y] = cam.screen_from_world(p);
        (f64::from(x), f64::from(y))
    };
    ctx.set_font(&format!("{}px system-ui, sans-serif", FONT_PX * s));
    ctx.set_text_baseline("alphabetic");
    ctx.set_text_align("start");
    for a in anchored(&stage.view, &stage.scene) {
        let Some(shape) = a.place(&stage.scene, stage.positions()) else {
            continue;
        };
        let colour = a.colour.as_deref().unwrap_or(ANNOTATION_COLOUR);
        let widest = a
            .lines
            .iter()
            .map(|l| ctx.measure_text(l).map(|m| m.width()).unwrap_or(0.0))
            .fold(0.0, f64::max);
        let (bw, bh) = (
            widest + 2.0 * PAD * s,
            a.lines.len().max(1) as f64 * LINE_PX * s + 2.0 * PAD * s - 3.0,
        );
        ctx.set_stroke_style_str(colour);
        match shape {
            PlacedShape::Text { anchor, at } => {
                let (ax, ay) = to_screen(anchor);
                let (x, y) = to_screen(at);
                let [cx, cy] = tie_end(
                    [ax as f32, ay as f32],
                    [x as f32, y as f32],
                    [bw as f32, bh as f32],
                )
                .map(f64::from);
                ctx.set_line_width(1.0);
                let _ = ctx.set_line_dash(&dash(&[3.0, 2.0]));
                ctx.begin_path();
                ctx.move_to(ax, ay);
                ctx.line_to(cx, cy);
                ctx.stroke();
                let _ = ctx.set_line_dash(&dash(&[]));
                ctx.set_fill_style_str(palette.background);
                ctx.set_global_alpha(0.92);
                ctx.fill_rect(x, y, bw, bh);
                ctx.set_global_alpha(1.0);
                ctx.set_line_width(1.5);
                ctx.stroke_rect(x, y, bw, bh);
                lines(
                    ctx,
                    &a.lines,
                    x + PAD * s,
                    y + PAD * s + (FONT_PX - 1.0) * s,
                    s,
                    palette.text,
                    None,
                );
            }
            PlacedShape::Arrow { from, to } => {
                let (x1, y1) = to_screen(from);
                let (x2, y2) = to_screen(to);
                ctx.set_line_width(2.5);
                ctx.begin_path();
                ctx.move_to(x1, y1);
                ctx.line_to(x2, y2);
                ctx.stroke();
                // The head.
                let angle = (y2 - y1).atan2(x2 - x1);
                ctx.set_fill_style_str(colour);
                ctx.begin_path();
                ctx.move_to(x2, y2);
                for side in [-1.0, 1.0] {
                    let a = angle + std::f64::consts::PI + side * 0.45;
                    ctx.line_to(x2 + 12.0 * a.cos(), y2 + 12.0 * a.sin());
                }
                ctx.close_path();
                ctx.fill();
                let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
                ctx.set_text_align("center");
                lines(
                    ctx,
                    &a.lines,
                    mx,
                    my - a.lines.len() as f64 * LINE_PX * s / 2.0 + (FONT_PX - 2.0) * s,
                    s,
                    colour,
                    Some(palette.halo),
                );
                ctx.set_text_align("start");
            }
            PlacedShape::Frame { min, max } => {
                let (x0, y0) = to_screen(min);
                let (x1, y1) = to_screen(max);
                ctx.set_line_width(2.0);
                let _ = ctx.set_line_dash(&dash(&[7.0, 4.0]));
                ctx.stroke_rect(x0, y0, (x1 - x0).max(1.0), (y1 - y0).max(1.0));
                let _ = ctx.set_line_dash(&dash(&[]));
                let top = y0 - 4.0 - (a.lines.len().max(1) - 1) as f64 * LINE_PX * s;
                lines(ctx, &a.lines, x0 + 2.0, top, s, colour, Some(palette.halo));
            }
        }
    }
}

/// Lines of text from (x, y) down, with a halo when given.
fn lines(ctx: &Ctx, list: &[String], x: f64, y: f64, s: f64, fill: &str, halo: Option<&str>) {
    ctx.set_fill_style_str(fill);
    if let Some(h) = halo {
        ctx.set_stroke_style_str(h);
        ctx.set_line_width(3.0);
    }
    for (k, line) in list.iter().enumerate() {
        let y = y + k as f64 * LINE_PX * s;
        if halo.is_some() {
            let _ = ctx.stroke_text(line, x, y);
        }
        let _ = ctx.fill_text(line, x, y);
    }
}

fn dash(pattern: &[f64]) -> js_sys::Array {
    pattern
        .iter()
        .map(|v| wasm_bindgen::JsValue::from_f64(*v))
        .collect()
}
