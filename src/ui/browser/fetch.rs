//! Reading the app's own files over HTTP (gloo-net): the compiled content's catalog and data
//! files. Paths are relative to the app's root: the folder of the content catalog that the page
//! preloads (`<link rel="preload" href=".../packs/index.json">`), else the page's own base. So
//! the app finds its files wherever it is served from, at any route.

/// The text of the file at `path`, or why it could not be read, in plain words.
pub async fn fetch_text(path: &str) -> Result<String, String> {
    #[cfg(target_arch = "wasm32")]
    {
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

/// `path` (relative to the app's root) as an absolute URL.
#[cfg(target_arch = "wasm32")]
fn app_url(path: &str) -> Option<String> {
    use crate::content::compiled::CATALOG_PATH;
    let doc = web_sys::window()?.document()?;
    let base = doc.base_uri().ok().flatten()?;
    let root = doc
        .query_selector("link[rel=preload][as=fetch]")
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
