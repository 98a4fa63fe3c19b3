//! Thin wrappers over the browser: clock, fetching the app's own files, storage, media queries, speech, downloads, files,
//! drag and drop, the clipboard, page visibility and the document title. The rest of the UI calls
//! these and never a browser API itself; gloo's crates do the work where they fit.
//!
//! On native targets (where the UI is compiled for clippy but never run) each function is a
//! harmless stand-in, so the rest of the UI needs no `cfg`.

mod dialog;
mod fetch;
mod files;
pub mod lrs;
pub mod scorm;
mod speech;
pub mod storage;
mod tab;

pub use dialog::*;
pub use fetch::*;
pub use files::*;
pub use speech::*;
pub use tab::*;

/// Milliseconds since the page loaded (monotonic), for reply times.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.performance())
            .map(|p| p.now())
            .unwrap_or_else(js_sys::Date::now)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// Milliseconds since the Unix epoch, for dating saved calls.
pub fn epoch_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// A fresh random seed from the browser's crypto source.
pub fn fresh_seed() -> u64 {
    let mut bytes = [0u8; 8];
    if getrandom_fill(&mut bytes) {
        u64::from_le_bytes(bytes) >> 11
    } else {
        epoch_ms() as u64
    }
}

fn getrandom_fill(bytes: &mut [u8]) -> bool {
    use rand::TryRng;
    rand::rngs::SysRng.try_fill_bytes(bytes).is_ok()
}

/// Whether the user asked the system for reduced motion.
pub fn prefers_reduced_motion() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| {
                w.match_media("(prefers-reduced-motion: reduce)")
                    .ok()
                    .flatten()
            })
            .map(|m| m.matches())
            .unwrap_or(false)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}

/// Sets the document's title.
pub fn set_document_title(title: &str) {
    #[cfg(target_arch = "wasm32")]
    leptos::prelude::document().set_title(title);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = title;
}

/// A date and time (Unix ms) in the browser's time zone, written the British way.
pub fn local_date_time(ms: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
        String::from(d.to_locale_string("en-GB", &wasm_bindgen::JsValue::UNDEFINED))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{ms}")
    }
}

/// Whether a key event comes from a form field (where digits are typed, not shortcuts).
pub fn in_form_field(ev: &web_sys::KeyboardEvent) -> bool {
    use leptos::wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
        .unwrap_or(false)
}

/// Whether a key event comes from a control that handles Enter itself (a button, a link, a
/// summary).
pub fn on_control(ev: &web_sys::KeyboardEvent) -> bool {
    use leptos::wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().as_str(), "BUTTON" | "A" | "SUMMARY"))
        .unwrap_or(false)
}

/// Scrolls the page to its top (a new screen starts at its top).
pub fn scroll_to_top() {
    #[cfg(target_arch = "wasm32")]
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// A short date (Unix ms) in the browser's time zone, for a chart's axis: "12 Mar".
pub fn local_short_date(ms: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
        let options = js_sys::Object::new();
        let set = |k: &str, v: &str| {
            let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
        };
        set("day", "numeric");
        set("month", "short");
        String::from(d.to_locale_date_string("en-GB", &options))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        format!("{ms}")
    }
}
