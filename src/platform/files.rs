//! Reading files the user picked or dropped: as a stream of slices in the import worker (so a
//! file of any size passes through a small buffer), or whole on the page where no worker can
//! run (refusing one too big to read whole); and making a file of pasted text so it goes the
//! same way.

use hopscope_core::MAX_WHOLE_FILE_BYTES;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Bytes left in JavaScript's memory (the import worker's answer, a stored case's blob),
/// read as frames (`format::wire`): copied into wasm memory a frame at a time, so the page
/// never holds them whole.
pub struct JsFrames(pub js_sys::Uint8Array);

impl hopscope_core::format::wire::Frames for JsFrames {
    fn size(&self) -> usize {
        self.0.length() as usize
    }

    fn copy(&self, range: std::ops::Range<usize>, out: &mut Vec<u8>) {
        out.resize(range.len(), 0);
        self.0
            .subarray(range.start as u32, range.end as u32)
            .copy_to(out);
    }
}

/// The files of a `FileList`, in order.
pub fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The file's bytes, or a message naming the problem (the caller names the file).
pub async fn read_bytes(file: &web_sys::File) -> Result<js_sys::ArrayBuffer, String> {
    let size = file.size();
    if size > MAX_WHOLE_FILE_BYTES as f64 {
        return Err(hopscope_core::format::too_big(size));
    }
    JsFuture::from(file.array_buffer())
        .await
        .ok()
        .and_then(|b| b.dyn_into().ok())
        .ok_or_else(|| "the browser could not read the file".to_owned())
}

/// A file holding `text`, as if the user had picked it.
pub fn text_file(name: &str, text: &str) -> Option<web_sys::File> {
    let parts = js_sys::Array::of1(&text.into());
    web_sys::File::new_with_str_sequence(&parts, name).ok()
}

/// A file read in slices as a `std::io::Read`, with `FileReaderSync` (workers only): the
/// file's bytes pass through the caller's buffer and are never all in memory.
pub struct BlobReader {
    blob: web_sys::Blob,
    reader: web_sys::FileReaderSync,
    at: f64,
    size: f64,
}

impl BlobReader {
    /// `None` where `FileReaderSync` does not exist (on the page).
    pub fn new(blob: web_sys::Blob) -> Option<Self> {
        let reader = web_sys::FileReaderSync::new().ok()?;
        let size = blob.size();
        Some(BlobReader {
            blob,
            reader,
            at: 0.0,
            size,
        })
    }
}

impl std::io::Read for BlobReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let end = (self.at + buf.len() as f64).min(self.size);
        if end <= self.at {
            return Ok(0);
        }
        let failed = |what: &str| {
            std::io::Error::other(format!(
                "the browser could not read the file at byte {}: {what}",
                self.at
            ))
        };
        let slice = self
            .blob
            .slice_with_f64_and_f64(self.at, end)
            .map_err(|_| failed("no slice"))?;
        let bytes = self.reader.read_as_array_buffer(&slice).map_err(|e| {
            let name = e
                .dyn_ref::<web_sys::DomException>()
                .map(|d| d.name())
                .unwrap_or_default();
            failed(&format!("{name}; was it changed or moved?"))
        })?;
        let bytes = js_sys::Uint8Array::new(&bytes);
        let n = (bytes.length() as usize).min(buf.len());
        if n == 0 {
            return Err(failed("it ended before its size"));
        }
        bytes.subarray(0, n as u32).copy_to(&mut buf[..n]);
        self.at += n as f64;
        Ok(n)
    }
}
