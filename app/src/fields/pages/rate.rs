//! Rating: one cell's four buttons, and a context rated field by field
//! (what a phone shows: one field at a time, with progress).

use super::matrix::sensitivity_mark;
use super::Work;
use crate::components::editing::submission_token;
use crate::components::form::ActionForm;
use crate::fields::model::Rating;
use crate::i18n::use_texts;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The reader's rating of a cell: four large buttons and a short reason.
#[component]
pub fn RatingForm(w: Work, field_id: String, context_id: String) -> impl IntoView {
    let f = use_texts().information_fields;
    let form = NodeRef::new();
    let mine = {
        let (field_id, context_id) = (field_id.clone(), context_id.clone());
        move || {
            w.state
                .read()
                .fields
                .cell(&field_id, &context_id)
                .and_then(|c| c.get(&w.me.get_value()).cloned())
        }
    };
    let reason_id = format!("reason-{field_id}-{context_id}");
    let mine_too = mine.clone();
    let buttons_mine = mine.clone();
    let withdraw_ids = StoredValue::new((field_id.clone(), context_id.clone()));
    view! {
        <ActionForm action=w.rate node_ref=form attr:class="rating-form">
            {w.project_input()}
            {submission_token(w.rate, form)}
            <input type="hidden" name="field_id" value=field_id.clone() />
            <input type="hidden" name="context_id" value=context_id.clone() />
            <label for=reason_id.clone()>{f.reason_optional}</label>
            <input
                id=reason_id
                name="reason"
                type="text"
                maxlength="500"
                value=move || mine().map(|m| m.reason).unwrap_or_default()
            />
            <fieldset>
                <legend>{f.your_rating}</legend>
                <div class="rating-buttons">
                    {Rating::ALL
                        .iter()
                        .map(|&r| {
                            let mine = buttons_mine.clone();
                            view! {
                                <button
                                    type="submit"
                                    name="rating"
                                    value=r.as_str()
                                    class=format!("rating r{}", r.score())
                                    aria-pressed=move || if mine().is_some_and(|m| m.rating == r) { "true" } else { "false" }
                                >
                                    <span aria-hidden="true">{r.score()}" "</span>
                                    {(f.ratings)(r)}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </ActionForm>
        {move || {
            mine_too().map(|_| {
                view! {
                    <ActionForm action=w.withdraw attr:class="inline-form">
                        {w.project_input()}
                        <input type="hidden" name="field_id" value=withdraw_ids.get_value().0 />
                        <input type="hidden" name="context_id" value=withdraw_ids.get_value().1 />
                        <button type="submit" class="link-button">{f.withdraw_rating}</button>
                    </ActionForm>
                }
            })
        }}
    }
}

/// A context rated field by field: the field asked for (`?field=`), else
/// the first the reader has not rated yet.
#[component]
pub fn RateContext(w: Work, context_id: String) -> impl IntoView {
    let t = use_texts();
    let f = t.information_fields;
    let query = use_query_map();
    let context_id = StoredValue::new(context_id);
    let context_name = move || w.state.read().fields.name(&context_id.get_value());
    // In the matrix's order: by group, then name.
    let fields = move || {
        let s = w.state.read();
        let mut fields: Vec<_> = s.fields.active_fields().cloned().collect();
        fields.sort_by(|a, b| a.group().cmp(&b.group()).then(a.name().cmp(b.name())));
        let me = w.me.get_value();
        fields
            .into_iter()
            .map(|field| {
                let mine = s
                    .fields
                    .cell(&field.id, &context_id.get_value())
                    .and_then(|c| c.get(&me))
                    .map(|r| r.rating);
                (field, mine)
            })
            .collect::<Vec<_>>()
    };
    let current = Memo::new(move |_| {
        let all = fields();
        let asked = query.read().get("field");
        let at = match asked {
            Some(id) => all.iter().position(|(field, _)| field.id == id),
            None => all.iter().position(|(_, mine)| mine.is_none()),
        };
        at.map(|i| (i, all.len()))
    });
    let field_at = move |i: usize| fields().get(i).map(|(field, _)| field.id.clone());
    view! {
        <section class="rate-context" aria-labelledby="rate-title">
            <h3 id="rate-title" dir="auto">{move || (f.rate_context)(&context_name())}</h3>
            <p class="progress" role="status">
                {move || {
                    let all = fields();
                    (f.rating_progress)(all.iter().filter(|(_, mine)| mine.is_some()).count(), all.len())
                }}
            </p>
            {move || match current.get() {
                None => EitherOf3::A(view! { <p>{f.all_rated}</p> }),
                Some((i, n)) => {
                    let Some((field, _)) = fields().get(i).cloned() else {
                        return EitherOf3::B(());
                    };
                    EitherOf3::C(view! {
                        <div class="rate-card">
                            <h4 dir="auto">{field.name().to_owned()}" " {sensitivity_mark(t, &field)}</h4>
                            {(!field.details.definition.is_empty())
                                .then(|| view! { <p dir="auto">{field.details.definition.clone()}</p> })}
                            {(!field.details.example.is_empty())
                                .then(|| view! { <p class="hint">{f.example}": " <bdi>{field.details.example.clone()}</bdi></p> })}
                            {w.can_edit.then(|| view! { <RatingForm w=w field_id=field.id.clone() context_id=context_id.get_value() /> })}
                            <p class="rate-nav">
                                {(i > 0).then(|| {
                                    let prev = field_at(i - 1);
                                    view! { <a href=w.href(&[("field", prev.as_deref())])>{"← "}{f.previous}</a> }
                                })}
                                " "
                                {(i + 1 < n).then(|| {
                                    let next = field_at(i + 1);
                                    view! { <a href=w.href(&[("field", next.as_deref())])>{f.next}{" →"}</a> }
                                })}
                            </p>
                        </div>
                    })
                }
            }}
            <details class="rate-all">
                <summary>{f.fields_title}</summary>
                <ol>
                    {move || {
                        fields()
                            .into_iter()
                            .map(|(field, mine)| view! {
                                <li>
                                    <a href=w.href(&[("field", Some(&field.id))])><bdi>{field.name().to_owned()}</bdi></a>
                                    {mine.map(|r| format!(" – {}", (f.ratings)(r)))}
                                </li>
                            })
                            .collect_view()
                    }}
                </ol>
            </details>
            <p><a href=w.href(&[("rate", None), ("field", None)])>{f.close}</a></p>
        </section>
    }
}
