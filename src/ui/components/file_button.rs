//! A button that opens the file chooser: a label styled as a button around a hidden file input,
//! so the input is named by the label's text.

use crate::ui::browser::{clear_input, input_files};
use leptos::prelude::*;

/// Calls `on_files` with the chosen files, then clears the input so that the same file can be
/// chosen again.
#[component]
pub fn FileButton(
    /// The button's text, which is also the input's accessible name.
    label: &'static str,
    /// The input's `accept` list.
    accept: &'static str,
    /// Whether several files may be chosen at once.
    #[prop(optional)]
    multiple: bool,
    on_files: Callback<Vec<web_sys::File>>,
) -> impl IntoView {
    let change = move |ev: leptos::ev::Event| {
        let files = input_files(&ev);
        clear_input(&ev);
        on_files.run(files);
    };
    view! {
        <label class="button file-button">{label}
            <input type="file" multiple=multiple accept=accept class="visually-hidden" on:change=change />
        </label>
    }
}
