//! The import worker's side: takes a request, reads each file in slices as it streams
//! through the core's importers (reporting progress as they pass each megabyte), and posts
//! the result in the core's wire form, transferring the buffer rather than copying it.

use hopscope_core::format::read_stream;
use hopscope_core::format::wire::encode;
use hopscope_core::format::Progress;
use hopscope_core::ImportOptions;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::protocol::{message, open, Reply, Request};
use crate::platform::files::BlobReader;

/// Starts answering requests (the worker binary's `main`).
pub fn run() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        if let Err((id, message)) = answer(&ev.data()) {
            // The page is told, so its progress bar does not wait for ever.
            if post(
                &Reply::Failed {
                    id,
                    message: message.clone(),
                },
                None,
            )
            .is_err()
            {
                web_sys::console::error_1(&format!("import worker: {message}").into());
            }
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = post(&Reply::Ready, None);
}

fn post(reply: &Reply, data: Option<&js_sys::Uint8Array>) -> Result<(), String> {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let msg = message(reply, data.map(|d| d.as_ref()))?;
    match data {
        Some(bytes) => scope.post_message_with_transfer(&msg, &js_sys::Array::of1(&bytes.buffer())),
        None => scope.post_message(&msg),
    }
    .map_err(|_| "cannot post a reply".to_owned())
}

/// Reads a request's files and posts the result; an error names the request.
fn answer(data: &JsValue) -> Result<(), (u32, String)> {
    let (request, files): (Request, JsValue) = open(data).map_err(|e| (0, e))?;
    let id = request.id;
    read_request(request, files).map_err(|e| (id, e))
}

fn read_request(request: Request, files: JsValue) -> Result<(), String> {
    let files: js_sys::Array = files.dyn_into().map_err(|_| "no files")?;
    let id = request.id;
    let mut read = Vec::with_capacity(request.names.len());
    let mut offset = 0.0;
    for (i, name) in request.names.iter().enumerate() {
        let blob: web_sys::Blob = files.get(i as u32).dyn_into().map_err(|_| "not a file")?;
        let size = blob.size();
        let source = BlobReader::new(blob).ok_or("this browser cannot read files in a worker")?;
        let options = ImportOptions {
            chain: request.chain.clone(),
            progress: Progress::new(move |done| {
                let _ = post(
                    &Reply::Progress {
                        id,
                        done: offset + done as f64,
                    },
                    None,
                );
            }),
            ..ImportOptions::default()
        };
        read.push(read_stream(
            name,
            size as u64,
            source,
            &options,
            request.mapping.as_ref(),
        ));
        offset += size;
        post(&Reply::Progress { id, done: offset }, None)?;
    }
    let encoded = js_sys::Uint8Array::from(encode(&read).as_slice());
    drop(read);
    let memory = crate::platform::memory::wasm_memory_bytes();
    post(&Reply::Done { id, memory }, Some(&encoded))
}
