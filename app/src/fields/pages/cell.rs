//! One cell opened: its ratings by profession, the reasons given, the
//! measures, and the reader's own rating.

use super::matrix::sensitivity_mark;
use super::rate::RatingForm;
use super::Work;
use crate::fields::measures::{CellSummary, MIN_RATINGS};
use crate::fields::model::Rating;
use crate::fields::slice::cell_of;
use crate::i18n::use_texts;
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn CellPanel(w: Work, cell: String) -> impl IntoView {
    let t = use_texts();
    let f = t.information_fields;
    let (field_id, context_id) = cell_of(&cell).unwrap_or((&cell, ""));
    let (field_id, context_id) = (
        StoredValue::new(field_id.to_owned()),
        StoredValue::new(context_id.to_owned()),
    );
    let exists = Memo::new(move |_| {
        let s = w.state.read();
        s.fields.fields.contains_key(&field_id.get_value())
            && s.fields.contexts.contains_key(&context_id.get_value())
    });
    let ratings = move || {
        w.state
            .read()
            .fields
            .cell(&field_id.get_value(), &context_id.get_value())
            .cloned()
            .unwrap_or_default()
    };
    let summary = move || CellSummary::of_cell(&ratings());
    let title = move || {
        let s = w.state.read();
        (f.cell_title)(
            &s.fields.name(&field_id.get_value()),
            &s.fields.name(&context_id.get_value()),
        )
    };
    view! {
        // Either, not `<Show>`: see `crate::components::when`.
        {move || if !exists.get() {
            Either::Left(view! { <p class="hint">{t.not_found_body}</p> })
        } else { Either::Right(view! {
            <section class="cell-panel" aria-labelledby="cell-title">
                <h3 id="cell-title" dir="auto">{title}</h3>
                {move || w.state.read().fields.fields.get(&field_id.get_value()).map(|field| view! {
                    <p>
                        {sensitivity_mark(t, field)}
                        <span dir="auto">{field.details.definition.clone()}</span>
                    </p>
                })}
                {move || {
                    let s = summary();
                    let n = s.all.n();
                    if n < MIN_RATINGS {
                        return Either::Left(view! { <p class="measures">{(f.too_few)(n)}</p> });
                    }
                    Either::Right(view! {
                        <dl class="measures">
                            <dt>{f.consensus}</dt>
                            <dd>{format!("{:.0} %", s.consensus.unwrap_or(0.0) * 100.0)}</dd>
                            <dt>{f.disagreement}</dt>
                            <dd>
                                {match s.disagreement {
                                    Some(d) => format!(
                                        "Δ = {:.2}, {}",
                                        d.delta,
                                        (f.disagreement_between)(t.profession(d.between.0), t.profession(d.between.1)),
                                    ),
                                    None => "–".to_owned(),
                                }}
                            </dd>
                            <dt>{f.needed_by_all}</dt>
                            <dd>{s.needed_by_all.map(|x| format!("{:.0} %", x * 100.0)).unwrap_or_else(|| "–".into())}</dd>
                        </dl>
                    })
                }}
                <table class="by-profession">
                    <caption>{move || (f.ratings_count)(summary().all.n() as usize)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.member_profession}</th>
                            {Rating::ALL
                                .iter()
                                .map(|r| view! { <th scope="col">{r.score()}" "{(f.ratings)(*r)}</th> })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let s = summary();
                            s.by_profession
                                .iter()
                                .map(|(p, d)| {
                                    let left_out = s.left_out.contains(p);
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                {t.profession(*p)}
                                                {left_out.then(|| view! { <span class="hint">" ("{f.left_out}")"</span> })}
                                            </th>
                                            {Rating::ALL.iter().map(|r| view! { <td>{d.count(*r)}</td> }).collect_view()}
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
                <h4>{f.reasons}</h4>
                <ul class="reasons">
                    {move || {
                        ratings()
                            .into_iter()
                            .map(|(rater, r)| {
                                let who = match r.profession {
                                    Some(p) => format!("{} ({})", w.name_of(&rater), t.profession(p)),
                                    None => w.name_of(&rater),
                                };
                                view! {
                                    <li>
                                        <bdi>{who}</bdi>": "{(f.ratings)(r.rating)}
                                        {(!r.reason.is_empty()).then(|| view! { " – " <q dir="auto">{r.reason.clone()}</q> })}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                {w.can_edit.then(|| view! { <RatingForm w=w field_id=field_id.get_value() context_id=context_id.get_value() /> })}
                <p>
                    <a href=format!("/projects/{}/history?about={cell}", w.project_id.get_value())>{f.cell_history}</a>
                    " · "
                    <a href=format!("/projects/{}/decisions?about=cell:{cell}#propose-decision", w.project_id.get_value())>{t.decisions.take_into_decision}</a>
                    " · "
                    <a href=w.href(&[("cell", None)])>{f.close}</a>
                </p>
            </section>
        }) }}
    }
}
