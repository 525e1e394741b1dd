//! Turning the exported SVG into a PNG in the browser: the SVG is loaded as an image from a
//! blob URL (same origin, so the canvas stays readable), drawn on an offscreen canvas `scale`
//! times its size, and encoded with `toBlob`.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// `svg` (of `width` × `height` CSS pixels) as PNG bytes at `scale` pixels per CSS pixel.
pub async fn svg_to_png(
    svg: &str,
    width: u32,
    height: u32,
    scale: u32,
) -> Result<web_sys::Blob, String> {
    let fail = |what: &str| format!("could not make the PNG: {what}");
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let parts = js_sys::Array::of1(&svg.into());
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| fail("no blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("no URL"))?;
    let image = web_sys::HtmlImageElement::new().map_err(|_| fail("no image"))?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        image.set_onload(Some(&resolve));
        image.set_onerror(Some(&reject));
    });
    image.set_src(&url);
    let result = JsFuture::from(loaded).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    result.map_err(|_| fail("the browser could not read the SVG"))?;

    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| fail("no document"))?;
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .ok()
        .and_then(|e| e.dyn_into().ok())
        .ok_or_else(|| fail("no canvas"))?;
    let scale = scale.clamp(1, 8);
    canvas.set_width(width * scale);
    canvas.set_height(height * scale);
    let ctx = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        .ok_or_else(|| fail("no 2D context"))?;
    ctx.draw_image_with_html_image_element_and_dw_and_dh(
        &image,
        0.0,
        0.0,
        (width * scale) as f64,
        (height * scale) as f64,
    )
    .map_err(|_| fail("could not draw the SVG"))?;
    let encoded = js_sys::Promise::new(&mut |resolve, _reject| {
        let callback = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        let _ = canvas.to_blob_with_type(callback.unchecked_ref(), "image/png");
    });
    let blob = JsFuture::from(encoded)
        .await
        .map_err(|_| fail("encoding failed"))?;
    blob.dyn_into::<web_sys::Blob>()
        .map_err(|_| fail("the picture is too big for this browser"))
}
