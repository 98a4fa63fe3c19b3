//! The persona sets panel: the stored sets with their share links and files, the form to make
//! one, and set files to import.

use super::set_editor::SetEditor;
use crate::exchange::{self, check_set, packs_for, set_link_path, SetFile, SetForm};
use crate::sim::{Calls, Mode};
use crate::ui::browser::{
    copy_text, download, epoch_ms, fresh_seed, origin, read_file, select_target_text,
};
use crate::ui::components::{message, FileButton, Message};
use crate::ui::{store, use_app, AppState};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// One line about a set: mode, calls, difficulty, limit, pass mark, seed.
fn describe(set: &crate::sim::PersonaSet) -> String {
    let calls = match &set.calls {
        Calls::Random { count } => format!("{count} random customer(s)"),
        Calls::Chosen { archetypes } => format!("{} chosen customer(s)", archetypes.len()),
    };
    let mode = match set.mode {
        Mode::Practice => "Practice",
        Mode::Assessment => "Assessment",
    };
    let limit = set
        .reply_limit_s
        .map_or("no time limit".to_string(), |s| format!("{s} s per reply"));
    format!(
        "{mode} · {calls} · difficulty {} · {limit} · pass mark {} · seed {}",
        set.difficulty, set.pass_mark, set.seed
    )
}

/// The stored persona sets, with the form to make or edit one.
#[component]
pub(super) fn SetsPanel() -> impl IntoView {
    let app = use_app();
    let editing: RwSignal<Option<(Option<String>, SetForm)>> = RwSignal::new(None);
    let msg: RwSignal<Option<Message>> = RwSignal::new(None);
    let deleting: RwSignal<Option<(String, String)>> = RwSignal::new(None);
    // Why the form was not saved: the form shows it beside the field it names.
    let problem: RwSignal<Option<String>> = RwSignal::new(None);

    let new_set = move |_| {
        let first = app
            .library_untracked()
            .ok()
            .and_then(|l| l.campaigns.first().map(|c| c.id.to_string()));
        let mut form = SetForm::new(first, fresh_seed());
        form.created_ms = Some(epoch_ms());
        editing.set(Some((None, form)));
        msg.set(None);
    };
    let save = Callback::new(move |(key, form): (Option<String>, SetForm)| {
        let (Ok(lib), Ok(shipped)) = (app.library_untracked(), app.shipped_untracked()) else {
            return;
        };
        match form.to_set(&lib).and_then(|set| Ok((set, form.lrs()?))) {
            Ok((set, lrs)) => {
                let packs = packs_for(&lib, &shipped, &set);
                let name = set.name.clone();
                let file = SetFile {
                    lrs,
                    ..SetFile::new(set, packs)
                };
                match store::save_set(key, &file, epoch_ms()) {
                    Ok(_) => {
                        // The results table checks results against the stored sets.
                        app.refresh_sets();
                        editing.set(None);
                        msg.set(Some(Message::Done(format!(
                            "Saved \u{201c}{name}\u{201d}."
                        ))));
                    }
                    Err(e) => msg.set(Some(Message::Problem(format!(
                        "The set was not saved: {e}."
                    )))),
                }
            }
            Err(e) => {
                msg.set(None);
                problem.set(Some(e));
            }
        }
    });
    let import = Callback::new(move |files: Vec<web_sys::File>| {
        for file in files {
            let name = file.name();
            spawn_local(async move {
                let outcome = match read_file(file).await {
                    Err(e) => Err(e),
                    Ok(text) => import_set(app, &text),
                };
                match outcome {
                    Ok(set_name) => {
                        app.refresh_sets();
                        msg.set(Some(Message::Done(format!(
                            "Imported the set \u{201c}{set_name}\u{201d}."
                        ))));
                    }
                    Err(e) => msg.set(Some(Message::Problem(format!(
                        "{name} was not imported: {e}. Nothing was changed."
                    )))),
                }
            });
        }
    });
    let confirm_delete = move |_| {
        if let Some((key, name)) = deleting.get_untracked() {
            match store::remove_key(&key) {
                Ok(()) => msg.set(Some(Message::Done(format!(
                    "Deleted \u{201c}{name}\u{201d}."
                )))),
                Err(e) => msg.set(Some(Message::Problem(format!(
                    "\u{201c}{name}\u{201d} could not be deleted: {e}."
                )))),
            }
            app.refresh_sets();
        }
        deleting.set(None);
    };

    view! {
        <section class="panel trainer-section" aria-labelledby="sets-title">
            <h2 id="sets-title">"Persona sets"</h2>
            <div class="trainer-actions">
                <button type="button" class="button button--primary" on:click=new_set>"New persona set"</button>
                <FileButton label="Import set" accept=".json,application/json" on_files=import />
            </div>
            {move || message(msg.get())}
            {move || editing.get().map(|(key, form)| view! {
                <SetEditor key=key form=form on_save=save on_cancel=Callback::new(move |_| editing.set(None)) problem=problem />
            })}
            <Show when=move || deleting.get().is_some()>
                <div class="panel confirm" role="alertdialog" aria-labelledby="confirm-delete-title">
                    <h3 id="confirm-delete-title">{move || format!("Delete \u{201c}{}\u{201d}?", deleting.get().map(|d| d.1).unwrap_or_default())}</h3>
                    <p>"The set is removed from this browser. Links already shared keep working."</p>
                    <button type="button" class="button button--danger" on:click=confirm_delete>"Yes, delete set"</button>
                    <button type="button" class="button button--quiet" on:click=move |_| deleting.set(None)>"Cancel"</button>
                </div>
            </Show>
            {move || {
                let list = app.sets();
                if list.is_empty() {
                    view! { <p class="muted">"No persona sets yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="set-list" role="list">
                            {list.into_iter().map(|(key, file)| view! {
                                <SetItem key=key file=file editing=editing deleting=deleting msg=msg />
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// Reads a set file and keeps it (installing the packs it embeds, checked by the validator).
fn import_set(app: AppState, text: &str) -> Result<String, String> {
    let mut file = SetFile::from_json(text).map_err(|e| e.to_string())?;
    // The set keeps the id its trainer gave it; a set made before ids gets one now.
    if file.set.id.is_empty() {
        file.set.id = format!(
            "{}-{:016x}",
            if file.set.mode == crate::sim::Mode::Assessment {
                "a"
            } else {
                "p"
            },
            fresh_seed()
        );
    }
    app.install_packs(&file.packs)?;
    let lib = app.library_untracked()?;
    check_set(&lib, &file.set)?;
    let name = file.set.name.clone();
    store::save_set(None, &file, epoch_ms())?;
    Ok(name)
}

#[component]
fn SetItem(
    key: String,
    file: SetFile,
    editing: RwSignal<Option<(Option<String>, SetForm)>>,
    deleting: RwSignal<Option<(String, String)>>,
    msg: RwSignal<Option<Message>>,
) -> impl IntoView {
    let name = file.set.name.clone();
    let link = file
        .link_payload()
        .map(|p| format!("{}{}", origin(), set_link_path(&p, file.set.mode)));
    let form = SetForm::from_file(&file);
    let (k1, k2) = (key.clone(), key.clone());
    let (f1, f2) = (form.clone(), form);
    let (n1, n2) = (name.clone(), name.clone());
    let json = file.to_json();
    let file_name = format!("{}.composure-set.json", slug(&name));
    let link_copy = link.clone();
    let has_link = link.is_some();
    let (file_name2, json2) = (file_name.clone(), json.clone());
    let package = file.clone();
    view! {
        <li>
            <section class="panel set-item" aria-label=name.clone()>
                <h3>{name.clone()}</h3>
                <p class="muted">{describe(&file.set)}</p>
                {match link.clone() {
                    Some(l) => view! {
                        <div class="field">
                            <label>"Share link"
                                <input type="text" readonly class="share-link" prop:value=l on:focus=move |ev| select_target_text(&ev) />
                            </label>
                        </div>
                    }.into_any(),
                    None => view! { <p>{exchange::no_link_reason(&file)}</p> }.into_any(),
                }}
                <div class="set-actions">
                    {match link_copy {
                        Some(l) => view! {
                            <button type="button" class="button button--primary" on:click=move |_| {
                                let copied = copy_text(&l);
                                msg.set(Some(Message::Done(if copied { format!("Link to \u{201c}{n1}\u{201d} copied.") } else { "Copy the link from the Share link box.".into() })));
                            }>"Copy link"</button>
                        }.into_any(),
                        None => view! {
                            <button type="button" class="button button--primary" on:click=move |_| download(&file_name, "application/json", &json)>"Download file"</button>
                        }.into_any(),
                    }}
                    <div class="set-actions__more" role="group" aria-label=format!("More for {name}")>
                        {has_link.then(|| view! {
                            <button type="button" class="button button--quiet" on:click=move |_| download(&file_name2, "application/json", &json2)>"Download file"</button>
                        })}
                        <button type="button" class="button button--quiet" on:click=move |_| super::scorm::download_package(&package, msg)>"Download SCORM package"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| editing.set(Some((Some(k1.clone()), f1.clone())))>"Edit"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| {
                            let mut f = f2.clone();
                            f.name = format!("{} (copy)", f.name);
                            editing.set(Some((None, f)));
                        }>"Duplicate"</button>
                        <button type="button" class="button button--quiet set-actions__delete" on:click=move |_| deleting.set(Some((k2.clone(), n2.clone())))>"Delete"</button>
                    </div>
                </div>
            </section>
        </li>
    }
}

pub(super) fn slug(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "set".into()
    } else {
        exchange::short(&out, 40)
    }
}
