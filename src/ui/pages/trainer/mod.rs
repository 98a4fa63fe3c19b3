//! The Trainer page, at `/trainer`: persona sets (form, links, files), custom packs, and the
//! results table, one panel per module. Formats, checks, verdicts, sorting and CSV live in
//! [`crate::exchange`]; these files only wire them to the page. The panels share the app's
//! state ([`crate::ui::AppState`]): a set saved or a pack imported in one panel is seen by the
//! others and by Practice and Assessment at once.

mod lrs;
mod packs;
mod results;
mod scorm;
mod set_editor;
mod sets;
mod transcript;

use super::set_title;
use crate::ui::use_app;
use leptos::prelude::*;
use lrs::LrsPanel;
use packs::PacksPanel;
use results::ResultsPanel;
use sets::SetsPanel;

/// Trainer, at `/trainer`.
#[component]
pub fn Trainer() -> impl IntoView {
    set_title("Trainer");
    let body = match use_app().shipped_untracked() {
        Ok(_) => view! {
            <SetsPanel />
            <PacksPanel />
            <ResultsPanel />
            <LrsPanel />
        }
        .into_any(),
        Err(e) => view! { <p class="notice notice--danger" role="alert">{e}</p> }.into_any(),
    };
    view! {
        <section class="page page--trainer">
            <h1>"Trainer"</h1>
            <p class="lede">"Build persona sets, share them with your team, and review results."</p>
            {body}
        </section>
    }
}
