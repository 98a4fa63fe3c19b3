//! The Trainer page, at `/trainer`: persona sets (form, links, files), custom packs, and the
//! results table. Formats, checks, verdicts, sorting and CSV live in [`crate::exchange`]; this
//! file only wires them to the page.

use super::browser::{
    clear_input, copy_text, download, dropped_files, epoch_ms, fresh_seed, input_files, origin,
    read_file,
};
use super::page::set_title;
use super::review::CallReview;
use super::{library, library_changed, shipped_library, store};
use crate::content::Library;
use crate::exchange::{
    self, check_set, histogram, histogram_text, import_pack, packs_for, set_link_path, sort_rows,
    to_csv, Checked, Column, PackImport, PackSource, ResultFile, Row, SetFile, SetForm, BANDS,
};
use crate::sim::{Calls, Mode};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// Trainer, at `/trainer`.
#[component]
pub fn Trainer() -> impl IntoView {
    set_title("Trainer");
    let version = RwSignal::new(0u32);
    let body = match shipped_library() {
        Ok(_) => view! {
            <SetsPanel version=version />
            <PacksPanel version=version />
            <ResultsPanel version=version />
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

fn lib_now(version: RwSignal<u32>) -> Option<Arc<Library>> {
    version.track();
    library().ok()
}

/// A message line: a status when all went well, an alert otherwise.
fn message(m: Option<(bool, String)>) -> impl IntoView {
    m.map(|(ok, text)| {
        if ok {
            view! { <p class="notice notice--info" role="status">{text}</p> }.into_any()
        } else {
            view! { <p class="notice notice--danger" role="alert">{text}</p> }.into_any()
        }
    })
}

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

// ---------------------------------------------------------------------------------------------
// Persona sets

#[component]
fn SetsPanel(version: RwSignal<u32>) -> impl IntoView {
    let sets = RwSignal::new(store::load_sets());
    let editing: RwSignal<Option<(Option<String>, SetForm)>> = RwSignal::new(None);
    let msg: RwSignal<Option<(bool, String)>> = RwSignal::new(None);
    let deleting: RwSignal<Option<(String, String)>> = RwSignal::new(None);

    let new_set = move |_| {
        let first = lib_now(version).and_then(|l| l.campaigns.first().map(|c| c.id.to_string()));
        let mut form = SetForm::new(first, fresh_seed());
        form.created_ms = Some(epoch_ms());
        editing.set(Some((None, form)));
        msg.set(None);
    };
    let save = Callback::new(move |(key, form): (Option<String>, SetForm)| {
        let (Some(lib), Ok(shipped)) = (lib_now(version), shipped_library()) else {
            return;
        };
        match form.to_set(&lib) {
            Ok(set) => {
                let packs = packs_for(&lib, &shipped, &set);
                let name = set.name.clone();
                match store::save_set(key, &SetFile::new(set, packs), epoch_ms()) {
                    Ok(_) => {
                        sets.set(store::load_sets());
                        // The results table checks results against the stored sets.
                        version.update(|v| *v += 1);
                        editing.set(None);
                        msg.set(Some((true, format!("Saved \u{201c}{name}\u{201d}."))));
                    }
                    Err(e) => msg.set(Some((false, format!("The set was not saved: {e}.")))),
                }
            }
            Err(e) => msg.set(Some((false, e))),
        }
    });
    let import = move |ev: leptos::ev::Event| {
        let files = input_files(&ev);
        clear_input(&ev);
        for file in files {
            let name = file.name();
            spawn_local(async move {
                let outcome = match read_file(file).await {
                    Err(e) => Err(e),
                    Ok(text) => import_set(&text),
                };
                match outcome {
                    Ok(set_name) => {
                        version.update(|v| *v += 1);
                        sets.set(store::load_sets());
                        msg.set(Some((
                            true,
                            format!("Imported the set \u{201c}{set_name}\u{201d}."),
                        )));
                    }
                    Err(e) => msg.set(Some((
                        false,
                        format!("{name} was not imported: {e}. Nothing was changed."),
                    ))),
                }
            });
        }
    };
    let confirm_delete = move |_| {
        if let Some((key, name)) = deleting.get_untracked() {
            store::remove_key(&key);
            sets.set(store::load_sets());
            version.update(|v| *v += 1);
            msg.set(Some((true, format!("Deleted \u{201c}{name}\u{201d}."))));
        }
        deleting.set(None);
    };

    view! {
        <section class="panel trainer-section" aria-labelledby="sets-title">
            <h2 id="sets-title">"Persona sets"</h2>
            <div class="trainer-actions">
                <button type="button" class="button button--primary" on:click=new_set>"New persona set"</button>
                <label class="button file-button">"Import set"
                    <input type="file" accept=".json,application/json" class="visually-hidden" on:change=import />
                </label>
            </div>
            {move || message(msg.get())}
            {move || editing.get().map(|(key, form)| view! {
                <SetEditor key=key form=form version=version on_save=save on_cancel=Callback::new(move |_| editing.set(None)) />
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
                let list = sets.get();
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
fn import_set(text: &str) -> Result<String, String> {
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
    install_packs(&file.packs)?;
    let lib = library()?;
    check_set(&lib, &file.set)?;
    let name = file.set.name.clone();
    store::save_set(None, &file, epoch_ms())?;
    Ok(name)
}

/// Validates and stores the packs a set or result embeds. All or nothing.
pub fn install_packs(packs: &[PackSource]) -> Result<(), String> {
    if packs.is_empty() {
        return Ok(());
    }
    let shipped = shipped_library()?;
    let ids: Vec<String> = shipped.campaigns.iter().map(|c| c.id.to_string()).collect();
    let mut ok = Vec::new();
    for p in packs {
        let r = import_pack(&shipped, &ids, &p.file, &p.source);
        match r.accepted {
            Some((id, _)) => ok.push((id, p)),
            None => {
                return Err(format!(
                    "the pack it carries ({}) is not valid: {}",
                    exchange::short(&p.file, 60),
                    r.refused.unwrap_or_default()
                ))
            }
        }
    }
    for (id, p) in ok {
        store::save_pack(&id, p)?;
    }
    library_changed();
    Ok(())
}

#[component]
fn SetItem(
    key: String,
    file: SetFile,
    editing: RwSignal<Option<(Option<String>, SetForm)>>,
    deleting: RwSignal<Option<(String, String)>>,
    msg: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let name = file.set.name.clone();
    let link = file
        .link_payload()
        .map(|p| format!("{}{}", origin(), set_link_path(&p, file.set.mode)));
    let form = SetForm::from_set(&file.set);
    let (k1, k2) = (key.clone(), key.clone());
    let (f1, f2) = (form.clone(), form);
    let (n1, n2) = (name.clone(), name.clone());
    let json = file.to_json();
    let file_name = format!("{}.composure-set.json", slug(&name));
    let link_copy = link.clone();
    view! {
        <li>
            <section class="panel set-item" aria-label=name.clone()>
                <h3>{name.clone()}</h3>
                <p class="muted">{describe(&file.set)}</p>
                {match link.clone() {
                    Some(l) => view! {
                        <div class="field">
                            <label>"Share link"
                                <input type="text" readonly class="share-link" prop:value=l on:focus=move |ev| {
                                    use leptos::wasm_bindgen::JsCast;
                                    if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { i.select(); }
                                } />
                            </label>
                        </div>
                    }.into_any(),
                    None => view! { <p>{exchange::no_link_reason(&file)}</p> }.into_any(),
                }}
                <div class="trainer-actions">
                    {link_copy.map(|l| view! {
                        <button type="button" class="button" on:click=move |_| {
                            let copied = copy_text(&l);
                            msg.set(Some((true, if copied { format!("Link to \u{201c}{n1}\u{201d} copied.") } else { "Copy the link from the Share link box.".into() })));
                        }>"Copy link"</button>
                    })}
                    <button type="button" class="button" on:click=move |_| download(&file_name, "application/json", &json)>"Download file"</button>
                    <button type="button" class="button" on:click=move |_| editing.set(Some((Some(k1.clone()), f1.clone())))>"Edit"</button>
                    <button type="button" class="button" on:click=move |_| {
                        let mut f = f2.clone();
                        f.name = format!("{} (copy)", f.name);
                        editing.set(Some((None, f)));
                    }>"Duplicate"</button>
                    <button type="button" class="button button--quiet" on:click=move |_| deleting.set(Some((k2.clone(), n2.clone())))>"Delete"</button>
                </div>
            </section>
        </li>
    }
}

fn slug(s: &str) -> String {
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

/// The persona-set form.
#[component]
fn SetEditor(
    key: Option<String>,
    form: SetForm,
    version: RwSignal<u32>,
    on_save: Callback<(Option<String>, SetForm)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let f = RwSignal::new(form);
    let lib = lib_now(version);
    let campaigns = lib
        .as_deref()
        .map(exchange::campaign_choices)
        .unwrap_or_default();
    let archetypes: Vec<(String, String)> = lib
        .as_ref()
        .map(|l| {
            l.customers
                .archetypes
                .iter()
                .map(|a| (a.id.to_string(), a.label.to_string()))
                .collect()
        })
        .unwrap_or_default();
    let title = if key.is_some() {
        "Edit persona set"
    } else {
        "New persona set"
    };
    let text = move |id: &'static str,
                     label: &'static str,
                     get: fn(&SetForm) -> String,
                     put: fn(&mut SetForm, String)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="text" prop:value=move || f.with(get) on:input=move |ev| f.update(|x| put(x, event_target_value(&ev))) />
            </div>
        }
    };
    let weight = move |i: usize, id: &'static str, label: &'static str| {
        view! {
            <div class="field field--small">
                <label for=id>{label}</label>
                <input id=id type="number" min="0" max="1000" prop:value=move || f.with(|x| x.weights[i].clone()) on:input=move |ev| f.update(|x| x.weights[i] = event_target_value(&ev)) />
            </div>
        }
    };
    // A group of checkboxes that edits a list of ids in the form (campaigns, customers).
    let checks = move |legend: &'static str,
                       options: Vec<(String, String)>,
                       get: fn(&SetForm) -> &Vec<String>,
                       list: fn(&mut SetForm) -> &mut Vec<String>| {
        view! {
            <fieldset class="field field--checks">
                <legend>{legend}</legend>
                {options.into_iter().map(|(id, label)| {
                    let (a, b) = (id.clone(), id);
                    view! {
                        <label><input type="checkbox" prop:checked=move || f.with(|x| get(x).contains(&a)) on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            f.update(|x| { let l = list(x); l.retain(|c| *c != b); if on { l.push(b.clone()); } });
                        } />" " {label}</label>
                    }
                }).collect_view()}
            </fieldset>
        }
    };
    let assessment = move || f.with(|x| x.mode == "assessment");
    view! {
        <form class="panel set-form" aria-label=title on:submit=move |ev| { ev.prevent_default(); on_save.run((key.clone(), f.get_untracked())); }>
            <h3>{title}</h3>
            {text("set-name", "Set name", |x| x.name.clone(), |x, v| x.name = v)}
            {checks("Campaign", campaigns, |x| &x.campaigns, |x| &mut x.campaigns)}
            <div class="field">
                <label for="set-calls">"Calls"</label>
                <select id="set-calls" on:change=move |ev| f.update(|x| x.calls_kind = event_target_value(&ev))>
                    <option value="random" selected=move || f.with(|x| x.calls_kind == "random")>"Random customers"</option>
                    <option value="chosen" selected=move || f.with(|x| x.calls_kind == "chosen")>"Chosen customers"</option>
                </select>
            </div>
            <Show when=move || f.with(|x| x.calls_kind != "chosen")>
                {text("set-count", "Number of calls", |x| x.count.clone(), |x, v| x.count = v)}
            </Show>
            <Show when=move || f.with(|x| x.calls_kind == "chosen")>
                {checks("Customers", archetypes.clone(), |x| &x.archetypes, |x| &mut x.archetypes)}
            </Show>
            <div class="field">
                <label for="set-difficulty">"Difficulty"</label>
                <select id="set-difficulty" on:change=move |ev| f.update(|x| x.difficulty = event_target_value(&ev))>
                    {(1..=5u8).map(|d| view! { <option value=d.to_string() selected=move || f.with(|x| x.difficulty == d.to_string())>{d.to_string()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="set-mode">"Mode"</label>
                <select id="set-mode" on:change=move |ev| f.update(|x| x.mode = event_target_value(&ev))>
                    <option value="practice" selected=move || !assessment()>"Practice"</option>
                    <option value="assessment" selected=assessment>"Assessment"</option>
                </select>
            </div>
            <div class="field">
                <label><input type="checkbox" id="set-hints" prop:checked=move || f.with(|x| x.hints) prop:disabled=assessment on:change=move |ev| f.update(|x| x.hints = event_target_checked(&ev)) />" Hints"</label>
                <span class="muted">" (practice only)"</span>
            </div>
            <div class="field">
                <label><input type="checkbox" id="set-practice-open" prop:checked=move || f.with(|x| x.practice_open) prop:disabled=move || !assessment() on:change=move |ev| f.update(|x| x.practice_open = event_target_checked(&ev)) />" Open for practice"</label>
                <span class="muted">" (assessment only: candidates may also practise on this set; every attempt still gets its own calls)"</span>
            </div>
            <div class="field">
                <label for="set-limit">"Time limit per reply"</label>
                <select id="set-limit" on:change=move |ev| f.update(|x| x.reply_limit = event_target_value(&ev))>
                    {["off", "10", "15", "20", "30", "45", "60", "120"].into_iter().map(|s| view! {
                        <option value=s selected=move || f.with(|x| x.reply_limit == s)>{if s == "off" { "Off".to_string() } else { format!("{s} seconds") }}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="set-pass">"Pass mark"</label>
                <input id="set-pass" type="number" min="0" max="100" prop:value=move || f.with(|x| x.pass_mark.clone()) on:input=move |ev| f.update(|x| x.pass_mark = event_target_value(&ev)) />
            </div>
            <fieldset class="field weights">
                <legend>"Score weights"</legend>
                {weight(0, "w-composure", "Composure weight")}
                {weight(1, "w-correctness", "Correctness weight")}
                {weight(2, "w-outcome", "Outcome weight")}
                {weight(3, "w-responsiveness", "Responsiveness weight")}
            </fieldset>
            <div class="field">
                {text("set-seed", "Seed", |x| x.seed.clone(), |x, v| x.seed = v)}
                <button type="button" class="button button--quiet" on:click=move |_| f.update(|x| x.seed = fresh_seed().to_string())>"New seed"</button>
            </div>
            <div class="trainer-actions">
                <button type="submit" class="button button--primary">"Save set"</button>
                <button type="button" class="button button--quiet" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </div>
        </form>
    }
}

// ---------------------------------------------------------------------------------------------
// Custom packs

#[component]
fn PacksPanel(version: RwSignal<u32>) -> impl IntoView {
    let packs = RwSignal::new(store::load_packs());
    let report: RwSignal<Option<PackImport>> = RwSignal::new(None);
    let msg: RwSignal<Option<(bool, String)>> = RwSignal::new(None);
    let import = move |ev: leptos::ev::Event| {
        let files = input_files(&ev);
        clear_input(&ev);
        let Some(file) = files.into_iter().next() else {
            return;
        };
        let name = file.name();
        spawn_local(async move {
            let text = match read_file(file).await {
                Ok(t) => t,
                Err(e) => {
                    report.set(None);
                    msg.set(Some((
                        false,
                        format!("{name} was not imported: {e}. Nothing was changed."),
                    )));
                    return;
                }
            };
            let (Ok(shipped), Ok(lib)) = (shipped_library(), library()) else {
                return;
            };
            let ids: Vec<String> = shipped.campaigns.iter().map(|c| c.id.to_string()).collect();
            let r = import_pack(&lib, &ids, &name, &text);
            match &r.accepted {
                Some((id, title)) => match store::save_pack(
                    id,
                    &PackSource {
                        file: name.clone(),
                        source: text,
                    },
                ) {
                    Ok(()) => {
                        library_changed();
                        version.update(|v| *v += 1);
                        packs.set(store::load_packs());
                        msg.set(Some((true, format!("Imported \u{201c}{title}\u{201d}. It can now be chosen in Practice and in persona sets."))));
                    }
                    Err(e) => msg.set(Some((false, format!("The pack was not saved: {e}.")))),
                },
                None => msg.set(Some((false, r.refused.clone().unwrap_or_default()))),
            }
            report.set(Some(r));
        });
    };
    let confirming: RwSignal<Option<String>> = RwSignal::new(None);
    let remove = move |key: String| {
        store::remove_key(&key);
        library_changed();
        version.update(|v| *v += 1);
        packs.set(store::load_packs());
        confirming.set(None);
        msg.set(Some((true, "Pack removed.".into())));
    };
    view! {
        <section class="panel trainer-section" aria-labelledby="packs-title">
            <h2 id="packs-title">"Custom packs"</h2>
            <p class="muted">"Import your own campaign file, written as described in "<a href="/content-format.md" rel="external" target="_blank">"the content format"</a>" (a complete small example is included). It is checked by the same validator as the built-in content."</p>
            <label class="button file-button">"Import pack"
                <input type="file" accept=".toml,text/plain" class="visually-hidden" on:change=import />
            </label>
            {move || message(msg.get())}
            {move || report.get().filter(|r| !r.diagnostics.is_empty()).map(|r| view! {
                <section aria-label="Pack diagnostics">
                    <h3>{format!("Diagnostics ({})", r.diagnostics.len())}</h3>
                    <ul class="diagnostics">
                        {r.diagnostics.into_iter().map(|d| view! { <li><code>{d}</code></li> }).collect_view()}
                    </ul>
                </section>
            })}
            {move || {
                let list = packs.get();
                (!list.is_empty()).then(|| view! {
                    <h3>"Imported packs"</h3>
                    <ul class="set-list" role="list">
                        {list.into_iter().map(|(key, p)| {
                            let (src, file) = (p.source.clone(), p.file.clone());
                            let id = key.trim_start_matches("composure.pack.").to_string();
                            view! {
                                <li class="pack-item">
                                    <span>{format!("{id} ({})", exchange::short(&p.file, 60))}</span>
                                    " "
                                    <button type="button" class="button" on:click=move |_| download(&file, "text/plain", &src)>"Export"</button>
                                    {
                                        let (k1, k2) = (key.clone(), key.clone());
                                        let id2 = id.clone();
                                        view! {
                                            <button type="button" class="button button--quiet" on:click=move |_| confirming.set(Some(k1.clone()))>"Remove"</button>
                                            {move || (confirming.get().as_deref() == Some(k2.as_str())).then(|| {
                                                let k3 = k2.clone();
                                                view! {
                                                    <div class="panel confirm" role="alertdialog" aria-label="Confirm removal">
                                                        <p>{format!("Remove the pack {id2}? Sets and results that use it will not play or verify until it is imported again.")}</p>
                                                        <button type="button" class="button button--danger" on:click=move |_| remove(k3.clone())>"Remove pack"</button>
                                                        <button type="button" class="button" on:click=move |_| confirming.set(None)>"Keep it"</button>
                                                    </div>
                                                }
                                            })}
                                        }
                                    }
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// Results

/// The stored results, replayed, each with the time it was imported; and a line for each stored
/// result that could not be read (it is set aside, never deleted).
fn load_checked(lib: &Library) -> (Vec<(Checked, f64)>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (key, at, text) in store::load_results() {
        match ResultFile::from_json(&text) {
            Ok(f) => out.push((exchange::verify_result(lib, f), at.unwrap_or_else(epoch_ms))),
            Err(e) => problems.push(match store::set_aside_key(&key) {
                Ok(()) => format!("A stored result could not be read ({e}). It was set aside."),
                Err(why) => format!("A stored result could not be read ({e}); it could not be set aside ({why}), so it was left as it is."),
            }),
        }
    }
    (out, problems)
}

#[component]
fn ResultsPanel(version: RwSignal<u32>) -> impl IntoView {
    let (loaded, unreadable) = library().map(|l| load_checked(&l)).unwrap_or_default();
    let checked: RwSignal<Vec<(Checked, f64)>> = RwSignal::new(loaded);
    let problems: RwSignal<Vec<String>> = RwSignal::new(unreadable);
    let confirm_clear = RwSignal::new(false);
    let sort = RwSignal::new((Column::Date, false));
    let open: RwSignal<Option<usize>> = RwSignal::new(None);

    let take_files = move |files: Vec<web_sys::File>| {
        problems.set(Vec::new());
        for file in files {
            let name = file.name();
            spawn_local(async move {
                let outcome = match read_file(file).await {
                    Err(e) => Err(e),
                    Ok(text) => match ResultFile::from_json(&text) {
                        Err(e) => Err(e.to_string()),
                        Ok(f) => {
                            let lib = lib_now(version);
                            if checked.with_untracked(|c| {
                                c.iter().any(|(x, _)| x.file.seal == f.seal && x.file == f)
                            }) {
                                Err("it was already imported".to_string())
                            } else if let Some(lib) = lib {
                                let seal: String = f.seal.chars().take(32).collect();
                                let c = exchange::verify_result(&lib, f);
                                let now = epoch_ms();
                                if let Err(e) = store::save_result(&seal, now, &text) {
                                    problems.update(|p| p.push(format!(
                                        "{} is shown below but could not be kept in this browser ({e}): it will be gone after a reload. Free some space (remove old results) and import it again.",
                                        exchange::display_name(&name)
                                    )));
                                }
                                checked.update(|v| v.push((c, now)));
                                Ok(())
                            } else {
                                Err("the content could not be loaded".to_string())
                            }
                        }
                    },
                };
                if let Err(e) = outcome {
                    problems.update(|p| {
                        p.push(format!(
                            "{} was not imported: {e}. Nothing was changed.",
                            exchange::short(&name, 80)
                        ))
                    });
                }
            });
        }
    };
    let on_input = move |ev: leptos::ev::Event| {
        let files = input_files(&ev);
        clear_input(&ev);
        take_files(files);
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        take_files(dropped_files(&ev));
    };

    // The sets this trainer issued, read from storage once per change, not on every render.
    let issued = Memo::new(move |_| {
        version.track();
        store::load_sets()
            .into_iter()
            .map(|(_, f)| f.set)
            .collect::<Vec<crate::sim::PersonaSet>>()
    });
    let rows = move || {
        let (col, asc) = sort.get();
        let Some(lib) = lib_now(version) else {
            return Vec::new();
        };
        let mut rows: Vec<Row> = issued.with(|issued| {
            checked.with(|c| {
                c.iter()
                    .enumerate()
                    .map(|(i, (c, at))| Row::of(i, c, &lib, issued, *at))
                    .collect()
            })
        });
        sort_rows(&mut rows, col, asc);
        rows
    };
    let export = move |_| {
        download("composure-results.csv", "text/csv", &to_csv(&rows()));
    };
    let clear = move |_| {
        store::clear_results();
        checked.set(Vec::new());
        open.set(None);
        confirm_clear.set(false);
    };

    view! {
        <section class="panel trainer-section" aria-labelledby="results-title">
            <h2 id="results-title">"Results"</h2>
            <details class="help">
                <summary>"What a Verified result proves"</summary>
                <p>"Verified: every call was replayed with the same engine and content, and the scores are those of the replies in the file. Set as issued: the file's set has the id of a set you saved here, and nothing that decides the calls or the score was changed. Only a row with both shows Pass or Fail; every other row shows \u{2014} and the reason."</p>
                <p>"Each attempt draws its own salt when the candidate presses Begin, so rehearsing the link in practice does not predict the calls; every candidate still meets the same campaigns, customers and difficulty."</p>
                <p>"What a browser-only app cannot prove: who sat at the keyboard (the name is typed by the candidate), the times (they come from the candidate's clock: odd ones are flagged in the Clock column), and how many times someone started again after clearing the browser's storage. The tamper check only catches casual edits of the file. A record that the candidate cannot rewrite, with a server's time for every start, needs a server: a learning platform (SCORM) or a Learning Record Store (xAPI). Composure does not connect to one yet."</p>
            </details>
            <div class="dropzone" on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
                <p>"Drop result files here, or "</p>
                <label class="button file-button">"Import results"
                    <input type="file" multiple accept=".json,application/json" class="visually-hidden" on:change=on_input />
                </label>
            </div>
            {move || problems.get().into_iter().map(|p| view! { <p class="notice notice--danger" role="alert">{p}</p> }).collect_view()}
            {move || {
                let rows = rows();
                if rows.is_empty() {
                    return view! { <p class="muted">"No results imported yet."</p> }.into_any();
                }
                let overall: Vec<u8> = rows.iter().map(|r| r.scores.overall).collect();
                view! {
                    <div class="table-wrap">
                        <table class="table results-table">
                            <caption>"Assessment results"</caption>
                            <thead><tr>
                                {Column::ALL.into_iter().map(|col| {
                                    let state = move || { let (c, a) = sort.get(); if c == col { if a { "ascending" } else { "descending" } } else { "none" } };
                                    view! {
                                        <th scope="col" aria-sort=state>
                                            <button type="button" class="sort-button" on:click=move |_| sort.update(|(c, a)| { if *c == col { *a = !*a } else { *c = col; *a = true } })>
                                                {col.label()}
                                            </button>
                                        </th>
                                    }
                                }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| {
                                    let id = r.id;
                                    view! {
                                        <tr>
                                            <td><button type="button" class="link-button" on:click=move |_| open.set(Some(id))><bdi>{r.cell(Column::Candidate)}</bdi></button></td>
                                            {Column::ALL[1..].iter().map(|c| view! { <td>{r.cell(*c)}</td> }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <Distribution overall=overall />
                    <div class="trainer-actions">
                        <button type="button" class="button" on:click=export>"Export CSV"</button>
                        <button type="button" class="button button--quiet" on:click=move |_| confirm_clear.set(true)>"Remove all results"</button>
                    </div>
                    {move || confirm_clear.get().then(|| view! {
                        <div class="panel confirm" role="alertdialog" aria-labelledby="confirm-clear-title">
                            <p id="confirm-clear-title">{format!("Remove all {} results from this browser? Download the CSV first if you need them.", checked.with(|c| c.len()))}</p>
                            <button type="button" class="button button--danger" on:click=clear>"Remove them"</button>
                            <button type="button" class="button" on:click=move |_| confirm_clear.set(false)>"Keep them"</button>
                        </div>
                    })}
                }.into_any()
            }}
            {move || open.get().and_then(|i| checked.with(|c| c.get(i).map(|(c, _)| c.clone()))).map(|c| view! {
                <Transcript checked=c on_close=Callback::new(move |_| open.set(None)) />
            })}
        </section>
    }
}

/// The score distribution as bars, with its text alternative.
#[component]
fn Distribution(overall: Vec<u8>) -> impl IntoView {
    let bins = histogram(&overall);
    let max = bins.iter().copied().max().unwrap_or(1).max(1);
    let alt = histogram_text(&overall);
    let (w, h) = (300.0_f64, 120.0_f64);
    let bw = w / 5.0;
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {w} {}", h + 20.0) role="img" aria-label="Score distribution" class="chart__svg">
                <desc>{alt.clone()}</desc>
                {bins.iter().enumerate().map(|(i, n)| {
                    let bh = h * f64::from(*n) / f64::from(max);
                    view! {
                        <rect x=bw * i as f64 + 4.0 y=h - bh width=bw - 8.0 height=bh class="chart__bar" />
                        <text x=bw * i as f64 + bw / 2.0 y=h + 14.0 text-anchor="middle" font-size="11">{BANDS[i]}</text>
                    }
                }).collect_view()}
            </svg>
            <figcaption>{alt}</figcaption>
        </figure>
    }
}

/// A candidate's whole assessment, call by call, with per-turn feedback.
#[component]
fn Transcript(checked: Checked, on_close: Callback<()>) -> impl IntoView {
    let f = &checked.file;
    view! {
        <section class="panel transcript-view" aria-labelledby="transcript-title">
            <h2 id="transcript-title" tabindex="-1">"Transcript: "<bdi>{exchange::display_name(&f.candidate)}</bdi></h2>
            <p><bdi>{exchange::display_name(&f.set.name)}</bdi>{format!(" · {} to {} · left the tab {} time(s) · reloaded {} time(s)", exchange::format_date(f.started_at_ms), exchange::format_date(f.finished_at_ms), f.tab_leaves, f.reloads)}</p>
            <p class=if checked.verdict == exchange::Verdict::Verified { "notice notice--info" } else { "notice notice--warning" }>{checked.verdict.text()}</p>
            <button type="button" class="button button--quiet" on:click=move |_| on_close.run(())>"Close transcript"</button>
            {checked.calls.iter().enumerate().map(|(i, call)| view! {
                <h3>{format!("Call {}", i + 1)}</h3>
                <CallReview call=call.clone() title_id=format!("review-title-{}", i + 1)><span></span></CallReview>
            }).collect_view()}
        </section>
    }
}
