//! The review's scores: each with its value, its definition, what cost points in this call, the
//! change since the last comparable call, and the small wins. Everything shown here is decided
//! in the core (`sim::explain`, `progress::standing`); this module only lays it out.

use crate::progress::{delta_words, Standing};
use crate::sim::{Explained, ScoreKind};
use leptos::prelude::*;

/// One card per score. `id_prefix` keeps the headings' ids unique on a page with several
/// reviews; `standing` (when the call is in the trainee's own history) adds the change.
#[component]
pub fn ScoreCards(
    explained: Vec<Explained>,
    id_prefix: String,
    standing: Signal<Option<Standing>>,
) -> impl IntoView {
    let values: Vec<(ScoreKind, u8)> = explained.iter().map(|e| (e.kind, e.value)).collect();
    let current = move || {
        let get = |k: ScoreKind| {
            values
                .iter()
                .find(|(kind, _)| *kind == k)
                .map_or(0, |(_, v)| *v)
        };
        crate::sim::Scores {
            overall: get(ScoreKind::Overall),
            composure: get(ScoreKind::Composure),
            correctness: get(ScoreKind::Correctness),
            outcome: get(ScoreKind::Outcome),
            responsiveness: get(ScoreKind::Responsiveness),
        }
    };
    let current_for_cards = current.clone();
    view! {
        {move || standing.get().and_then(|s| s.change).map(|c| view! {
            <p class="review__change">{format!("{}: overall {}.", c.basis_words(), delta_words(c.deltas(&current())[0].1))}</p>
        })}
        <div class="score-cards">
            {explained.into_iter().map(|e| {
                let id = format!("{id_prefix}-score-{}", e.kind.word());
                let labelled_by = id.clone();
                let kind = e.kind;
                let now = current_for_cards.clone();
                let change = move || standing.get().and_then(|s| s.change).and_then(|c| {
                    c.deltas(&now()).iter().find(|(k, _)| *k == kind).map(|(_, d)| *d)
                });
                let costs = e.costs.iter().map(|c| c.text(kind)).collect::<Vec<_>>();
                let count = costs.len();
                view! {
                    <section class="score-card" aria-labelledby=labelled_by>
                        <h3 class="score-card__name" id=id>{kind.label()}</h3>
                        <p class="score-card__value">{e.value.to_string()}</p>
                        {move || change().map(|d| view! {
                            <p class=change_class(d)>
                                {format!("Change: {}", delta_words(d))}
                            </p>
                        })}
                        <p class="score-card__definition">{kind.definition()}</p>
                        <details class="score-card__costs">
                            <summary>{if count == 0 { "Nothing cost points".to_string() } else { format!("What cost points ({count})") }}</summary>
                            <ul aria-label=format!("What cost {} points", kind.word())>
                                {if costs.is_empty() {
                                    view! { <li>"Nothing: full marks."</li> }.into_any()
                                } else {
                                    costs.into_iter().map(|t| view! { <li>{t}</li> }).collect_view().into_any()
                                }}
                            </ul>
                        </details>
                    </section>
                }
            }).collect_view()}
        </div>
    }
}

/// The small wins of a call, in plain words; nothing when there are none.
#[component]
pub fn Wins(standing: Signal<Option<Standing>>) -> impl IntoView {
    move || {
        standing.get().filter(|s| !s.wins.is_empty()).map(|s| {
            view! {
                <ul class="review__wins" aria-label="Small wins">
                    {s.wins.iter().map(|w| view! { <li>{w.words()}</li> }).collect_view()}
                </ul>
            }
        })
    }
}

fn change_class(d: i16) -> &'static str {
    match d.signum() {
        1 => "score-card__change score-card__change--up",
        -1 => "score-card__change score-card__change--down",
        _ => "score-card__change",
    }
}
