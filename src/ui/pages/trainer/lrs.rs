//! The "Results from a Learning Record Store" panel: reads a set's xAPI statements from an LRS,
//! and shows each attempt verified by replay (as an imported result file is), with the LRS's
//! `stored` times and authority beside the candidate's own times, and what is missing or out of
//! order. Reading, grouping and checking are the core's (`exchange::lrs_attempts`).

use crate::exchange::{
    lrs_attempts, more_url, parse_statement_page, set_query_url, statements_url, LrsAttempt,
    LrsTarget, Verdict, MAX_READ_STATEMENTS,
};
use crate::ui::browser::{local_date_time, lrs::get_text};
use crate::ui::use_app;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

/// Reads every statement from `first` on, following `more` links.
async fn read_all(endpoint: &str, auth: &str, first: String) -> Result<Vec<Value>, String> {
    let mut out = Vec::new();
    let mut url = Some(first);
    while let Some(u) = url.take() {
        let (status, text) = get_text(&u, auth).await?;
        if !(200..300).contains(&status) {
            return Err(format!(
                "the LRS answered {status}: {}",
                crate::exchange::short(text.trim(), 200)
            ));
        }
        let page = parse_statement_page(&text)?;
        let empty = page.statements.is_empty();
        out.extend(page.statements);
        if out.len() >= MAX_READ_STATEMENTS {
            return Err(format!(
                "the LRS holds more than {MAX_READ_STATEMENTS} statements for this query"
            ));
        }
        url = page.more.filter(|_| !empty).map(|m| more_url(endpoint, &m));
    }
    Ok(out)
}

/// The set's statements: asked by activity first (a production LRS answers from its index);
/// when that gives nothing (Ralph's file-system backend ignores the filter), every statement,
/// kept by the core when it names the set.
async fn read_set(endpoint: &str, auth: &str, set_id: &str) -> Result<Vec<Value>, String> {
    let by_activity = read_all(endpoint, auth, set_query_url(endpoint, set_id)).await?;
    if !by_activity.is_empty() {
        return Ok(by_activity);
    }
    read_all(endpoint, auth, statements_url(endpoint)).await
}

fn time(ms: Option<f64>) -> String {
    ms.map_or("—".into(), local_date_time)
}

#[component]
pub(super) fn LrsPanel() -> impl IntoView {
    let app = use_app();
    let files = Memo::new(move |_| {
        app.sets()
            .into_iter()
            .map(|(_, f)| f)
            .filter(|f| !f.set.id.is_empty())
            .collect::<Vec<_>>()
    });
    let sets =
        Memo::new(move |_| files.with(|f| f.iter().map(|f| f.set.clone()).collect::<Vec<_>>()));
    let chosen = RwSignal::new(String::new());
    let endpoint = RwSignal::new(String::new());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let status: RwSignal<Option<String>> = RwSignal::new(None);
    let problem: RwSignal<Option<String>> = RwSignal::new(None);
    let attempts: RwSignal<Vec<LrsAttempt>> = RwSignal::new(Vec::new());
    // Choosing a set fills in its LRS (the trainer may need other credentials to read).
    let choose = move |id: String| {
        if let Some(t) = files.with_untracked(|f| {
            f.iter()
                .find(|f| f.set.id == id)
                .and_then(|f| f.lrs.clone())
        }) {
            endpoint.set(t.endpoint.clone());
            let (u, p) = t.credentials().unwrap_or_default();
            user.set(u);
            password.set(p);
        }
        chosen.set(id);
    };
    let load = move |_| {
        problem.set(None);
        let set_id = chosen.get_untracked();
        let set_id = if set_id.is_empty() {
            sets.with_untracked(|s| s.first().map(|s| s.id.clone()).unwrap_or_default())
        } else {
            set_id
        };
        if set_id.is_empty() {
            problem.set(Some(
                "Save a persona set first: statements are read per set.".into(),
            ));
            return;
        }
        let target = match LrsTarget::basic(
            &endpoint.get_untracked(),
            &user.get_untracked(),
            &password.get_untracked(),
        ) {
            Ok(t) => t,
            Err(e) => {
                problem.set(Some(format!("LRS endpoint: {e}.")));
                return;
            }
        };
        let Ok(lib) = app.library_untracked() else {
            return;
        };
        status.set(Some("Reading statements from the LRS…".into()));
        spawn_local(async move {
            match read_set(&target.endpoint, &target.auth, &set_id).await {
                Ok(statements) => {
                    let found = sets
                        .with_untracked(|issued| lrs_attempts(&lib, issued, &set_id, &statements));
                    status.set(Some(format!(
                        "Read {} statements: {} attempt{} of this set.",
                        statements.len(),
                        found.len(),
                        if found.len() == 1 { "" } else { "s" }
                    )));
                    attempts.set(found);
                }
                Err(e) => {
                    status.set(None);
                    problem.set(Some(format!(
                        "The statements could not be read: {e}. Nothing was changed."
                    )));
                }
            }
        });
    };
    let field = move |id: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      value: RwSignal<String>| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type=kind autocomplete="off" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            </div>
        }
    };
    view! {
        <section class="panel trainer-section" aria-labelledby="lrs-title">
            <h2 id="lrs-title">"Results from a Learning Record Store"</h2>
            <p class="muted">"For sets that send xAPI statements: each attempt is replayed and verified as an imported result file is. The LRS's stored times and authority are its own record; the candidate's times come from their clock."</p>
            <div class="field">
                <label for="lrs-set">"Set"</label>
                <select id="lrs-set" on:change=move |ev| choose(event_target_value(&ev))>
                    <option value="">"Choose a set"</option>
                    {move || sets.get().into_iter().map(|s| {
                        let id = s.id.clone();
                        view! { <option value=id.clone() selected=move || chosen.get() == id>{s.name.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            {field("lrs-endpoint", "LRS endpoint", "url", endpoint)}
            {field("lrs-user", "LRS user name (with read access)", "text", user)}
            {field("lrs-password", "LRS password", "password", password)}
            <div class="trainer-actions">
                <button type="button" class="button" on:click=load>"Load results from LRS"</button>
            </div>
            {move || status.get().map(|s| view! { <p role="status">{s}</p> })}
            {move || problem.get().map(|p| view! { <p class="notice notice--danger" role="alert">{p}</p> })}
            {move || (!attempts.with(Vec::is_empty)).then(|| view! {
                <div class="table-wrap">
                    <table class="table">
                        <caption>"Attempts in the LRS"</caption>
                        <thead><tr>
                            {["Candidate", "Verdict", "Overall", "Result", "Started (candidate)", "Finished (candidate)", "Stored by the LRS", "Authority", "Missing or out of order"].into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {attempts.get().into_iter().map(|a| {
                                let trusted = a.trusted();
                                let reason = match &a.verdict { Verdict::Verified => String::new(), v => v.text() };
                                view! {
                                    <tr>
                                        <td><bdi>{a.candidate.clone()}</bdi></td>
                                        <td title=reason.clone()>{a.verdict.label()}</td>
                                        <td>{a.summary.map_or("—".into(), |s| s.scores.overall.to_string())}</td>
                                        <td>{match (a.summary, &a.set_match) { (Some(s), _) if trusted => (if s.passed { "Pass" } else { "Fail" }).to_string(), (_, Some(m)) => format!("— ({})", m.text()), _ => "—".into() }}</td>
                                        <td>{time(a.started_ms)}</td>
                                        <td>{time(a.finished_ms)}</td>
                                        <td>{format!("{} to {}", time(a.stored_first_ms), time(a.stored_last_ms))}</td>
                                        <td><bdi>{a.authority.clone()}</bdi></td>
                                        <td>{if a.problems.is_empty() { reason } else { a.problems.join("; ") }}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}
