//! PNG download, made in the browser from the SVG export: the server needs
//! no rasteriser, and the picture is exactly the drawing.

/// Fetches the SVG at `svg_url`, draws it on a canvas and saves it as PNG.
pub fn download(svg_url: &str) {
    // Few people ever ask for a picture: its code is a chunk of its own,
    // loaded on the first click, not part of the map page's download.
    #[cfg(feature = "hydrate")]
    {
        #[leptos::lazy]
        async fn make_png(svg_url: String) {
            if let Err(e) = to_png(&svg_url).await {
                leptos::logging::error!("PNG download failed: {e:?}");
            }
        }
        leptos::task::spawn_local(make_png(svg_url.to_owned()));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = svg_url;
}

#[cfg(feature = "hydrate")]
async fn to_png(svg_url: &str) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let document = window.document().ok_or(JsValue::NULL)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(svg_url)).await?.dyn_into()?;
    let blob: web_sys::Blob = JsFuture::from(response.blob()?).await?.dyn_into()?;
    let object_url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let image = web_sys::HtmlImageElement::new()?;
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let fail = Closure::once_into_js(move || {
            let _ = reject.call0(&JsValue::NULL);
        });
        image.set_onload(Some(ok.unchecked_ref()));
        image.set_onerror(Some(fail.unchecked_ref()));
    });
    image.set_src(&object_url);
    JsFuture::from(loaded).await?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    // Twice the drawing's size, for a sharp picture on a projector.
    canvas.set_width(image.natural_width() * 2);
    canvas.set_height(image.natural_height() * 2);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d")?.ok_or(JsValue::NULL)?.dyn_into()?;
    context.scale(2.0, 2.0)?;
    context.draw_image_with_html_image_element(&image, 0.0, 0.0)?;
    web_sys::Url::revoke_object_url(&object_url)?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&canvas.to_data_url_with_type("image/png")?);
    link.set_download("samspill-map.png");
    link.click();
    Ok(())
}
