//! The browser's database (IndexedDB) for autosaved cases: no small ceiling (the browser
//! gives a site a share of the disk, not localStorage's 5 MB), and writes that are all or
//! nothing — every change of one save is made in one transaction, so a save that fails half
//! way, or a tab closed during it, leaves the last saved state as it was. Also the storage
//! estimate (usage and quota) and the request that the browser keep the site's data.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::storage::StoreError;

const DATABASE: &str = "hopscope";
const VERSION: u32 = 1;

/// The stores: a case's data (its case file, UTF-8 bytes in a blob), its investigation (JSON
/// text), and small records (the recent list, the open case's key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    Cases,
    Views,
    Meta,
}

impl Store {
    const ALL: [Store; 3] = [Store::Cases, Store::Views, Store::Meta];

    fn name(self) -> &'static str {
        match self {
            Store::Cases => "cases",
            Store::Views => "views",
            Store::Meta => "meta",
        }
    }
}

/// One change of a save.
pub enum Change {
    /// Text under a key.
    Text(Store, String, String),
    /// A blob under a key (a case's data, UTF-8: no UTF-16 copy, no string length limit, no
    /// record size limit), made with `BlobWriter`.
    Blob(Store, String, web_sys::Blob),
    Delete(Store, String),
}

/// A fault the journeys ask for, to check that a failed save loses nothing: from then on
/// (until cleared) each save makes its changes and is then stopped before it commits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// As if the tab were closed half way through the save.
    Stopped,
    /// As if the disk were full.
    Full,
}

thread_local! {
    static OPEN: RefCell<Option<Rc<Database>>> = const { RefCell::new(None) };
    static FAULT: Cell<Option<Fault>> = const { Cell::new(None) };
}

/// Makes every save from now on fail with `fault`, or none (the journeys' hook).
pub fn fail_saves(fault: Option<Fault>) {
    FAULT.with(|f| f.set(fault));
}

/// Whether saves are made to fail (then nothing else is written either, as in a tab that was
/// killed).
pub fn failing() -> bool {
    FAULT.with(Cell::get).is_some()
}

fn unavailable(e: impl std::fmt::Display) -> StoreError {
    StoreError::Unavailable(format!("the browser's database refused it ({e})"))
}

/// A failure as the user is told it: a full disk is named as such.
fn store_error(e: idb::Error) -> StoreError {
    let text = e.to_string();
    if text.contains("Quota") {
        StoreError::Full
    } else {
        unavailable(text)
    }
}

async fn database() -> Result<Rc<Database>, StoreError> {
    if let Some(db) = OPEN.with(|o| o.borrow().clone()) {
        return Ok(db);
    }
    let factory = Factory::new().map_err(|_| {
        StoreError::Unavailable("this browser gives the page no database (private mode?)".into())
    })?;
    let mut request = factory.open(DATABASE, Some(VERSION)).map_err(store_error)?;
    request.on_upgrade_needed(|event| {
        if let Ok(db) = event.database() {
            let have = db.store_names();
            for store in Store::ALL {
                if !have.iter().any(|n| n == store.name()) {
                    let _ = db.create_object_store(store.name(), ObjectStoreParams::new());
                }
            }
        }
    });
    let db = Rc::new(request.await.map_err(store_error)?);
    OPEN.with(|o| *o.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// Makes every change in one transaction: all of them are stored, or none is.
pub async fn write(changes: Vec<Change>) -> Result<(), StoreError> {
    let db = database().await?;
    let names: Vec<&str> = Store::ALL.iter().map(|s| s.name()).collect();
    let tx = db
        .transaction(&names, TransactionMode::ReadWrite)
        .map_err(store_error)?;
    if let Err(e) = stage(&tx, changes) {
        // What was already asked for is not kept: all or nothing.
        let _ = tx.abort();
        return Err(e);
    }
    // How the transaction ends is waited for with the promise's own resolve function as its
    // event handlers (no Rust closure is left for a later event to call).
    let tx: web_sys::IdbTransaction = tx.into();
    let ended = js_sys::Promise::new(&mut |resolve, _reject| {
        let to = |how: &str| -> js_sys::Function {
            resolve.bind1(&JsValue::NULL, &how.into()).unchecked_into()
        };
        tx.set_oncomplete(Some(&to("complete")));
        tx.set_onabort(Some(&to("abort")));
    });
    let fault = FAULT.with(Cell::get);
    if fault.is_some() {
        let _ = tx.abort();
    }
    let how = JsFuture::from(ended).await.ok().and_then(|v| v.as_string());
    match (fault, how.as_deref()) {
        (Some(Fault::Stopped), _) => Err(StoreError::Unavailable(
            "the save was stopped half way".into(),
        )),
        (Some(Fault::Full), _) => Err(StoreError::Full),
        (None, Some("complete")) => Ok(()),
        (None, _) => {
            let name = tx.error().map(|e| (e.name(), e.message()));
            Err(match name {
                Some((name, _)) if name.contains("Quota") => StoreError::Full,
                Some((name, message)) => unavailable(format!("{name}: {message}")),
                None => StoreError::Unavailable(
                    "the browser stopped the save before it was complete".into(),
                ),
            })
        }
    }
}

/// Asks `tx` for every change.
fn stage(tx: &idb::Transaction, changes: Vec<Change>) -> Result<(), StoreError> {
    for change in changes {
        let (store, key, value) = match change {
            Change::Text(store, key, text) => (store, key, Some(JsValue::from_str(&text))),
            Change::Blob(store, key, blob) => (store, key, Some(blob.into())),
            Change::Delete(store, key) => (store, key, None),
        };
        let store = tx.object_store(store.name()).map_err(store_error)?;
        let key = JsValue::from_str(&key);
        match value {
            Some(value) => {
                store.put(&value, Some(&key)).map_err(store_error)?;
            }
            None => {
                store.delete(key).map_err(store_error)?;
            }
        }
    }
    Ok(())
}

/// What a store holds under a key: text, or a blob's bytes, left in JavaScript's memory.
pub enum Stored {
    Text(String),
    Bytes(js_sys::Uint8Array),
}

impl Stored {
    /// As text: bytes read as UTF-8 (copied into wasm memory).
    pub fn into_text(self) -> String {
        match self {
            Stored::Text(text) => text,
            Stored::Bytes(bytes) => {
                let bytes = bytes.to_vec();
                String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
            }
        }
    }
}

/// What is stored under `key`: text as it was stored, bytes as UTF-8 text.
pub async fn read(store: Store, key: &str) -> Result<Option<String>, StoreError> {
    Ok(read_stored(store, key).await?.map(Stored::into_text))
}

/// What is stored under `key`, as it was stored.
pub async fn read_stored(store: Store, key: &str) -> Result<Option<Stored>, StoreError> {
    let db = database().await?;
    let tx = db
        .transaction(&[store.name()], TransactionMode::ReadOnly)
        .map_err(store_error)?;
    let value = tx
        .object_store(store.name())
        .map_err(store_error)?
        .get(JsValue::from_str(key))
        .map_err(store_error)?
        .await
        .map_err(store_error)?;
    let Some(value) = value else {
        return Ok(None);
    };
    if let Some(text) = value.as_string() {
        return Ok(Some(Stored::Text(text)));
    }
    let Ok(blob) = value.dyn_into::<web_sys::Blob>() else {
        return Ok(None);
    };
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| unavailable("its data could not be read back"))?;
    Ok(Some(Stored::Bytes(js_sys::Uint8Array::new(&buffer))))
}

/// Bytes written in pieces into a `Blob`: each piece is handed to the browser as a blob of
/// its own as it fills, so a big case's text is never whole in wasm memory and the last step
/// only strings the pieces together (one blob made of all the bytes at the end took 160 ms
/// for a million-transfer case); the browser keeps a blob's bytes beside the record, so a
/// value may be bigger than the 127 MiB Chromium allows a record itself.
pub struct BlobWriter {
    parts: js_sys::Array,
    piece: Vec<u8>,
    written: usize,
    /// A piece the browser would not take.
    failed: bool,
}

/// Bytes gathered before they are handed to the browser.
const PIECE_BYTES: usize = 4 << 20;

impl BlobWriter {
    pub fn new() -> Self {
        BlobWriter {
            parts: js_sys::Array::new(),
            piece: Vec::with_capacity(PIECE_BYTES),
            written: 0,
            failed: false,
        }
    }

    fn hand_over(&mut self) {
        if !self.piece.is_empty() {
            let bytes = js_sys::Array::of1(&js_sys::Uint8Array::from(self.piece.as_slice()));
            match web_sys::Blob::new_with_u8_array_sequence(&bytes) {
                Ok(blob) => {
                    self.parts.push(&blob);
                }
                Err(_) => self.failed = true,
            }
            self.piece.clear();
        }
    }

    /// The blob, and how many bytes it holds.
    pub fn finish(mut self) -> Result<(web_sys::Blob, usize), StoreError> {
        self.hand_over();
        let cannot =
            || StoreError::Unavailable("the browser could not hold the case's data".into());
        if self.failed {
            return Err(cannot());
        }
        let blob = web_sys::Blob::new_with_blob_sequence(&self.parts).map_err(|_| cannot())?;
        Ok((blob, self.written))
    }
}

impl Default for BlobWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl std::io::Write for BlobWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.failed {
            return Err(std::io::Error::other(
                "the browser would not take a piece of the case's data",
            ));
        }
        self.piece.extend_from_slice(bytes);
        self.written += bytes.len();
        if self.piece.len() >= PIECE_BYTES {
            self.hand_over();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
/// How much of the disk this site uses and may use, in bytes, as the browser estimates it.
pub async fn estimate() -> Option<(f64, f64)> {
    let storage = web_sys::window()?.navigator().storage();
    let estimate = JsFuture::from(storage.estimate().ok()?).await.ok()?;
    let number = |k: &str| {
        js_sys::Reflect::get(&estimate, &k.into())
            .ok()
            .and_then(|v| v.as_f64())
    };
    Some((number("usage")?, number("quota")?))
}

/// Asks the browser to keep the site's data when the disk runs short; whether it will.
pub async fn ask_to_persist() -> bool {
    let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else {
        return false;
    };
    let Ok(promise) = storage.persist() else {
        return false;
    };
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
