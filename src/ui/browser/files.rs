//! Files and links: downloads, file inputs, drag and drop, reading a file as text, the clipboard,
//! the page's origin.

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    download_bytes(name, mime, text.as_bytes());
}

/// Offers `bytes` as a file download named `name`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let blob = gloo_file::Blob::new_with_options(bytes, Some(mime));
        // The object URL is revoked when `url` is dropped, after the click started the download.
        let url = gloo_file::ObjectUrl::from(blob);
        let doc = leptos::prelude::document();
        if let Some(a) = doc
            .create_element("a")
            .ok()
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (name, mime, bytes);
}

/// The page's origin (`https://host:port`), for links.
pub fn origin() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// Copies text to the clipboard; the promise's outcome is ignored (the text box is the
/// fallback).
pub fn copy_text(text: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        match web_sys::window() {
            Some(w) => {
                let _ = w.navigator().clipboard().write_text(text);
                true
            }
            None => false,
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = text;
        false
    }
}

/// The files of a file input's change event.
pub fn input_files(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    use leptos::wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|i| i.files())
        .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// Clears a file input so the same file can be chosen again.
pub fn clear_input(ev: &leptos::ev::Event) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(i) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        i.set_value("");
    }
}

/// The files dropped in a drag-and-drop.
pub fn dropped_files(ev: &web_sys::DragEvent) -> Vec<web_sys::File> {
    ev.data_transfer()
        .and_then(|d| d.files())
        .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default()
}

/// Selects the text of the input an event came from (a share link box, on focus).
pub fn select_target_text(ev: &leptos::ev::FocusEvent) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(i) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        i.select();
    }
}

/// Reads a file as text; files over the import limit are refused before reading.
pub async fn read_file(file: web_sys::File) -> Result<String, String> {
    let size = file.size();
    if size > crate::exchange::MAX_IMPORT_BYTES as f64 {
        return Err(crate::exchange::ImportError::TooLarge(size as usize).to_string());
    }
    // Not gloo-file's reader: its `&Event` listener closures make wasm-bindgen emit `table.fill`,
    // which the pinned wasm-opt (version_116, no reference types) cannot parse.
    let value = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| "the browser could not read it".to_string())?;
    value
        .as_string()
        .ok_or_else(|| "the browser could not read it as text".to_string())
}
