//! A workshop's summary page (`…/workshops/WORKSHOP/summary`): computed
//! from the trail, printable (the print style leaves out the site's
//! navigation), and downloadable as Markdown.

use super::super::api::get_workshop_summary;
use super::super::summary::{duration, WorkshopSummary};
use super::dots::Results;
use crate::i18n::use_texts;
use crate::projects::pages::frame::{project_error, use_project_id};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SummaryPage() -> impl IntoView {
    let t = use_texts();
    let project_id = use_project_id();
    let params = use_params_map();
    let workshop_id = move || params.read().get("workshop_id").unwrap_or_default();
    let summary = crate::json::resource(
        move || (project_id.get(), workshop_id()),
        |(p, w)| get_workshop_summary(p, w),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match summary.await {
                    Ok(s) => Either::Left(view! { <Summary s=s project_id=project_id.get_untracked() workshop_id=workshop_id() /> }),
                    Err(e) => Either::Right(project_error(t, &e, &project_id.get_untracked())),
                }
            })}
        </Suspense>
    }
}

fn list(items: Vec<String>, nothing: &'static str) -> impl IntoView {
    match items.is_empty() {
        true => Either::Left(view! { <p>{nothing}</p> }),
        false => Either::Right(
            view! { <ul>{items.into_iter().map(|i| view! { <li><bdi>{i}</bdi></li> }).collect_view()}</ul> },
        ),
    }
}

#[component]
fn Summary(s: WorkshopSummary, project_id: String, workshop_id: String) -> impl IntoView {
    let tt = use_texts();
    let t = tt.workshops;
    let back = format!("/projects/{project_id}/workshops/{workshop_id}");
    let download = format!("/export/{project_id}/workshops/{workshop_id}/summary.md");
    let cells: Vec<String> = s
        .consensus_moved
        .iter()
        .map(|c| {
            format!(
                "{} – {}: {}",
                c.field,
                c.context,
                (t.consensus_from_to)(c.before, c.after)
            )
        })
        .collect();
    let decided: Vec<String> = s
        .decided
        .iter()
        .map(|d| format!("{} ({})", d.title, (t.outcome)(d.outcome.as_deref(), d.dissent)))
        .collect();
    let people: Vec<String> = s
        .professions
        .iter()
        .map(|(p, n)| format!("{}: {n}", tt.profession(*p)))
        .collect();
    view! {
        <Title text=format!("{} – {} – Samspill", t.summary, s.title) />
        <article class="workshop-summary">
            <h1>{t.summary}": " <bdi>{s.title.clone()}</bdi></h1>
            <p class="no-print">
                <a href=back>{t.open}" " <bdi>{s.title.clone()}</bdi></a> " · "
                <a href=download download="">{t.download_markdown}</a>
            </p>
            <p>{t.planned_for} " " <time>{s.starts_at.replace('T', " ")}</time></p>
            {(!s.goal.is_empty()).then(|| view! { <p dir="auto">{s.goal.clone()}</p> })}
            <p class="hint">{t.summary_intro}</p>
            <section aria-labelledby="summary-agenda">
                <h2 id="summary-agenda">{t.agenda_heading}</h2>
                <ol>
                    {s.agenda.iter().map(|a| {
                        let took = (a.actual_ms > 0).then(|| duration(a.actual_ms));
                        let worked_on = (!a.worked_on.is_empty()).then(|| view! {
                            <br /><span class="hint">{t.worked_on}": " <bdi>{a.worked_on.join(", ")}</bdi></span>
                        });
                        view! { <li><bdi>{a.title.clone()}</bdi>": " {(t.planned_actual)(a.planned_minutes, took.as_deref())}{worked_on}</li> }
                    }).collect_view()}
                </ol>
            </section>
            <section aria-labelledby="summary-map">
                <h2 id="summary-map">{t.summary_map}</h2>
                <h3>{t.elements_added}</h3>
                {list(s.elements_added.clone(), t.nothing)}
                <h3>{t.elements_removed}</h3>
                {list(s.elements_removed.clone(), t.nothing)}
                <p>{(t.links_changed)(s.links_added, s.links_removed)}</p>
                <h3>{t.pain_points_raised}</h3>
                {list(s.pain_points_raised.clone(), t.nothing)}
            </section>
            <section aria-labelledby="summary-fields">
                <h2 id="summary-fields">{t.summary_fields}</h2>
                <h3>{t.fields_proposed}</h3>
                {list(s.fields_proposed.clone(), t.nothing)}
                <h3>{t.contexts_proposed}</h3>
                {list(s.contexts_proposed.clone(), t.nothing)}
                <p>{(t.ratings_given)(s.ratings_given)}</p>
                <h3>{t.consensus_moved}</h3>
                {list(cells, t.nothing)}
            </section>
            <section aria-labelledby="summary-decisions">
                <h2 id="summary-decisions">{t.summary_decisions}</h2>
                <h3>{t.decided}</h3>
                {list(decided, t.nothing)}
                <h3>{t.left_open}</h3>
                {list(s.left_open.clone(), t.nothing)}
            </section>
            {s.dot_votes.iter().filter_map(|v| v.revealed.clone().map(|r| view! { <Results vote=v.clone() revealed=r /> })).collect_view()}
            <section aria-labelledby="summary-people">
                <h2 id="summary-people">{t.summary_people}</h2>
                {list(people, t.nothing)}
                <p>{(t.events_made)(s.events)}</p>
            </section>
            {s.notes.clone().filter(|n| !n.is_empty()).map(|n| view! {
                <section aria-labelledby="summary-notes">
                    <h2 id="summary-notes">{t.notes_heading}</h2>
                    <p class="notes-text" dir="auto">{n}</p>
                </section>
            })}
        </article>
    }
}
