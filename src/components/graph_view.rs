//! The graph canvas: runs the frame loop (layout ticks on the page if no worker runs it, then
//! draw), turns pointer and wheel events into stage calls (sending what the layout worker
//! must hear), and publishes the inspector's summary on a click. Dropped files are
//! handled for the whole page by the app.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::app::Ui;
use crate::platform::test_hook;
use crate::render::canvas2d;
use crate::render::raster::{self, Raster};

#[component]
pub fn GraphView() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();

    canvas_ref.on_load(move |canvas| {
        start_frame_loop(canvas, ui);
        test_hook::install(ui);
    });

    let pos = |ev: &web_sys::PointerEvent| [ev.offset_x() as f32, ev.offset_y() as f32];
    let on_down = move |ev: web_sys::PointerEvent| {
        if let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = target.set_pointer_capture(ev.pointer_id());
        }
        ui.stage.update_value(|s| {
            if let Some(s) = s {
                s.pointer_down(ev.pointer_id(), pos(&ev));
            }
        });
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        ui.stage.update_value(|s| {
            if let Some(s) = s {
                s.pointer_move(ev.pointer_id(), pos(&ev));
            }
        });
        ui.send_layout_commands();
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        let mut clicked = None;
        ui.stage.update_value(|s| {
            if let Some(s) = s {
                if s.pointer_up(ev.pointer_id(), pos(&ev)) {
                    clicked = Some(s.selected.and_then(|i| s.inspect(i)));
                }
            }
        });
        ui.send_layout_commands();
        if ev.button() == 0 {
            ui.context_menu.set(None);
        }
        if let Some(summary) = clicked {
            // A drag pins its node: a view change to keep.
            ui.schedule_autosave();
            let picked = summary.is_some() && ev.shift_key();
            ui.inspected.set(summary);
            ui.view_revision.update(|r| *r += 1);
            if picked {
                ui.toggle_marked_selected();
            }
        }
    };
    // Right-click on a node: select it and open its menu.
    let on_context = move |ev: web_sys::MouseEvent| {
        ev.prevent_default();
        let at = [ev.offset_x() as f32, ev.offset_y() as f32];
        let summary = ui.stage.try_update_value(|s| {
            let s = s.as_mut()?;
            let hit = s.node_at(at)?;
            s.select(Some(hit));
            s.inspect(hit)
        });
        match summary.flatten() {
            Some(summary) => {
                ui.inspected.set(Some(summary));
                ui.view_revision.update(|r| *r += 1);
                ui.context_menu.set(Some([at[0] as f64, at[1] as f64]));
            }
            None => ui.context_menu.set(None),
        }
    };
    let on_cancel = move |ev: web_sys::PointerEvent| {
        ui.stage.update_value(|s| {
            if let Some(s) = s {
                s.pointer_cancel(ev.pointer_id());
            }
        });
        ui.send_layout_commands();
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        let scale = if ev.delta_mode() == 1 { 16.0 } else { 1.0 };
        ui.stage.update_value(|s| {
            if let Some(s) = s {
                s.wheel(
                    [ev.offset_x() as f32, ev.offset_y() as f32],
                    ev.delta_y() as f32 * scale,
                );
            }
        });
    };
    view! {
        <div
            class="canvas-wrap"
            class:drop-target=move || ui.dragging_file.get()
            on:dragleave=move |_| ui.dragging_file.set(false)
        >
            <canvas
                node_ref=canvas_ref
                data-testid="graph-canvas"
                aria-label="Transaction graph"
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_cancel
                on:wheel=on_wheel
                on:contextmenu=on_context
            ></canvas>
            <div class="drop-hint">"Drop a case file to open it"</div>
        </div>
    }
}

/// A frame callback that can schedule itself again.
type FrameCallback = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;

/// Calls itself every animation frame for as long as the page lives.
fn start_frame_loop(canvas: web_sys::HtmlCanvasElement, ui: Ui) {
    let frame: FrameCallback = Rc::new(RefCell::new(None));
    let next = frame.clone();
    let mut raster = Raster::default();
    *frame.borrow_mut() = Some(Closure::new(move || {
        draw_frame(&canvas, ui, &mut raster);
        if let Some(cb) = next.borrow().as_ref() {
            request_frame(cb);
        }
    }));
    let first = frame.borrow();
    if let Some(cb) = first.as_ref() {
        request_frame(cb);
    }
}

fn request_frame(cb: &Closure<dyn FnMut()>) {
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(cb.as_ref().unchecked_ref());
    }
}

fn draw_frame(canvas: &web_sys::HtmlCanvasElement, ui: Ui, raster: &mut Raster) {
    let (css_w, css_h) = (
        canvas.client_width().max(1) as f32,
        canvas.client_height().max(1) as f32,
    );
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0) as f32;
    let (px_w, px_h) = ((css_w * dpr).round() as u32, (css_h * dpr).round() as u32);
    if canvas.width() != px_w || canvas.height() != px_h {
        canvas.set_width(px_w);
        canvas.set_height(px_h);
    }
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    ui.stage.update_value(|s| {
        let Some(stage) = s else {
            return;
        };
        let changed = stage.frame([css_w, css_h]);
        if !raster::wanted(stage) {
            if changed {
                canvas2d::draw(&ctx, stage, dpr);
            }
            return;
        }
        // Big graphs: a budgeted raster, refined over the next frames once still.
        let (w, h) = (px_w as usize, px_h as usize);
        if changed || raster.width != w || raster.height != h {
            raster.redraw(stage, dpr, w, h);
        } else if !raster.complete && stage.is_at_rest() {
            raster.refine(stage, dpr);
        } else {
            return;
        }
        let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
            wasm_bindgen::Clamped(raster.bytes()),
            px_w,
            px_h,
        );
        if let Ok(image) = image {
            let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
            let _ = ctx.put_image_data(&image, 0.0, 0.0);
            canvas2d::draw_overlay(&ctx, stage, dpr);
        }
    });
}
