//! The page's side of the import worker: starts it on first use, queues a request until the
//! worker says it is ready, turns its replies into `ImportEvent`s, and stops it on cancel or
//! when it has answered with much memory, so that memory is given back (a fresh one starts
//! with the next request). When no worker can start (no worker script, as
//! in the wasm-bindgen test runner, or a page opened where workers are refused) the caller is
//! told to read on the page instead.

use std::cell::RefCell;
use std::rc::Rc;

use hopscope_core::format::wire::{decode_from, ReadFile};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use super::protocol::{message, open, Reply, Request, WORKER_SCRIPT};
use crate::platform::files::JsFrames;

/// What the worker did for a request.
pub enum ImportEvent {
    Progress {
        id: u32,
        done: f64,
    },
    /// The files as read, or why the answer could not be used.
    Done {
        id: u32,
        files: Result<Vec<ReadFile>, String>,
    },
    /// The worker stopped while reading (e.g. out of memory).
    Failed {
        id: u32,
        message: String,
    },
    /// No worker could start: read the request's files on the page.
    Unavailable {
        id: u32,
    },
}

/// A worker whose memory grew past this is stopped once it has answered.
const KEEP_WORKER_BYTES: f64 = 256.0 * 1024.0 * 1024.0;

type Handler = Rc<dyn Fn(ImportEvent)>;
/// The worker's message and error listeners, kept alive while it runs.
type Listeners = (
    Closure<dyn FnMut(MessageEvent)>,
    Closure<dyn FnMut(ErrorEvent)>,
);

#[derive(Default)]
struct State {
    worker: Option<Worker>,
    ready: bool,
    /// The request in progress, and its message while the worker is starting.
    current: Option<u32>,
    queued: Option<JsValue>,
    /// A worker failed to start: every later request is read on the page.
    unavailable: bool,
    _listeners: Option<Listeners>,
}

/// A handle on the import worker; clones share it.
#[derive(Clone)]
pub struct ImportClient {
    state: Rc<RefCell<State>>,
    handler: Handler,
}

impl ImportClient {
    pub fn new(handler: impl Fn(ImportEvent) + 'static) -> Self {
        ImportClient {
            state: Rc::default(),
            handler: Rc::new(handler),
        }
    }

    /// Sends a request with its files (handles the worker reads in slices: no bytes are
    /// copied). `false` when files must be read on the page because no worker can run.
    pub fn send(&self, request: &Request, files: &[web_sys::File]) -> bool {
        if self.state.borrow().unavailable || !self.ensure_worker() {
            return false;
        }
        let list = js_sys::Array::new();
        for f in files {
            list.push(f);
        }
        let Ok(msg) = message(request, Some(&list)) else {
            return false;
        };
        let mut state = self.state.borrow_mut();
        state.current = Some(request.id);
        if state.ready {
            if let Some(worker) = &state.worker {
                return worker.post_message(&msg).is_ok();
            }
        }
        state.queued = Some(msg);
        true
    }

    /// Stops whatever the worker is doing; the next request starts a fresh worker.
    pub fn cancel(&self) {
        let mut state = self.state.borrow_mut();
        if let Some(worker) = state.worker.take() {
            worker.terminate();
        }
        state.ready = false;
        state.current = None;
        state.queued = None;
        state._listeners = None;
    }

    fn ensure_worker(&self) -> bool {
        if self.state.borrow().worker.is_some() {
            return true;
        }
        let Ok(worker) = Worker::new(WORKER_SCRIPT) else {
            self.state.borrow_mut().unavailable = true;
            return false;
        };
        let (state, handler) = (Rc::downgrade(&self.state), self.handler.clone());
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let Some(state) = state.upgrade() else {
                return;
            };
            if let Some(event) = on_reply(&state, &ev.data()) {
                handler(event);
            }
        });
        let (state, handler) = (Rc::downgrade(&self.state), self.handler.clone());
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |ev: ErrorEvent| {
            ev.prevent_default();
            let Some(state) = state.upgrade() else {
                return;
            };
            if let Some(event) = on_failure(&state, ev.message()) {
                handler(event);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let mut state = self.state.borrow_mut();
        state.worker = Some(worker);
        state._listeners = Some((on_message, on_error));
        true
    }
}

/// Handles a reply; the state is released before the event is handled, so a handler may send
/// the next request.
fn on_reply(state: &Rc<RefCell<State>>, data: &JsValue) -> Option<ImportEvent> {
    let (reply, bytes): (Reply, JsValue) = open(data).ok()?;
    let mut s = state.borrow_mut();
    match reply {
        Reply::Ready => {
            s.ready = true;
            if let (Some(msg), Some(worker)) = (s.queued.take(), &s.worker) {
                if worker.post_message(&msg).is_err() {
                    let id = s.current.take()?;
                    return Some(ImportEvent::Failed {
                        id,
                        message: "the files could not be handed to the import worker".into(),
                    });
                }
            }
            None
        }
        Reply::Failed { id, message } => {
            if s.current != Some(id) {
                return None;
            }
            s.current = None;
            Some(ImportEvent::Failed { id, message })
        }
        Reply::Progress { id, done } => {
            (s.current == Some(id)).then_some(ImportEvent::Progress { id, done })
        }
        Reply::Done { id, memory } => {
            if s.current != Some(id) {
                return None;
            }
            crate::platform::memory::set_import_worker_bytes(memory);
            s.current = None;
            // A worker that grew big is stopped: its memory (which wasm never gives back)
            // goes with it, the case it read is now the page's alone, and the next request
            // starts a fresh worker. A small one stays, so small files open at once. Its
            // listeners are dropped once this one has returned.
            if memory > KEEP_WORKER_BYTES {
                if let Some(worker) = s.worker.take() {
                    worker.terminate();
                }
                s.ready = false;
                let listeners = s._listeners.take();
                leptos::prelude::set_timeout(move || drop(listeners), std::time::Duration::ZERO);
            }
            drop(s);
            let files = bytes
                .dyn_into::<js_sys::Uint8Array>()
                .map_err(|_| "the import worker sent no result".to_owned())
                .and_then(|b| decode_from(&JsFrames(b)));
            Some(ImportEvent::Done { id, files })
        }
    }
}

/// A worker that fails before it is ready cannot run here; one that fails later stopped on
/// the files it was reading, and is replaced on the next request.
fn on_failure(state: &Rc<RefCell<State>>, message: String) -> Option<ImportEvent> {
    let mut s = state.borrow_mut();
    let id = s.current.take();
    if let Some(worker) = s.worker.take() {
        worker.terminate();
    }
    s.queued = None;
    if !s.ready {
        s.unavailable = true;
        return id.map(|id| ImportEvent::Unavailable { id });
    }
    s.ready = false;
    id.map(|id| ImportEvent::Failed { id, message })
}
