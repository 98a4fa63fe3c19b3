//! Reading the app's own files over HTTP (gloo-net): the compiled content's catalog and data
//! files. Paths are relative to the app's root: the folder of the content catalog that the page
//! preloads (`<link rel="preload" href=".../packs/index.json">`, on a SCORM package's launch
//! page), else the page's own base. So the app finds its files wherever it is served from, at
//! any route.
//!
//! The page's loader (`scripts/csp.py`) fetches the files a page reads first (the catalog, and
//! on Practice the first call's campaign) while the wasm downloads; [`fetch_text`] takes such a
//! text over once instead of fetching the file again, and fetches it itself when the loader's
//! fetch failed.

/// The text of the file at `path`, or why it could not be read, in plain words.
pub async fn fetch_text(path: &str) -> Result<String, String> {
    #[cfg(target_arch = "wasm32")]
    {
        if let Some(text) = take_fetched(path).await {
            return Ok(text);
        }
        let response = get(path).await?;
        response
            .text()
            .await
            .map_err(|e| format!("{path} could not be read ({e})"))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Err(format!("{path}: no network outside the browser"))
    }
}

/// The bytes of the file at `path`, or why they could not be read, in plain words.
pub async fn fetch_bytes(path: &str) -> Result<Vec<u8>, String> {
    #[cfg(target_arch = "wasm32")]
    {
        let response = get(path).await?;
        response
            .binary()
            .await
            .map_err(|e| format!("{path} could not be read ({e})"))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Err(format!("{path}: no network outside the browser"))
    }
}

/// A successful response for `path`, or why there is none.
#[cfg(target_arch = "wasm32")]
async fn get(path: &str) -> Result<gloo_net::http::Response, String> {
    let url = app_url(path).unwrap_or_else(|| path.to_string());
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|e| format!("{path} could not be fetched ({e})"))?;
    if response.ok() {
        Ok(response)
    } else {
        Err(format!(
            "{path} could not be fetched (HTTP {})",
            response.status()
        ))
    }
}

/// The text the page's loader fetched for `path` before the app started
/// (`window.composureFetched`, written by `scripts/csp.py`: URL to a promise of the text, or of
/// null when that fetch failed), taken once. `None` when the loader fetched nothing for it or
/// its fetch failed: the caller then fetches the file itself.
#[cfg(target_arch = "wasm32")]
async fn take_fetched(path: &str) -> Option<String> {
    use wasm_bindgen::{JsCast, JsValue};
    let url = JsValue::from_str(&app_url(path)?);
    let fetched: js_sys::Object =
        js_sys::Reflect::get(&web_sys::window()?.into(), &"composureFetched".into())
            .ok()?
            .dyn_into()
            .ok()?;
    let promise: js_sys::Promise = js_sys::Reflect::get(&fetched, &url).ok()?.dyn_into().ok()?;
    // Taken once: a later read of the same file (after the service worker updated it, say)
    // fetches it anew.
    let _ = js_sys::Reflect::delete_property(&fetched, &url);
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_string()
}

/// `path` (relative to the app's root) as an absolute URL.
#[cfg(target_arch = "wasm32")]
fn app_url(path: &str) -> Option<String> {
    use crate::content::compiled::CATALOG_PATH;
    let doc = web_sys::window()?.document()?;
    let base = doc.base_uri().ok().flatten()?;
    let root = doc
        .query_selector("link[rel=preload][href$='packs/index.json']")
        .ok()
        .flatten()
        .and_then(|l| l.get_attribute("href"))
        .and_then(|href| web_sys::Url::new_with_base(&href, &base).ok())
        .and_then(|u| u.href().strip_suffix(CATALOG_PATH).map(str::to_string))
        .unwrap_or(base);
    web_sys::Url::new_with_base(path, &root)
        .ok()
        .map(|u| u.href())
}
