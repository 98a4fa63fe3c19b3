//! The browser side of SCORM 1.2: whether this page is a package's launch page, the platform's
//! API (found by the standard search of parent frames, then the opener), the calls into it
//! (through `js_sys::Reflect` and `Function`, never `eval`), and making a package: fetching the
//! app's built files and zipping them with the set and the manifest.
//!
//! What to put in a package and what to tell the platform is decided by the core
//! (`exchange::scorm`); this module only carries it out.

use crate::content::compiled::CATALOG_PATH;
use crate::exchange::scorm::{self as core_scorm, Update, PACKAGE_META, PACKAGE_SET};
use crate::exchange::SetFile;
use crate::ui::browser::{fetch_bytes, fetch_text};

/// How many parent frames the search climbs before it gives up (ADL's own search stops at 7).
const MAX_PARENTS: usize = 10;

/// Whether this page is the launch page of a SCORM package (it carries [`PACKAGE_META`]).
pub fn package_mode() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        leptos::prelude::document()
            .query_selector(&format!("meta[name=\"{PACKAGE_META}\"]"))
            .ok()
            .flatten()
            .is_some()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = PACKAGE_META;
        false
    }
}

/// The platform's SCORM 1.2 API object, after a successful `LMSInitialize`. Invariant: once
/// `finished`, no call is made.
pub struct Lms {
    #[cfg(target_arch = "wasm32")]
    api: wasm_bindgen::JsValue,
    /// When this launch began (Unix ms), for `cmi.core.session_time`.
    started_ms: f64,
    /// Replies already written as interactions (in this launch or an earlier one).
    reported: usize,
    finished: bool,
}

#[cfg(target_arch = "wasm32")]
mod api {
    use js_sys::{Function, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    /// `win.API` when it is an object, or `None` (also when reading it is refused across origins).
    fn api_of(win: &JsValue) -> Option<JsValue> {
        let api = Reflect::get(win, &JsValue::from_str("API")).ok()?;
        (api.is_object()).then_some(api)
    }

    /// The frame's parent, unless it is the frame itself (the top).
    fn parent_of(win: &JsValue) -> Option<JsValue> {
        let p = Reflect::get(win, &JsValue::from_str("parent")).ok()?;
        (p.is_object() && !js_sys::Object::is(&p, win)).then_some(p)
    }

    /// Looks for `API` in `win` and up to `limit` of its parents.
    fn climb(mut win: JsValue, limit: usize) -> Option<JsValue> {
        for _ in 0..=limit {
            if let Some(api) = api_of(&win) {
                return Some(api);
            }
            win = parent_of(&win)?;
        }
        None
    }

    /// The standard search: this window and its parents, then the opener and its parents.
    pub fn find(limit: usize) -> Option<JsValue> {
        let win: JsValue = web_sys::window()?.into();
        climb(win.clone(), limit).or_else(|| {
            let opener = Reflect::get(&win, &JsValue::from_str("opener")).ok()?;
            opener.is_object().then(|| climb(opener, limit)).flatten()
        })
    }

    /// Calls `api.name(args...)` and returns its result as text ("" when it is not text).
    pub fn call(api: &JsValue, name: &str, args: &[&str]) -> Result<String, String> {
        let f: Function = Reflect::get(api, &JsValue::from_str(name))
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| format!("the platform's API has no {name}"))?;
        let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
        let r = f
            .apply(api, &args)
            .map_err(|e| format!("{name} failed: {}", e.as_string().unwrap_or_default()))?;
        Ok(r.as_string().unwrap_or_default())
    }
}

impl Lms {
    /// Finds the platform's API and calls `LMSInitialize`. `None` without a platform (the page
    /// is opened on its own) or when the platform refuses to start.
    pub fn connect(now_ms: f64) -> Option<Lms> {
        #[cfg(target_arch = "wasm32")]
        {
            let api = api::find(MAX_PARENTS)?;
            let ok = api::call(&api, "LMSInitialize", &[""]).ok()?;
            (ok == "true").then_some(Lms {
                api,
                started_ms: now_ms,
                reported: 0,
                finished: false,
            })
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = (now_ms, MAX_PARENTS);
            None
        }
    }

    /// `LMSGetValue(element)` ("" when the platform has nothing or refuses).
    pub fn get(&self, element: &str) -> String {
        #[cfg(target_arch = "wasm32")]
        {
            api::call(&self.api, "LMSGetValue", &[element]).unwrap_or_default()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = element;
            String::new()
        }
    }

    /// `LMSSetValue`, with the platform's error in words when it refuses.
    fn set(&self, element: &str, value: &str) -> Result<(), String> {
        #[cfg(target_arch = "wasm32")]
        {
            if api::call(&self.api, "LMSSetValue", &[element, value])? == "true" {
                return Ok(());
            }
            let code = api::call(&self.api, "LMSGetLastError", &[]).unwrap_or_default();
            let text = api::call(&self.api, "LMSGetErrorString", &[&code]).unwrap_or_default();
            Err(format!(
                "the platform refused {element} (error {code}: {text})"
            ))
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = (element, value);
            Ok(())
        }
    }

    fn call(&self, name: &str) -> bool {
        #[cfg(target_arch = "wasm32")]
        {
            api::call(&self.api, name, &[""]).is_ok_and(|r| r == "true")
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = name;
            true
        }
    }

    /// The replies of a resumed attempt were reported in an earlier launch.
    pub fn already_reported(&mut self, replies: usize) {
        self.reported = replies;
    }

    /// Tells the platform about the attempt as it is now (the core decides what), commits, and
    /// finishes once the attempt is over. Returns what could not be recorded, in words.
    pub fn report(
        &mut self,
        lib: &crate::content::Library,
        a: &crate::exchange::Attempt,
        now_ms: f64,
    ) -> Option<String> {
        if self.finished {
            return None;
        }
        let count = self.get("cmi.interactions._count").parse().unwrap_or(0);
        let u: Update = core_scorm::updates(lib, a, self.reported, count, now_ms - self.started_ms);
        let mut problem = u.problem.clone();
        for (k, v) in &u.values {
            if let Err(e) = self.set(k, v) {
                problem.get_or_insert(e);
            }
        }
        self.reported = u.reported;
        if !self.call("LMSCommit") {
            problem
                .get_or_insert("the platform did not save the attempt (LMSCommit failed)".into());
        }
        if u.finished {
            self.finish(now_ms);
        }
        problem
    }

    /// Ends this launch: the session time, a last commit and `LMSFinish` (once).
    pub fn finish(&mut self, now_ms: f64) {
        if self.finished {
            return;
        }
        let _ = self.set(
            "cmi.core.session_time",
            &core_scorm::timespan(now_ms - self.started_ms),
        );
        self.call("LMSCommit");
        self.call("LMSFinish");
        self.finished = true;
    }
}

/// The package's set, read from [`PACKAGE_SET`] next to the launch page.
pub async fn package_set() -> Result<SetFile, String> {
    let text = fetch_text(PACKAGE_SET).await?;
    SetFile::from_json(&text).map_err(|e| format!("the course's set cannot be read: {e}"))
}

/// Makes the SCORM 1.2 package of `file`: the app's built files (fetched from this site), the
/// set and the manifest, zipped. Returns the zip's bytes.
pub async fn build_package(file: &SetFile) -> Result<Vec<u8>, String> {
    core_scorm::check_package(&file.set)?;
    let launch = fetch_text(&format!("/{}", core_scorm::LAUNCH_PAGE)).await?;
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    let mut files = core_scorm::package_files(&launch)?;
    let mut i = 0;
    while let Some(f) = files.get(i).cloned() {
        i += 1;
        let bytes = if f.path == core_scorm::PACKAGE_INDEX {
            launch.clone().into_bytes()
        } else {
            fetch_bytes(&f.url).await?
        };
        // The content catalog names the campaigns' data files: they go in too.
        if f.path == CATALOG_PATH {
            let catalog = String::from_utf8_lossy(&bytes);
            files.extend(core_scorm::catalog_files(&catalog)?);
        }
        entries.push((f.path, bytes));
    }
    entries.push((PACKAGE_SET.into(), file.to_json().into_bytes()));
    let paths: Vec<String> = entries.iter().map(|(p, _)| p.clone()).collect();
    let manifest = core_scorm::manifest(&file.set, &paths);
    zip_files(&manifest, &entries).map_err(|e| format!("the package could not be zipped: {e}"))
}

/// A zip of `imsmanifest.xml` (first, as platforms expect) and `entries`, deflated.
fn zip_files(manifest: &str, entries: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file("imsmanifest.xml", options)?;
    w.write_all(manifest.as_bytes())?;
    for (path, bytes) in entries {
        w.start_file(path.as_str(), options)?;
        w.write_all(bytes)?;
    }
    Ok(w.finish()?.into_inner())
}
