//! The graph canvas: runs the frame loop (layout ticks on the page if no worker runs it, then
//! draw with WebGL2 on a graphics processor, or Canvas 2D where WebGL2 is missing or only a
//! software rasteriser; `?renderer=webgl|canvas` overrides),
//! draws the label overlay and the minimap, turns pointer and wheel events into stage calls
//! (sending what the layout worker must hear), shows the hovered node's name, and publishes
//! the inspector's summary on a click. Dropped files are handled for the whole page by the app.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::test_hook;
use super::ui::Ui;
use crate::render::minimap::{Minimap, Shared};
use crate::render::palette::Palette;
use crate::render::raster::{self, Raster};
use crate::render::webgl::WebGl;
use crate::render::{canvas2d, overlay};

/// Which renderer draws the graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Renderer {
    WebGl2,
    Canvas2d,
}

impl Renderer {
    pub fn name(self) -> &'static str {
        match self {
            Renderer::WebGl2 => "webgl2",
            Renderer::Canvas2d => "canvas2d",
        }
    }
}

/// The renderer for this browser: what `?renderer=webgl` or `?renderer=canvas` asks for;
/// else WebGL2 where the browser has it on a graphics processor, and Canvas 2D (with the
/// raster for big graphs) where it has none or only a software rasteriser, which on a CPU is
/// far slower than the page's own raster. Returns the choice and why.
fn choose_renderer() -> (Renderer, String) {
    let asked = super::page_address::query_param("renderer").unwrap_or_default();
    if asked.starts_with("canvas") {
        return (
            Renderer::Canvas2d,
            "asked for (?renderer=canvas)".to_owned(),
        );
    }
    match crate::render::webgl::probe() {
        Err(why) => (Renderer::Canvas2d, format!("WebGL2 unavailable: {why}")),
        Ok(_) if asked.starts_with("webgl") => {
            (Renderer::WebGl2, "asked for (?renderer=webgl)".to_owned())
        }
        Ok(device) if crate::render::webgl::is_software(&device) => (
            Renderer::Canvas2d,
            format!("WebGL2 is software here ({device}); the page's raster is faster"),
        ),
        Ok(device) => (Renderer::WebGl2, format!("WebGL2 on {device}")),
    }
}

#[component]
pub fn GraphView() -> impl IntoView {
    let ui = expect_context::<Ui>();
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let overlay_ref = NodeRef::<leptos::html::Canvas>::new();
    let minimap_ref = NodeRef::<leptos::html::Canvas>::new();
    let renderer = RwSignal::new(None::<Renderer>);
    let hover_tip = RwSignal::new(None::<(String, [f64; 2])>);
    let minimap_frame = StoredValue::new(Shared::default());

    Effect::new(move |_| {
        if let (Some(canvas), Some(over), Some(mini)) =
            (canvas_ref.get(), overlay_ref.get(), minimap_ref.get())
        {
            let (chosen, why) = start_frame_loop(canvas, over, mini, ui, minimap_frame);
            renderer.set(Some(chosen));
            test_hook::install(ui, chosen.name(), &why);
        }
    });

    let pos = |ev: &web_sys::PointerEvent| [ev.offset_x() as f32, ev.offset_y() as f32];
    let on_down = move |ev: web_sys::PointerEvent| {
        if let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = target.set_pointer_capture(ev.pointer_id());
        }
        hover_tip.set(None);
        ui.case.drive(|s| {
            if ev.shift_key() && !ui.read_only() {
                s.pointer_down_boxing(ev.pointer_id(), pos(&ev));
            } else {
                s.pointer_down(ev.pointer_id(), pos(&ev));
            }
        });
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let at = pos(&ev);
        let mut tip = None;
        ui.case.drive(|s| {
            if ev.buttons() == 0 {
                s.hover(Some(at));
                tip = s.hovered.and_then(|i| s.hover_text(i));
            } else {
                s.pointer_move(ev.pointer_id(), at);
            }
        });
        hover_tip.set(tip.map(|t| (t, [at[0] as f64, at[1] as f64])));
        ui.layout.send_commands();
    };
    let on_leave = move |_: web_sys::PointerEvent| {
        hover_tip.set(None);
        ui.case.drive(|s| {
            s.hover(None);
        });
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        let mut clicked = None;
        let mut boxed = None;
        ui.case.drive(|s| {
            let was_boxing = s.box_rect().is_some();
            let before = s.marked.len();
            if s.pointer_up(ev.pointer_id(), pos(&ev)) {
                clicked = Some(s.selected().is_some());
            }
            if was_boxing {
                boxed = Some(s.marked.len() - before);
            }
        });
        ui.layout.send_commands();
        if ev.button() == 0 {
            ui.prompts.context_menu.set(None);
        }
        if let Some(added) = boxed {
            ui.messages.status.set(format!(
                "Picked {added} more address{} with the box (G groups the picked ones)",
                if added == 1 { "" } else { "es" }
            ));
        }
        if let Some(selected) = clicked {
            // A drag pins its node: a view change to keep.
            ui.saves.schedule_autosave();
            if selected && ev.shift_key() && !ui.read_only() {
                ui.case.toggle_marked_selected();
            }
        }
    };
    // Right-click on a node: select it and open its menu.
    let on_context = move |ev: web_sys::MouseEvent| {
        ev.prevent_default();
        if ui.read_only() {
            return;
        }
        let at = [ev.offset_x() as f32, ev.offset_y() as f32];
        let hit = ui.case.drive(|s| {
            let hit = s.node_at(at)?;
            s.select(Some(hit));
            Some(hit)
        });
        let at = hit.flatten().map(|_| [at[0] as f64, at[1] as f64]);
        ui.prompts.context_menu.set(at);
    };
    let on_cancel = move |ev: web_sys::PointerEvent| {
        ui.case.drive(|s| {
            s.pointer_cancel(ev.pointer_id());
        });
        ui.layout.send_commands();
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        let scale = if ev.delta_mode() == 1 { 16.0 } else { 1.0 };
        ui.case.drive(|s| {
            s.wheel(
                [ev.offset_x() as f32, ev.offset_y() as f32],
                ev.delta_y() as f32 * scale,
            );
        });
    };
    view! {
        <div
            class="canvas-wrap"
            class:drop-target=move || ui.files.dragging.get()
            on:dragleave=move |_| ui.files.dragging.set(false)
        >
            <canvas
                node_ref=canvas_ref
                data-testid="graph-canvas"
                data-renderer=move || renderer.get().map(Renderer::name)
                aria-label="Transaction graph: arrow keys move between neighbours, F fits the view"
                tabindex="0"
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_cancel
                on:pointerleave=on_leave
                on:wheel=on_wheel
                on:contextmenu=on_context
            ></canvas>
            <canvas node_ref=overlay_ref class="overlay" aria-hidden="true"></canvas>
            <super::view_controls::MinimapFrame canvas=minimap_ref minimap_frame=minimap_frame />
            {move || {
                hover_tip
                    .get()
                    .map(|(text, [x, y])| {
                        view! {
                            <div
                                class="hover-tip"
                                data-testid="hover-tip"
                                style:left=format!("{}px", x + 14.0)
                                style:top=format!("{}px", y + 14.0)
                            >
                                {text}
                            </div>
                        }
                    })
            }}
            <div class="drop-hint">"Drop a case file to open it"</div>
        </div>
    }
}

/// A frame callback that can schedule itself again.
type FrameCallback = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;

/// What draws the graph canvas.
enum Painter {
    Gl(Box<WebGl>),
    Canvas(web_sys::CanvasRenderingContext2d, Raster),
}

fn context_2d(canvas: &web_sys::HtmlCanvasElement) -> Option<web_sys::CanvasRenderingContext2d> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
}

/// Picks the renderer and calls itself every animation frame for as long as the page lives.
fn start_frame_loop(
    canvas: web_sys::HtmlCanvasElement,
    over: web_sys::HtmlCanvasElement,
    mini: web_sys::HtmlCanvasElement,
    ui: Ui,
    minimap_frame: StoredValue<Shared>,
) -> (Renderer, String) {
    let (wanted, why) = choose_renderer();
    web_sys::console::info_1(&format!("hopscope draws with {}: {why}", wanted.name()).into());
    let gl = match wanted {
        Renderer::Canvas2d => None,
        Renderer::WebGl2 => WebGl::new(&canvas)
            .inspect_err(|e| {
                web_sys::console::warn_1(
                    &format!("WebGL2 failed, drawing with Canvas 2D: {e}").into(),
                )
            })
            .ok(),
    };
    let painter = match gl {
        Some(gl) => Painter::Gl(Box::new(gl)),
        None => match context_2d(&canvas) {
            Some(ctx) => Painter::Canvas(ctx, Raster::default()),
            None => return (Renderer::Canvas2d, "no 2D context".to_owned()),
        },
    };
    let chosen = match painter {
        Painter::Gl(_) => Renderer::WebGl2,
        Painter::Canvas(..) => Renderer::Canvas2d,
    };
    let (Some(over_ctx), Some(mini_ctx)) = (context_2d(&over), context_2d(&mini)) else {
        return (chosen, why);
    };
    let mut state = FrameState {
        painter,
        over_ctx,
        mini_ctx,
        minimap: Minimap::default(),
        minimap_frame,
        theme: None,
        text_scale: 1.0,
    };
    let frame: FrameCallback = Rc::new(RefCell::new(None));
    let next = frame.clone();
    *frame.borrow_mut() = Some(Closure::new(move || {
        draw_frame(&canvas, &over, &mini, ui, &mut state);
        if let Some(cb) = next.borrow().as_ref() {
            request_frame(cb);
        }
    }));
    let first = frame.borrow();
    if let Some(cb) = first.as_ref() {
        request_frame(cb);
    }
    (chosen, why)
}

struct FrameState {
    painter: Painter,
    over_ctx: web_sys::CanvasRenderingContext2d,
    mini_ctx: web_sys::CanvasRenderingContext2d,
    minimap: Minimap,
    /// Where the minimap's frame is shared with its pointer handlers.
    minimap_frame: StoredValue<Shared>,
    /// The theme the last frame was drawn in (a change redraws).
    theme: Option<hopscope_core::export::Theme>,
    /// How big labels are drawn (presentation mode draws them larger; a change redraws).
    text_scale: f32,
}

fn request_frame(cb: &Closure<dyn FnMut()>) {
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(cb.as_ref().unchecked_ref());
    }
}

/// Sizes a canvas to its CSS box in device pixels (which clears it); returns the CSS size,
/// the pixel size and whether it changed.
fn fit_canvas(canvas: &web_sys::HtmlCanvasElement, dpr: f32) -> ([f32; 2], [u32; 2], bool) {
    let css = [
        canvas.client_width().max(1) as f32,
        canvas.client_height().max(1) as f32,
    ];
    let px = [(css[0] * dpr).round() as u32, (css[1] * dpr).round() as u32];
    let resized = canvas.width() != px[0] || canvas.height() != px[1];
    if resized {
        canvas.set_width(px[0]);
        canvas.set_height(px[1]);
    }
    (css, px, resized)
}

fn draw_frame(
    canvas: &web_sys::HtmlCanvasElement,
    over: &web_sys::HtmlCanvasElement,
    mini: &web_sys::HtmlCanvasElement,
    ui: Ui,
    state: &mut FrameState,
) {
    let dpr = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0) as f32;
    // A new size in device pixels (also when only the pixel ratio changed) cleared the
    // canvases: draw again.
    let (css, px, resized) = fit_canvas(canvas, dpr);
    let (_, _, over_resized) = fit_canvas(over, dpr);
    let theme = ui.theme.theme.get_untracked();
    let palette = Palette::of(theme);
    let text_scale = if ui.tour.presenting.get_untracked() {
        1.6
    } else {
        1.0
    };
    let theme_changed = state.theme != Some(theme) || state.text_scale != text_scale;
    state.theme = Some(theme);
    state.text_scale = text_scale;
    ui.case.drive(|stage| {
        let now = crate::platform::tick::now_ms();
        // A story step shown a moment ago is fitted between the panels as they now stand.
        if stage.refit_due(now) {
            stage.refit_step(super::story_steps::covered_margins(
                ui.tour.presenting.get_untracked(),
            ));
        }
        // Transfers running along their edges keep the picture moving.
        stage.tick_pulses(now);
        let changed = stage.frame(css) || theme_changed || resized || over_resized;
        let held = state.minimap_frame.with_value(|m| m.held);
        if draw_minimap(
            mini,
            stage,
            &palette,
            &mut state.minimap,
            &state.mini_ctx,
            changed,
            held,
        ) {
            let frame = state.minimap.frame;
            state.minimap_frame.update_value(|m| m.frame = frame);
        }
        if changed {
            overlay::draw(&state.over_ctx, stage, &palette, dpr, text_scale);
        }
        match &mut state.painter {
            Painter::Gl(gl) => {
                if changed {
                    gl.draw(stage, &palette, px, dpr);
                }
            }
            Painter::Canvas(ctx, raster) => {
                if !raster::wanted(stage) {
                    if changed {
                        canvas2d::draw(ctx, stage, &palette, dpr);
                    }
                    return;
                }
                // Big graphs: a budgeted raster, refined over the next frames once still.
                let (w, h) = (px[0] as usize, px[1] as usize);
                if changed || raster.width != w || raster.height != h {
                    let clock = web_sys::window().and_then(|w| w.performance());
                    let start = clock.as_ref().map_or(0.0, |p| p.now());
                    raster.redraw(stage, &palette, dpr, w, h);
                    if let Some(clock) = clock {
                        raster.adapt(clock.now() - start);
                    }
                } else if !raster.complete && stage.is_at_rest() {
                    raster.refine(stage, dpr);
                } else {
                    return;
                }
                let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
                    wasm_bindgen::Clamped(raster.bytes()),
                    px[0],
                    px[1],
                );
                if let Ok(image) = image {
                    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
                    let _ = ctx.put_image_data(&image, 0.0, 0.0);
                    canvas2d::draw_overlay(ctx, stage, &palette, dpr);
                }
            }
        }
    });
}

/// Redraws the minimap: its dots when they are rebuilt, the view's rectangle when anything
/// moved. Returns whether the dots (and so the frame) were rebuilt.
fn draw_minimap(
    mini: &web_sys::HtmlCanvasElement,
    stage: &crate::stage::Stage,
    palette: &Palette,
    minimap: &mut Minimap,
    ctx: &web_sys::CanvasRenderingContext2d,
    changed: bool,
    held: bool,
) -> bool {
    if mini.offset_parent().is_none() {
        // Hidden: nothing to draw.
        return false;
    }
    let (w, h) = (mini.width() as usize, mini.height() as usize);
    let now = web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now());
    // While a drag on the minimap holds its frame, only the view's rectangle moves.
    let rebuilt = !held && minimap.update(stage, palette, [w, h], now);
    if !(rebuilt || changed) {
        return false;
    }
    let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
        wasm_bindgen::Clamped(minimap.bytes()),
        w as u32,
        h as u32,
    );
    if let Ok(image) = image {
        let _ = ctx.put_image_data(&image, 0.0, 0.0);
    }
    if let Some(frame) = minimap.frame {
        let [x, y, rw, rh] = frame.viewport(&stage.camera);
        ctx.set_stroke_style_str(palette.selected_ring);
        ctx.set_line_width(1.5);
        ctx.stroke_rect(x as f64, y as f64, rw as f64, rh as f64);
    }
    rebuilt
}
