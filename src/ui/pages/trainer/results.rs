//! The results panel: candidates' result files, imported by picker or drag and drop, verified
//! by replay, stored in this browser, and shown as a sortable table with the score
//! distribution, a CSV export and each candidate's transcript.

use super::transcript::Transcript;
use crate::content::Library;
use crate::exchange::{self, sort_rows, to_csv, Checked, Column, ResultFile, Row};
use crate::ui::browser::{download, dropped_files, epoch_ms, read_file};
use crate::ui::components::{Distribution, FileButton};
use crate::ui::{store, use_app, AppState};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The stored results, replayed, each with the time it was imported; and a line for each stored
/// result that could not be read (it is set aside, never deleted, and the line says where).
fn load_checked(lib: &Library) -> (Vec<(Checked, f64)>, Vec<String>) {
    let (stored, notices) = store::load_results_reported();
    let out = stored
        .into_iter()
        .map(|r| {
            (
                exchange::verify_result(lib, r.file),
                r.imported_ms.unwrap_or_else(epoch_ms),
            )
        })
        .collect();
    (out, notices.iter().map(|n| n.to_string()).collect())
}

/// Import, list, sort, export and open the candidates' results.
/// Reads a result file, checks it is new, verifies it by replay and stores it. Returns the row
/// to show only once the file is stored.
fn keep_result(
    app: AppState,
    checked: RwSignal<Vec<(Checked, f64)>>,
    text: &str,
) -> Result<(Checked, f64), String> {
    let f = ResultFile::from_json(text).map_err(|e| e.to_string())?;
    if checked.with_untracked(|c| c.iter().any(|(x, _)| x.file.seal == f.seal && x.file == f)) {
        return Err("it was already imported".into());
    }
    let lib = app
        .library_untracked()
        .map_err(|_| "the content could not be loaded".to_string())?;
    let now = epoch_ms();
    store::save_result(&f.seal, now, text).map_err(|e| {
        format!(
            "it could not be kept in this browser ({e}). Free some space (remove old results) and import it again"
        )
    })?;
    Ok((exchange::verify_result(&lib, f), now))
}

#[component]
pub(super) fn ResultsPanel() -> impl IntoView {
    let app = use_app();
    let (loaded, unreadable) = app
        .library_untracked()
        .map(|l| load_checked(&l))
        .unwrap_or_default();
    let checked: RwSignal<Vec<(Checked, f64)>> = RwSignal::new(loaded);
    let problems: RwSignal<Vec<String>> = RwSignal::new(unreadable);
    let confirm_clear = RwSignal::new(false);
    let sort = RwSignal::new((Column::Date, false));
    let open: RwSignal<Option<usize>> = RwSignal::new(None);

    let take_files = Callback::new(move |files: Vec<web_sys::File>| {
        problems.set(Vec::new());
        for file in files {
            let name = file.name();
            spawn_local(async move {
                let outcome = match read_file(file).await {
                    Err(e) => Err(e),
                    Ok(text) => keep_result(app, checked, &text),
                };
                match outcome {
                    // Only a result that is stored gets a row: a row that vanished on reload
                    // would look like a result the trainer has when they do not.
                    Ok(row) => checked.update(|v| v.push(row)),
                    Err(e) => problems.update(|p| {
                        p.push(format!(
                            "{} was not imported: {e}. Nothing was changed.",
                            exchange::short(&name, 80)
                        ))
                    }),
                }
            });
        }
    });
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        take_files.run(dropped_files(&ev));
    };

    // The sets this trainer issued, as stored (the app state reads them once per change).
    let issued = Memo::new(move |_| {
        app.sets()
            .into_iter()
            .map(|(_, f)| f.set)
            .collect::<Vec<crate::sim::PersonaSet>>()
    });
    let rows = move || {
        let (col, asc) = sort.get();
        let Ok(lib) = app.library() else {
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
        confirm_clear.set(false);
        // Whatever could not be removed stays listed, as it stays stored.
        if let Err(e) = store::clear_results() {
            problems.set(vec![format!("The results could not all be removed: {e}.")]);
            return;
        }
        checked.set(Vec::new());
        open.set(None);
    };

    view! {
        <section class="panel trainer-section" aria-labelledby="results-title">
            <h2 id="results-title">"Results"</h2>
            <details class="help">
                <summary>"What a Verified result proves"</summary>
                <p>"Verified: every call was replayed with the same engine and content, and the scores are those of the replies in the file. Set as issued: the file's set has the id of a set you saved here, and nothing that decides the calls or the score was changed. Only a row with both shows Pass or Fail; every other row shows \u{2014} and the reason."</p>
                <p>"Each attempt draws its own salt when the candidate presses Begin, so rehearsing the link in practice does not predict the calls; every candidate still meets the same campaigns, customers and difficulty."</p>
                <p>"What a browser-only app cannot prove: who sat at the keyboard (the name is typed by the candidate), the times (they come from the candidate's clock: odd ones are flagged in the Clock column), and how many times someone started again after clearing the browser's storage. The tamper check only catches casual edits of the file. A record that the candidate cannot rewrite, with a server's time for every start, needs a server: a learning platform (SCORM) or a Learning Record Store (xAPI): a set can name an LRS, and its attempts are then read under Results from a Learning Record Store."</p>
            </details>
            <div class="dropzone" on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
                <p>"Drop result files here, or "</p>
                <FileButton label="Import results" accept=".json,application/json" multiple=true on_files=take_files />
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
