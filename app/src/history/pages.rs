//! The history page: the decision trail in plain language, filterable, with
//! a comparison of any two versions of one item. Filters are a GET form, so
//! a filtered history has an address that can be shared.

use super::api::{compare_versions, get_history};
use super::texts::use_history_texts;
use super::time::When;
use crate::components::address::with_query;
use crate::components::apart::hydrate_apart;
use crate::error::AppError;
use crate::features::{History, Project};
use crate::i18n::{current_lang, use_texts, Texts};
use crate::map::model::{ElementKind, LinkKind};
use crate::map::texts::use_map_texts;
use crate::projects::pages::frame::{ProjectNav, Section};
use crate::trail::history::{Comparison, Field, Said, Version};
use crate::trail::Seq;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn HistoryPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let query = use_query_map();
    let project_id = move || params.read().get("id").unwrap_or_default();
    let q = move |k: &str| query.read().get(k).unwrap_or_default();

    let history = crate::json::resource(
        move || {
            (
                project_id(),
                q("kind"),
                q("person"),
                q("workshop"),
                q("from"),
                q("to"),
                q("about"),
                q("before").parse::<Seq>().ok(),
            )
        },
        |(id, kind, person, workshop, from, to, about, before)| {
            get_history(id, kind, person, workshop, from, to, about, before)
        },
    );
    let comparison = crate::json::resource(
        move || (project_id(), q("item"), q("a"), q("b")),
        |(id, item, a, b)| async move {
            match (item.is_empty(), a.parse(), b.parse()) {
                (false, Ok(a), Ok(b)) => Some(compare_versions(id, item, a, b).await),
                _ => None,
            }
        },
    );

    view! {
        <Title text=format!("{} – Samspill", t.history_title) />
        <h1>{t.history_title}</h1>
        <ProjectNav project_id=project_id() current=Section::History />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                let compared = comparison.await;
                match history.await {
                    Ok(h) => {
                        view! {
                            {compared.map(|c| comparison_view(t, c, project_id(), q("item")))}
                            {about(&h, project_id())}
                            // In a task of its own (`components::apart`).
                            {hydrate_apart(filters(t, &h, q))}
                            {hydrate_apart(entries(t, &h, project_id()))}
                            {pages(&h, &project_id(), q("before").is_empty())}
                        }
                            .into_any()
                    }
                    Err(AppError::NotFound) => view! { <crate::components::NotFound /> }.into_any(),
                    Err(e) => view! { <p class="error" role="alert">{t.error_message(&e)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A history of one item says which, and leads back to the whole.
fn about(h: &History, project_id: String) -> Option<impl IntoView> {
    let h_t = use_history_texts();
    h.about.clone().map(|name| {
        view! {
            <h2 class="about">{(h_t.about)(&name)}</h2>
            <p>
                <a href=format!("/projects/{project_id}/history")>{h_t.all_history}</a>
            </p>
        }
    })
}

/// The way to older events, and back to the newest: the same address (its
/// filters kept) with or without `before`.
fn pages(h: &History, project_id: &str, newest: bool) -> impl IntoView {
    let h_t = use_history_texts();
    let base = format!("/projects/{project_id}/history");
    let link =
        |before: Option<Seq>| with_query(&base, &[("before", before.map(|b| b.to_string()).as_deref())]);
    let older = h
        .older
        .map(|seq| view! { <a href=link(Some(seq)) rel="next">{h_t.older}</a> });
    let back = (!newest).then(|| view! { <a href=link(None)>{h_t.newest}</a> });
    (older.is_some() || back.is_some()).then(|| {
        view! {
            <nav class="history-pages" aria-label=h_t.pages>
                {back}
                " "
                {older}
            </nav>
        }
    })
}

fn filters(t: &'static Texts, h: &History, q: impl Fn(&str) -> String) -> impl IntoView {
    let (kind, person, workshop) = (q("kind"), q("person"), q("workshop"));
    let option = |value: String, label: String, selected: bool| {
        view! {
            <option value=value selected=selected>
                {label}
            </option>
        }
    };
    view! {
        <form method="get" class="filters" role="search">
            {Some(q("about")).filter(|a| !a.is_empty()).map(|a| view! { <input type="hidden" name="about" value=a /> })}
            <div class="field">
                <label for="filter-kind">{t.filter_kind}</label>
                <select id="filter-kind" name="kind">
                    {option(String::new(), t.all.into(), kind.is_empty())}
                    {h
                        .kinds
                        .iter()
                        .map(|k| {
                            let label = (t.event_kinds)(k)
                                .or_else(|| Project::kind_label(k, current_lang()))
                                .unwrap_or(k)
                                .to_owned();
                            option(k.clone(), label, *k == kind)
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-person">{t.filter_person}</label>
                <select id="filter-person" name="person">
                    {option(String::new(), t.all.into(), person.is_empty())}
                    {h.people.iter().map(|p| option(p.id.clone(), p.name.clone(), p.id == person)).collect_view()}
                </select>
            </div>
            {(!h.workshops.is_empty())
                .then(|| {
                    view! {
                        <div class="field">
                            <label for="filter-workshop">{t.filter_workshop}</label>
                            <select id="filter-workshop" name="workshop">
                                {option(String::new(), t.all.into(), workshop.is_empty())}
                                {h.workshops.iter().map(|w| option(w.clone(), w.clone(), *w == workshop)).collect_view()}
                            </select>
                        </div>
                    }
                })}
            <div class="field">
                <label for="filter-from">{t.filter_from}</label>
                <input id="filter-from" name="from" type="date" value=q("from") />
            </div>
            <div class="field">
                <label for="filter-to">{t.filter_to}</label>
                <input id="filter-to" name="to" type="date" value=q("to") />
            </div>
            <button type="submit">{t.show}</button>
        </form>
        <p role="status">{(t.history_count)(h.matched, h.total)}</p>
    }
}

fn entries(t: &'static Texts, h: &History, project_id: String) -> impl IntoView {
    let name_of = |id: &str| {
        h.people
            .iter()
            .find(|p| p.id == id)
            .map(|p| match p.profession {
                Some(prof) => format!("{} ({})", p.name, t.profession(prof)),
                None => p.name.clone(),
            })
            .unwrap_or_default()
    };
    view! {
        <ol class="history" reversed>
            {h
                .entries
                .iter()
                .map(|e| {
                    let compare = format!(
                        "/projects/{project_id}/history?item={}&a={}&b={}",
                        e.item_id,
                        e.seq - 1,
                        e.seq,
                    );
                    view! {
                        <li value=e.seq.to_string()>
                            <span class="when">
                                <When ms=e.at_ms />
                            </span>
                            " "
                            <span class="sentence">
                                <bdi>{name_of(&e.actor_id)}</bdi>
                                " "
                                {sentence(t, &e.what)}
                            </span>
                            " "
                            <a class="compare" href=compare>
                                {t.compare}
                                <span class="visually-hidden">" #" {e.seq}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

fn sentence(t: &'static Texts, said: &Said<crate::features::What>) -> String {
    match said {
        Said::Change(what) => what.say(current_lang()),
        Said::Undone { of_seq } => (t.undone)(*of_seq),
    }
}

fn field_value(field: Field, value: Option<String>) -> String {
    let value = value.unwrap_or_else(|| "–".to_owned());
    if field == Field::Kind {
        let m = use_map_texts();
        if let Some(k) = ElementKind::parse(&value) {
            return m.element_kind(k).to_owned();
        }
        if let Some(k) = LinkKind::parse(&value) {
            return (m.link_kinds)(k).to_owned();
        }
    }
    value
}

/// "version 12 — 26 Nov 2026, 11:14 CET, Kari Nordmann".
fn version_name(seq: Seq, v: Option<Version>) -> impl IntoView {
    let h = use_history_texts();
    let name = (h.version)(seq);
    match v {
        Some(v) => view! {
            {name}
            " — "
            <When ms=v.at_ms />
            ", "
            <bdi>{v.by}</bdi>
        }
        .into_any(),
        None => view! { {name} " — " {h.start} }.into_any(),
    }
}

fn comparison_view(
    t: &'static Texts,
    c: Result<Comparison, AppError>,
    project_id: String,
    item: String,
) -> impl IntoView {
    let c = match c {
        Ok(c) => c,
        Err(e) => return view! { <p class="error" role="alert">{t.error_message(&e)}</p> }.into_any(),
    };
    view! {
        <section aria-labelledby="compare-title" class="comparison">
            <h2 id="compare-title">{t.compare_title} ": " {c.item_name.clone()}</h2>
            <form method="get" class="inline-form">
                <input type="hidden" name="item" value=item />
                <label for="version-a">{t.version_from}</label>
                <input id="version-a" name="a" type="number" min="0" value=c.from_seq.to_string() />
                <label for="version-b">{t.version_to}</label>
                <input id="version-b" name="b" type="number" min="0" value=c.to_seq.to_string() />
                <button type="submit">{t.compare}</button>
            </form>
            {if c.changes.is_empty() {
                view! { <p>{t.no_difference}</p> }.into_any()
            } else {
                view! {
                    <table class="diff">
                        <thead>
                            <tr>
                                <th scope="col">{t.field}</th>
                                <th scope="col">{t.before} ": " {version_name(c.from_seq, c.from.clone())}</th>
                                <th scope="col">{t.after} ": " {version_name(c.to_seq, c.to.clone())}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {c
                                .changes
                                .into_iter()
                                .map(|ch| {
                                    if ch.field == Field::Position && ch.before.is_some() && ch.after.is_some() {
                                        // Coordinates mean nothing to a person.
                                        return view! {
                                            <tr>
                                                <th scope="row">{(t.fields)(ch.field)}</th>
                                                <td colspan="2">{use_history_texts().moved}</td>
                                            </tr>
                                        }
                                            .into_any();
                                    }
                                    view! {
                                        <tr>
                                            <th scope="row">{(t.fields)(ch.field)}</th>
                                            <td class="removed">{field_value(ch.field, ch.before)}</td>
                                            <td class="added">{field_value(ch.field, ch.after)}</td>
                                        </tr>
                                    }
                                        .into_any()
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
            <p>
                <a href=format!("/projects/{project_id}/history")>{t.history_title}</a>
            </p>
        </section>
    }
    .into_any()
}
