//! A SCORM package's launch page: what the app shows when it starts from a package's
//! `index.html` inside a learning platform (or opened on its own).
//!
//! It connects to the platform (`LMSInitialize`), reads the package's set, the candidate's name
//! (`cmi.core.student_name`) and the attempt saved in `cmi.suspend_data`, then shows the
//! assessment page with them as a [`Launch`] context (a practice set too: the page plays it as
//! practice). The assessment page reports every change
//! of the attempt through [`Launch::report`]. Without a platform the course works as the app
//! does on its own, and says so.

use super::assessment::Assessment;
use crate::content::Library;
use crate::exchange::scorm::{decode_suspend, replies_of};
use crate::exchange::{Attempt, SetFile};
use crate::sim::Mode;
use crate::ui::browser::epoch_ms;
use crate::ui::browser::scorm::{package_set, Lms};
use crate::ui::{use_app, AppState};
use leptos::context::Provider;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What a package launch hands the assessment page. Invariant: `resumed` and `name` come from
/// the platform, so both are `None` when `lms` holds none.
#[derive(Clone)]
pub struct Launch {
    /// The package's set.
    pub set: SetFile,
    /// The candidate's name as the platform gives it.
    pub name: Option<String>,
    /// The attempt saved in the platform's suspend data.
    pub resumed: Option<Attempt>,
    lms: StoredValue<Option<Lms>, LocalStorage>,
}

impl Launch {
    /// Whether a platform records this launch.
    pub fn connected(&self) -> bool {
        self.lms.with_value(|l| l.is_some())
    }

    /// Whether the package's set is a practice set: the assessment page plays it as practice.
    pub fn practice(&self) -> bool {
        self.set.set.mode == Mode::Practice
    }

    /// Tells the platform about the attempt as it is now; what it could not record, in words.
    pub fn report(&self, lib: &Library, a: &Attempt) -> Option<String> {
        self.lms
            .try_update_value(|l| l.as_mut().and_then(|l| l.report(lib, a, epoch_ms())))
            .flatten()
    }
}

/// The package's course: the platform connected (or not), the set loaded, then the assessment.
#[component]
pub fn PackageLaunch() -> impl IntoView {
    let app = use_app();
    let lms = StoredValue::new_local(Lms::connect(epoch_ms()));
    finish_on_leave(lms);
    let state: RwSignal<Option<Result<Launch, String>>> = RwSignal::new(None);
    spawn_local(async move {
        let r = match package_set().await {
            Ok(set) => prepare(app, set, lms),
            Err(e) => Err(e),
        };
        state.set(Some(r));
    });
    let alone = lms.with_value(|l| l.is_none());
    view! {
        {alone.then(|| view! {
            <p class="notice" role="status">
                "No learning platform found: this course runs as Composure does on its own. Your result stays in this browser and is not sent to a platform."
            </p>
        })}
        {move || match state.get() {
            None => view! { <p>"Loading the course…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="notice notice--danger" role="alert">{e}</p> }.into_any(),
            Some(Ok(launch)) => view! { <Provider value=launch><Assessment /></Provider> }.into_any(),
        }}
    }
}

/// The set's packs installed, the name and the saved attempt read from the platform.
fn prepare(
    app: AppState,
    set: SetFile,
    lms: StoredValue<Option<Lms>, LocalStorage>,
) -> Result<Launch, String> {
    app.install_packs(&set.packs)
        .map_err(|e| format!("This course cannot be used: {e}."))?;
    let (name, saved) = lms.with_value(|l| match l {
        Some(l) => (
            Some(l.get("cmi.core.student_name").trim().to_string()).filter(|n| !n.is_empty()),
            Some(l.get("cmi.suspend_data")).filter(|s| !s.is_empty()),
        ),
        None => (None, None),
    });
    let resumed = match saved {
        None => None,
        Some(text) => {
            let lib = app.library_untracked()?;
            let a = decode_suspend(&lib, &text, &set, name.as_deref().unwrap_or_default())
                .map_err(|e| {
                    format!("The attempt saved in your learning platform cannot be resumed: {e}. Nothing was changed there: tell your trainer.")
                })?;
            lms.update_value(|l| {
                if let Some(l) = l {
                    l.already_reported(replies_of(&a))
                }
            });
            Some(a)
        }
    };
    Ok(Launch {
        set,
        name,
        resumed,
        lms,
    })
}

/// Leaving the page (closing the course, or the platform unloading it) ends the launch:
/// session time, commit, `LMSFinish`.
fn finish_on_leave(lms: StoredValue<Option<Lms>, LocalStorage>) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        if lms.with_value(|l| l.is_none()) {
            return;
        }
        let on_leave = Closure::<dyn FnMut()>::new(move || {
            lms.try_update_value(|l| {
                if let Some(l) = l {
                    l.finish(epoch_ms())
                }
            });
        });
        if let Some(w) = web_sys::window() {
            let _ =
                w.add_event_listener_with_callback("pagehide", on_leave.as_ref().unchecked_ref());
        }
        // One listener for the page's life: the page goes with it.
        on_leave.forget();
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = lms;
}
