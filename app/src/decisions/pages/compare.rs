//! Comparing two revisions of a decision, word by word, with who made each
//! and when: a GET form (`?from=1&to=2`), so it works without JavaScript
//! and a comparison has an address.

use super::Desk;
use crate::decisions::compare::{options_text, words, Piece};
use crate::decisions::model::Decision;
use crate::history::time::When;
use crate::i18n::use_texts;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn pieces(old: &str, new: &str) -> impl IntoView {
    let dt = use_texts().decisions;
    words(old, new)
        .into_iter()
        .map(|p| match p {
            Piece::Same(s) => EitherOf3::A(view! { <span>{s}</span> }),
            Piece::Removed(s) => {
                EitherOf3::B(view! { <del><span class="visually-hidden">{dt.removed}" "</span>{s}</del> })
            }
            Piece::Added(s) => {
                EitherOf3::C(view! { <ins><span class="visually-hidden">{dt.added}" "</span>{s}</ins> })
            }
        })
        .collect_view()
}

#[component]
pub fn CompareRevisions(desk: Desk, decision: Decision) -> impl IntoView {
    let dt = use_texts().decisions;
    let last = decision.revision();
    let query = use_query_map().get_untracked();
    let pick = |key: &str, default: u32| {
        query
            .get(key)
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|n| (1..=last).contains(n))
            .unwrap_or(default)
    };
    let asked = query.get("from").is_some();
    let (from, to) = (pick("from", last - 1), pick("to", last));
    let revision = |n: u32| decision.revisions[n as usize - 1].clone();
    let ((a, a_stamp), (b, b_stamp)) = (revision(from), revision(to));
    let select = move |name: &'static str, id: &'static str, label: &'static str, chosen: u32| {
        view! {
            <label for=id>{label}</label>
            <select id=id name=name>
                {(1..=last).map(|n| view! { <option value=n.to_string() selected={n == chosen}>{n}</option> }).collect_view()}
            </select>
        }
    };
    view! {
        <details class="compare" open=asked>
            <summary>{dt.compare}</summary>
            <form method="get" class="inline-form">
                {select("from", "compare-from", dt.compare_from, from)}
                {select("to", "compare-to", dt.compare_to, to)}
                <button type="submit">{dt.compare_button}</button>
            </form>
            <p class="hint">
                {(dt.revision)(from)}": "{desk.name_of(&a_stamp.actor_id)}", "<When ms=a_stamp.at_ms />
                " → "{(dt.revision)(to)}": "{desk.name_of(&b_stamp.actor_id)}", "<When ms=b_stamp.at_ms />
            </p>
            <dl class="word-diff">
                <dt>{dt.decision_title}</dt>
                <dd dir="auto">{pieces(&a.title, &b.title)}</dd>
                <dt>{dt.problem}</dt>
                <dd dir="auto" class="prose">{pieces(&a.problem, &b.problem)}</dd>
                <dt>{dt.options}</dt>
                <dd dir="auto" class="prose">{pieces(&options_text(&a), &options_text(&b))}</dd>
            </dl>
        </details>
    }
}
