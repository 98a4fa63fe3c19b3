//! The custom packs panel: import a campaign file (checked by the same validator as the shipped
//! content, with its diagnostics shown), and the stored packs with Export and Remove. A stored
//! pack that no longer loads is listed with the reason; it plays nowhere until it is imported
//! again in a form that loads.

use crate::exchange::{self, import_pack, PackImport, PackSource};
use crate::ui::browser::{download, read_file};
use crate::ui::components::{message, FileButton, Message};
use crate::ui::state::StoredPack;
use crate::ui::{store, use_app};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Import and list the trainer's own campaign packs.
#[component]
pub(super) fn PacksPanel() -> impl IntoView {
    let app = use_app();
    let report: RwSignal<Option<PackImport>> = RwSignal::new(None);
    let msg: RwSignal<Option<Message>> = RwSignal::new(None);
    let import = Callback::new(move |files: Vec<web_sys::File>| {
        let Some(file) = files.into_iter().next() else {
            return;
        };
        let name = file.name();
        spawn_local(async move {
            let text = match read_file(file).await {
                Ok(t) => t,
                Err(e) => {
                    report.set(None);
                    msg.set(Some(Message::Problem(format!(
                        "{name} was not imported: {e}. Nothing was changed."
                    ))));
                    return;
                }
            };
            let (Ok(shipped), Ok(lib)) = (app.shipped_untracked(), app.library_untracked()) else {
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
                        app.refresh_packs();
                        msg.set(Some(Message::Done(format!("Imported \u{201c}{title}\u{201d}. It can now be chosen in Practice and in persona sets."))));
                    }
                    Err(e) => msg.set(Some(Message::Problem(format!(
                        "The pack was not saved: {e}."
                    )))),
                },
                None => msg.set(Some(Message::Problem(
                    r.refused.clone().unwrap_or_default(),
                ))),
            }
            report.set(Some(r));
        });
    });
    let confirming: RwSignal<Option<String>> = RwSignal::new(None);
    let remove = Callback::new(move |key: String| {
        let removed = store::remove_key(&key);
        app.refresh_packs();
        confirming.set(None);
        msg.set(Some(match removed {
            Ok(()) => Message::Done("Pack removed.".into()),
            Err(e) => Message::Problem(format!("The pack could not be removed: {e}.")),
        }));
    });
    view! {
        <section class="panel trainer-section" aria-labelledby="packs-title">
            <h2 id="packs-title">"Custom packs"</h2>
            <p class="muted">"Import your own campaign file, written as described in "<a href="/content-format.md" rel="external" target="_blank">"the content format"</a>" (a complete small example is included). It is checked by the same validator as the built-in content."</p>
            <FileButton label="Import pack" accept=".toml,text/plain" on_files=import />
            {move || message(msg.get())}
            {move || report.get().filter(|r| !r.diagnostics.is_empty()).map(|r| view! {
                <section aria-label="Pack diagnostics">
                    <h3>{format!("Diagnostics ({})", r.diagnostics.len())}</h3>
                    <ul class="diagnostics">
                        {r.diagnostics.into_iter().zip(r.excerpts.into_iter().chain(std::iter::repeat(String::new()))).map(|(d, excerpt)| {
                            // The faulty line, then the caret line under its range (hidden from
                            // screen readers: the message already says where).
                            let (line, caret) = excerpt.split_once('\n').map(|(l, c)| (l.to_string(), c.to_string())).unwrap_or_default();
                            view! {
                                <li>
                                    <code>{d}</code>
                                    {(!line.is_empty() || !caret.is_empty()).then(|| view! {
                                        <pre class="excerpt" tabindex="0"><code>{line}</code>"\n"<span class="excerpt__caret" aria-hidden="true">{caret}</span></pre>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {move || {
                let list = app.packs();
                (!list.is_empty()).then(|| view! {
                    <h3>"Imported packs"</h3>
                    <ul class="set-list" role="list">
                        {list.into_iter().map(|p| view! { <PackItem pack=p confirming=confirming remove=remove /> }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

/// One stored pack: its id and file (or why it does not load), Export, and Remove with a
/// confirmation.
#[component]
fn PackItem(
    pack: StoredPack,
    confirming: RwSignal<Option<String>>,
    remove: Callback<String>,
) -> impl IntoView {
    let id = pack.id();
    let file = exchange::short(&pack.pack.file, 60);
    let label = match &pack.status {
        Ok(()) => format!("{id} ({file})"),
        Err(why) => format!("{id} ({file}) cannot be loaded: {why}"),
    };
    let StoredPack {
        key, pack: source, ..
    } = pack;
    let (k1, k2) = (key.clone(), key);
    let asking = move || confirming.get().as_deref() == Some(k2.as_str());
    view! {
        <li class="pack-item">
            <span>{label}</span>
            " "
            <button type="button" class="button" on:click=move |_| download(&source.file, "text/plain", &source.source)>"Export"</button>
            <button type="button" class="button button--quiet" on:click=move |_| confirming.set(Some(k1.clone()))>"Remove"</button>
            {move || asking().then(|| {
                let key = confirming.get_untracked().unwrap_or_default();
                view! {
                    <div class="panel confirm" role="alertdialog" aria-label="Confirm removal">
                        <p>{format!("Remove the pack {id}? Sets and results that use it will not play or verify until it is imported again.")}</p>
                        <button type="button" class="button button--danger" on:click=move |_| remove.run(key.clone())>"Remove pack"</button>
                        <button type="button" class="button" on:click=move |_| confirming.set(None)>"Keep it"</button>
                    </div>
                }
            })}
        </li>
    }
}
