//! The page's side of the layout worker: starts it, queues messages until it is ready, and
//! turns its reports into `LayoutEvent`s. A worker that cannot start (no worker script, as in
//! the wasm-bindgen test runner) or stops is reported, and the page then lays out by itself.

use std::cell::RefCell;
use std::rc::Rc;

use hopscope_core::layout::{Command, LayoutInput, Mode};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use super::protocol::{
    buffers_of, input_to_js, message, open, reshape_to_js, Report, Request, WORKER_SCRIPT,
};

pub enum LayoutEvent {
    Positions {
        generation: u32,
        settled: bool,
        positions: Vec<f32>,
    },
    /// The worker could not start: lay out on the page.
    Unavailable,
    /// The worker stopped after it had started (a panic): lay out on the page, and say so.
    Stopped { message: String },
}

type Listeners = (
    Closure<dyn FnMut(MessageEvent)>,
    Closure<dyn FnMut(ErrorEvent)>,
);

#[derive(Default)]
struct State {
    worker: Option<Worker>,
    ready: bool,
    queued: Vec<(JsValue, js_sys::Array)>,
    failed: bool,
    _listeners: Option<Listeners>,
}

/// A handle on the layout worker; clones share it.
#[derive(Clone)]
pub struct LayoutClient {
    state: Rc<RefCell<State>>,
}

impl LayoutClient {
    /// Starts the worker; `None` where workers cannot be made at all.
    pub fn start(handler: impl Fn(LayoutEvent) + 'static) -> Option<LayoutClient> {
        let worker = Worker::new(WORKER_SCRIPT).ok()?;
        let state: Rc<RefCell<State>> = Rc::default();
        let handler = Rc::new(handler);
        let (weak, h) = (Rc::downgrade(&state), handler.clone());
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let Some(state) = weak.upgrade() else {
                return;
            };
            let Ok((report, data)) = open::<Report>(&ev.data()) else {
                return;
            };
            match report {
                Report::Ready => {
                    let mut s = state.borrow_mut();
                    s.ready = true;
                    let queued = std::mem::take(&mut s.queued);
                    if let Some(worker) = &s.worker {
                        for (msg, transfer) in queued {
                            let _ = worker.post_message_with_transfer(&msg, &transfer);
                        }
                    }
                }
                Report::Positions {
                    generation,
                    settled,
                    ..
                } => {
                    if let Ok(array) = data.dyn_into::<js_sys::Float32Array>() {
                        h(LayoutEvent::Positions {
                            generation,
                            settled,
                            positions: array.to_vec(),
                        });
                    }
                }
            }
        });
        let (weak, h) = (Rc::downgrade(&state), handler);
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |ev: ErrorEvent| {
            ev.prevent_default();
            let mut had_started = false;
            if let Some(state) = weak.upgrade() {
                let mut s = state.borrow_mut();
                had_started = s.ready;
                s.failed = true;
                s.queued.clear();
                if let Some(worker) = s.worker.take() {
                    worker.terminate();
                }
            }
            h(if had_started {
                LayoutEvent::Stopped {
                    message: ev.message(),
                }
            } else {
                LayoutEvent::Unavailable
            });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        {
            let mut s = state.borrow_mut();
            s.worker = Some(worker);
            s._listeners = Some((on_message, on_error));
        }
        Some(LayoutClient { state })
    }

    /// Makes the worker panic (hidden, for tests of how the page copes).
    pub fn crash(&self) {
        if let Ok(msg) = message(&Request::Crash, None) {
            self.post(msg, js_sys::Array::new());
        }
    }

    /// Whether the worker is (still) usable.
    pub fn is_usable(&self) -> bool {
        !self.state.borrow().failed
    }

    /// Lays out a graph from scratch (from `start` positions when not empty), or reshapes the
    /// running layout by `keep` when it is not empty.
    #[allow(clippy::too_many_arguments)]
    pub fn load(
        &self,
        generation: u32,
        input: &LayoutInput,
        seed: u32,
        keep: &[i32],
        start: &[f32],
        mode: Mode,
        paused: bool,
    ) {
        let parts = input_to_js(input);
        reshape_to_js(&parts, keep, start);
        let transfer = buffers_of(&parts);
        let request = Request::Load {
            generation,
            n_nodes: input.n_nodes as u32,
            seed,
            mode,
            paused,
        };
        if let Ok(msg) = message(&request, Some(&parts)) {
            self.post(msg, transfer);
        }
    }

    pub fn command(&self, command: Command) {
        if let Ok(msg) = message(&Request::Command { command }, None) {
            self.post(msg, js_sys::Array::new());
        }
    }

    fn post(&self, msg: JsValue, transfer: js_sys::Array) {
        let mut s = self.state.borrow_mut();
        if s.failed {
            return;
        }
        match (&s.worker, s.ready) {
            (Some(worker), true) => {
                let _ = worker.post_message_with_transfer(&msg, &transfer);
            }
            _ => s.queued.push((msg, transfer)),
        }
    }
}
