//! The layout worker's side: keeps one simulation, ticks it in slices of a few milliseconds
//! (yielding between slices so commands get through), posts the positions after each slice as
//! a transferred `Float32Array`, and stops when the layout rests or is paused.

use std::cell::RefCell;

use hopscope_core::layout::{Settings, Simulation};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::protocol::{input_from_js, message, open, reshape_from_js, Report, Request};

/// How long one slice of ticking may run before positions are posted.
const SLICE_MS: f64 = 12.0;

#[derive(Default)]
struct State {
    sim: Option<Simulation>,
    generation: u32,
    ticks: u32,
    scheduled: bool,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// Starts answering requests (the worker binary's `main`).
pub fn run() {
    console_error_panic_hook::set_once();
    let scope = scope();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        if let Err(e) = handle(&ev.data()) {
            web_sys::console::error_1(&format!("layout worker: {e}").into());
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    if let Ok(msg) = message(&Report::Ready, None) {
        let _ = scope.post_message(&msg);
    }
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn handle(data: &JsValue) -> Result<(), String> {
    let (request, payload): (Request, JsValue) = open(data)?;
    STATE.with_borrow_mut(|s| match request {
        Request::Load {
            generation,
            n_nodes,
            seed,
            mode,
            paused,
        } => {
            let input = input_from_js(n_nodes, &payload)
                .ok_or_else(|| "the graph arrays are damaged".to_owned())?;
            let (keep, start) = reshape_from_js(&payload)
                .ok_or_else(|| "the keep map or start positions are damaged".to_owned())?;
            match (&mut s.sim, keep.is_empty()) {
                (Some(sim), false) => sim.reshape(&input, &keep),
                _ => {
                    let settings = Settings::infer(input.n_nodes, input.links.len());
                    let mut sim = Simulation::new(&input, settings, u64::from(seed));
                    // The mode before saved positions, whose rest a change of mode would undo.
                    sim.set_mode(mode);
                    sim.start_from(&start);
                    s.sim = Some(sim);
                }
            }
            if let Some(sim) = &mut s.sim {
                sim.set_mode(mode);
                sim.set_paused(paused);
            }
            s.generation = generation;
            s.ticks = 0;
            post_positions(s);
            Ok::<(), String>(())
        }
        Request::Command { command } => {
            if let Some(sim) = &mut s.sim {
                sim.apply(&command);
            }
            post_positions(s);
            Ok(())
        }
        Request::Crash => {
            panic!("the layout worker was asked to stop (a test of how the page copes)")
        }
    })?;
    schedule();
    Ok(())
}

/// Queues the next slice unless one is queued or there is nothing to do.
fn schedule() {
    let wanted = STATE.with_borrow_mut(|s| {
        let run = !s.scheduled && s.sim.as_ref().is_some_and(Simulation::is_running);
        s.scheduled |= run;
        run
    });
    if wanted {
        let step = Closure::once_into_js(slice);
        let _ =
            scope().set_timeout_with_callback_and_timeout_and_arguments_0(step.unchecked_ref(), 0);
    }
}

/// Ticks for up to `SLICE_MS`, then posts the positions.
fn slice() {
    let now = || js_sys::Date::now();
    STATE.with_borrow_mut(|s| {
        s.scheduled = false;
        let started = now();
        if let Some(sim) = &mut s.sim {
            while sim.is_running() {
                sim.tick();
                s.ticks += 1;
                if now() - started > SLICE_MS {
                    break;
                }
            }
        }
        post_positions(s);
    });
    schedule();
}

fn post_positions(s: &State) {
    let Some(sim) = &s.sim else {
        return;
    };
    let positions = js_sys::Float32Array::from(sim.positions());
    let report = Report::Positions {
        generation: s.generation,
        settled: sim.is_settled(),
        ticks: s.ticks,
    };
    if let Ok(msg) = message(&report, Some(&positions)) {
        let _ = scope().post_message_with_transfer(&msg, &js_sys::Array::of1(&positions.buffer()));
    }
}
