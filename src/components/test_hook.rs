//! A read-only hook for end-to-end tests: `window.hopscopeTest.nodes()` lists each node's
//! address and position on the canvas (CSS pixels), `world()` the same in the layout's own
//! coordinates, `settled()` whether the layout has come to rest, `layoutInWorker()`
//! whether the layout worker runs it, `edges()` how many flows are drawn and `highlighted()`
//! how many of them are on the highlighted path, `links()` the dashed inferred links drawn
//! (`{from, to, kind, score, accepted, drawn, x, y}`, x/y their middle on the canvas, drawn
//! false while the timeline or a story step hides an end) and
//! `traced(address)` the stolen amount the trace has reaching an address, `renderer` which
//! renderer draws (`webgl2` or `canvas2d`) and `rendererReason` why and `state()` the core's
//! counts (`caseNodes`, `caseTransfers`, `visible`, `sceneNodes`, `sceneEdges`), the camera (`zoom`, `x`, `y`), the
//! hovered and selected addresses, how many are picked or hidden by playback, and the raster's
//! edge budget; `memory()` the page's and the import worker's wasm memory in bytes (each a
//! high-water mark) and the page allocator's live and peak bytes, `savedView()` the investigation autosaved for the open case (a promise
//! of its JSON text). Tests use it to click a node; it changes nothing, except the hidden
//! `crash(place)`, which makes the page (`'page'`) or the layout worker (`'layout'`) panic so
//! the journeys can check the message the user is left with, and `failSaves(how)`, which
//! stops every later autosave before it commits (`'stopped'`: as a tab closed during it;
//! `'full'`: as a full disk; `''`: saves work again).

use leptos::prelude::GetUntracked;
use wasm_bindgen::prelude::*;

use super::ui::Ui;

pub fn install(ui: Ui, renderer: &'static str, why: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let state = Closure::<dyn Fn() -> JsValue>::new(move || {
        ui.case.peek(|s| {
            let out = js_sys::Object::new();
            let Some(s) = s else {
                return out.into();
            };
            let set = |k: &str, v: JsValue| {
                let _ = js_sys::Reflect::set(&out, &k.into(), &v);
            };
            let address = |i: Option<usize>| -> JsValue {
                i.and_then(|i| s.scene.nodes.get(i))
                    .and_then(|n| s.case.graph.node(n.id))
                    .map_or(JsValue::NULL, |n| n.address.as_str().into())
            };
            // What the core holds, for journeys to check what the page says against.
            set("caseNodes", (s.case.graph.n_nodes() as u32).into());
            set("caseTransfers", (s.case.graph.n_transfers() as u32).into());
            set("visible", (s.view.n_visible() as u32).into());
            set("sceneNodes", (s.scene.nodes.len() as u32).into());
            set("sceneEdges", (s.scene.edges.len() as u32).into());
            set("zoom", s.camera.zoom.into());
            set("x", s.camera.center[0].into());
            set("y", s.camera.center[1].into());
            set("hovered", address(s.hovered));
            set("selected", address(s.selected()));
            set("picked", (s.marked.len() as u32).into());
            set(
                "hidden",
                (s.emphasis
                    .nodes
                    .iter()
                    .filter(|t| **t == hopscope_core::emphasis::Tone::Hidden)
                    .count() as u32)
                    .into(),
            );
            set(
                "rasterBudget",
                (crate::render::raster::last_budget() as u32).into(),
            );
            set(
                "dimmed",
                (s.emphasis
                    .nodes
                    .iter()
                    .filter(|t| **t == hopscope_core::emphasis::Tone::Dim)
                    .count() as u32)
                    .into(),
            );
            set(
                "lit",
                (s.emphasis
                    .nodes
                    .iter()
                    .filter(|t| **t == hopscope_core::emphasis::Tone::Lit)
                    .count() as u32)
                    .into(),
            );
            set(
                "step",
                s.story_step().map_or(JsValue::NULL, |k| (k as u32).into()),
            );
            set("steps", (s.n_steps() as u32).into());
            set(
                "playbackAt",
                s.playback_at().map_or(JsValue::NULL, |t| (t as f64).into()),
            );
            set("playing", ui.tour.playing.get_untracked().into());
            set("pulses", (s.pulses_in_flight() as u32).into());
            out.into()
        })
    });
    let nodes = Closure::<dyn Fn() -> JsValue>::new(move || {
        ui.case.peek(|s| points(s.map(|s| s.nodes_on_screen())))
    });
    let world = Closure::<dyn Fn() -> JsValue>::new(move || {
        ui.case
            .peek(|s| points(s.as_ref().map(|s| s.nodes_in_world())))
    });
    let in_worker = Closure::<dyn Fn() -> bool>::new(move || {
        ui.case.peek(|s| s.is_some_and(|s| s.is_remote()))
    });
    let settled = Closure::<dyn Fn() -> bool>::new(move || {
        ui.case.peek(|s| s.as_ref().is_some_and(|s| s.is_at_rest()))
    });
    let edges = Closure::<dyn Fn() -> u32>::new(move || {
        ui.case
            .peek(|s| s.map_or(0, |s| s.scene.edges.len() as u32))
    });
    let highlighted = Closure::<dyn Fn() -> u32>::new(move || {
        ui.case.peek(|s| {
            s.as_ref().map_or(0, |s| {
                (0..s.scene.edges.len())
                    .filter(|&k| s.is_highlighted_edge(k))
                    .count() as u32
            })
        })
    });
    let links = Closure::<dyn Fn() -> JsValue>::new(move || {
        ui.case.peek(|s| {
            let out = js_sys::Array::new();
            let Some(s) = s else {
                return out.into();
            };
            let p = s.positions();
            let address = |i: u32| {
                s.scene
                    .nodes
                    .get(i as usize)
                    .and_then(|n| s.case.graph.node(n.id))
                    .map(|n| n.address.as_str().to_owned())
                    .unwrap_or_default()
            };
            for l in &s.scene.links {
                let (a, b) = (l.source as usize, l.target as usize);
                if 2 * a.max(b) + 1 >= p.len() {
                    continue;
                }
                let mid = [
                    (p[2 * a] + p[2 * b]) / 2.0,
                    (p[2 * a + 1] + p[2 * b + 1]) / 2.0,
                ];
                let [x, y] = s.camera.screen_from_world(mid);
                let entry = js_sys::Object::new();
                let set = |k: &str, v: JsValue| {
                    let _ = js_sys::Reflect::set(&entry, &k.into(), &v);
                };
                set("from", address(l.source).into());
                set("to", address(l.target).into());
                set("kind", format!("{:?}", l.kind).to_lowercase().into());
                set("score", l.score.into());
                set("accepted", l.accepted.into());
                set("drawn", s.link_drawn(l).into());
                set("x", x.into());
                set("y", y.into());
                out.push(&entry);
            }
            out.into()
        })
    });
    let traced = Closure::<dyn Fn(String) -> f64>::new(move |address: String| {
        ui.case.peek(|s| {
            s.and_then(|s| {
                let id = s.case.graph.node_by_text(&address)?;
                Some(s.trace.as_ref()?.trace.received_by(id).to_f64_lossy())
            })
            .unwrap_or(0.0)
        })
    });
    // Hidden, for tests: `crash('page')` panics on the page, `crash('layout')` in the layout
    // worker, so the journeys can check what the user is left with.
    let crash = Closure::<dyn Fn(String)>::new(move |place: String| match place.as_str() {
        "layout" => ui.layout.crash_worker(),
        _ => panic!("asked to stop by the test hook (a test of the panic message)"),
    });
    // The page's and the import worker's wasm memory, in bytes (high-water marks).
    let memory = Closure::<dyn Fn() -> JsValue>::new(move || {
        let out = js_sys::Object::new();
        let _ = js_sys::Reflect::set(
            &out,
            &"page".into(),
            &crate::platform::memory::wasm_memory_bytes().into(),
        );
        let _ = js_sys::Reflect::set(
            &out,
            &"importWorker".into(),
            &crate::platform::memory::import_worker_bytes().into(),
        );
        // What the page's allocator holds now, and the most it ever held at once.
        let _ = js_sys::Reflect::set(
            &out,
            &"live".into(),
            &(hopscope_core::counting::live() as f64).into(),
        );
        let _ = js_sys::Reflect::set(
            &out,
            &"peak".into(),
            &(hopscope_core::counting::peak() as f64).into(),
        );
        out.into()
    });
    // The investigation autosaved for the open case, as JSON text (a promise).
    let saved_view = Closure::<dyn Fn() -> js_sys::Promise>::new(move || {
        wasm_bindgen_futures::future_to_promise(async move {
            Ok(ui
                .saves
                .stored_view()
                .await
                .map_or(JsValue::NULL, |t| t.into()))
        })
    });
    // Hidden, for tests: `failSaves('stopped' | 'full' | '')` stops every autosave from now on
    // before it commits, as a tab closed during it or a full disk would ('' ends that).
    let fail_saves = Closure::<dyn Fn(String)>::new(move |how: String| {
        use crate::platform::saved::{fail_saves, Fault};
        fail_saves(match how.as_str() {
            "full" => Some(Fault::Full),
            "stopped" => Some(Fault::Stopped),
            _ => None,
        });
    });
    let hook = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&hook, &"savedView".into(), saved_view.as_ref());
    let _ = js_sys::Reflect::set(&hook, &"failSaves".into(), fail_saves.as_ref());
    let _ = js_sys::Reflect::set(&hook, &"memory".into(), memory.as_ref());
    let _ = js_sys::Reflect::set(&hook, &"crash".into(), crash.as_ref());
    let _ = js_sys::Reflect::set(&hook, &"renderer".into(), &renderer.into());
    let _ = js_sys::Reflect::set(&hook, &"rendererReason".into(), &why.into());
    let _ = js_sys::Reflect::set(&hook, &"state".into(), state.as_ref());
    let _ = js_sys::Reflect::set(&hook, &"links".into(), links.as_ref());
    let _ = js_sys::Reflect::set(&hook, &"traced".into(), traced.as_ref());
    let _ = js_sys::Reflect::set(&hook, &"edges".into(), edges.as_ref());
    let _ = js_sys::Reflect::set(&hook, &"highlighted".into(), highlighted.as_ref());
    let _ = js_sys::Reflect::set(&hook, &"nodes".into(), nodes.as_ref());
    let _ = js_sys::Reflect::set(&hook, &"settled".into(), settled.as_ref());
    let _ = js_sys::Reflect::set(&hook, &"world".into(), world.as_ref());
    let _ = js_sys::Reflect::set(&hook, &"layoutInWorker".into(), in_worker.as_ref());
    let _ = js_sys::Reflect::set(&window, &"hopscopeTest".into(), &hook);
    // The hook lives as long as the page.
    memory.forget();
    saved_view.forget();
    fail_saves.forget();
    crash.forget();
    state.forget();
    nodes.forget();
    settled.forget();
    world.forget();
    in_worker.forget();
    edges.forget();
    highlighted.forget();
    links.forget();
    traced.forget();
}

/// `[{address, x, y}, …]` for the page.
fn points(list: Option<Vec<(String, [f32; 2])>>) -> JsValue {
    let out = js_sys::Array::new();
    for (address, [x, y]) in list.unwrap_or_default() {
        let entry = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&entry, &"address".into(), &address.into());
        let _ = js_sys::Reflect::set(&entry, &"x".into(), &x.into());
        let _ = js_sys::Reflect::set(&entry, &"y".into(), &y.into());
        out.push(&entry);
    }
    out.into()
}
