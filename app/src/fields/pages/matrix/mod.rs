//! The relevance matrix: fields as rows (grouped), contexts as columns,
//! each cell its middle rating by number and colour, with a mark where
//! professions disagree; the two short lists; what a context would show.

mod row;

use super::Work;
use crate::components::address::with_query_of;
use crate::components::live;
use crate::fields::measures::{summarise, CellSummaries, CellSummary};
use crate::fields::model::{FieldGroup, InformationField, Rating, Sensitivity};
use crate::fields::slice::{cell_item, FieldsSlice};
use crate::fields::texts::FieldsTexts;
use crate::i18n::{use_texts, Texts};
use crate::people::Profession;
use leptos::either::Either;
use leptos::prelude::*;
use row::{describe, FieldRow};
use std::sync::Arc;

/// From here on a cell is marked as disagreed on.
pub const DISAGREEMENT_MARK: f64 = 0.5;

/// How the rows are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sort {
    Group,
    Disagreement,
    Consensus,
    Needed,
}

impl Sort {
    const ALL: [Sort; 4] = [Sort::Group, Sort::Disagreement, Sort::Consensus, Sort::Needed];
    fn as_str(self) -> &'static str {
        match self {
            Sort::Group => "group",
            Sort::Disagreement => "disagreement",
            Sort::Consensus => "consensus",
            Sort::Needed => "needed",
        }
    }
    fn label(self, f: &FieldsTexts) -> &'static str {
        match self {
            Sort::Group => f.sort_by_group,
            Sort::Disagreement => f.sort_by_disagreement,
            Sort::Consensus => f.sort_by_consensus,
            Sort::Needed => f.sort_by_needed,
        }
    }
}

/// Every cell's summary, over one profession's ratings or everyone's (the
/// latter worked out once per version).
pub fn summaries(s: &FieldsSlice, only: Option<Profession>) -> Arc<CellSummaries> {
    match only {
        None => s.ratings.summaries(),
        Some(_) => Arc::new(summarise(&s.ratings, only)),
    }
}

/// A cell's summary, if it has ratings.
fn summary_of<'a>(cells: &'a CellSummaries, field_id: &str, context_id: &str) -> Option<&'a CellSummary> {
    cells.get(field_id)?.get(context_id)
}

/// The symbol beside a sensitive field's label.
fn sensitivity_symbol(s: Sensitivity) -> &'static str {
    if s == Sensitivity::StrictlyConfidential {
        "‼"
    } else {
        "!"
    }
}

/// The mark of a sensitive field, wherever it appears.
pub fn sensitivity_mark(t: &'static Texts, field: &InformationField) -> impl IntoView {
    let s = field.sensitivity();
    (s != Sensitivity::Ordinary).then(|| {
        view! {
            <span class="badge sensitive" title=(t.information_fields.sensitivities)(s)>
                <span aria-hidden="true">{sensitivity_symbol(s)}" "</span>
                {(t.information_fields.sensitivities)(s)}
            </span>
        }
    })
}

#[component]
pub fn Matrix(w: Work) -> impl IntoView {
    let t = use_texts();
    let f = t.information_fields;
    let query = w.query;
    let sort = Memo::new(move |_| {
        let raw = query.read().get("sort").unwrap_or_default();
        Sort::ALL
            .into_iter()
            .find(|s| s.as_str() == raw)
            .unwrap_or(Sort::Group)
    });
    let only = Memo::new(move |_| {
        query
            .read()
            .get("profession")
            .and_then(|p| Profession::parse(&p).ok())
    });
    let cells = Memo::new(move |_| summaries(&w.state.read().fields, only.get()));
    let contexts = Memo::new(move |_| {
        w.state
            .read()
            .fields
            .active_contexts()
            .map(|c| (c.id.clone(), c.name().to_owned()))
            .collect::<Vec<_>>()
    });
    // Rows in the chosen order, with a group heading before each group
    // when ordered by group.
    let rows = Memo::new(move |_| {
        let s = w.state.read();
        let cells = cells.read();
        let contexts = contexts.read();
        let row_cells = |field: &str| {
            contexts
                .iter()
                .filter_map(|(c, _)| summary_of(&cells, field, c))
                .collect::<Vec<_>>()
        };
        let mean = |xs: Vec<f64>| {
            if xs.is_empty() {
                -1.0
            } else {
                xs.iter().sum::<f64>() / xs.len() as f64
            }
        };
        let mut fields: Vec<(f64, &InformationField)> = s
            .fields
            .active_fields()
            .map(|field| {
                let here = row_cells(&field.id);
                let key = match sort.get() {
                    Sort::Group => 0.0,
                    Sort::Disagreement => -here
                        .iter()
                        .filter_map(|c| c.disagreement.map(|d| d.delta))
                        .fold(-1.0, f64::max),
                    Sort::Consensus => -mean(here.iter().filter_map(|c| c.consensus).collect()),
                    Sort::Needed => -mean(here.iter().filter_map(|c| c.needed_by_all).collect()),
                };
                (key, field)
            })
            .collect();
        fields.sort_by(|(ka, a), (kb, b)| {
            ka.total_cmp(kb)
                .then(a.group().cmp(&b.group()))
                .then(a.name().cmp(b.name()))
        });
        let mut rows: Vec<Row> = Vec::new();
        let mut last_group = None;
        for (_, field) in fields {
            if sort.get() == Sort::Group && last_group != Some(field.group()) {
                last_group = Some(field.group());
                rows.push(Row::Group(field.group()));
            }
            rows.push(Row::Field(field.id.clone()));
        }
        rows
    });
    let columns = move || contexts.read().len() + 1;
    // Every cell's link is this page's query with its `cell`, built once
    // for the matrix (and again when the query changes). The link leaves
    // out the page's path, which a link of only a query keeps: that is
    // about 50 bytes less for each of hundreds of cells.
    let cell_base = Memo::new(move |_| {
        let rest = query.with(|q| with_query_of(q, "", &[("cell", None), ("rate", None), ("view", None)]));
        match rest.is_empty() {
            true => "?cell=".to_owned(),
            false => format!("{rest}&cell="),
        }
    });

    view! {
        <h3 id="matrix-title">{f.matrix_title}</h3>
        <p class="hint">{f.matrix_hint}</p>
        <form method="get" class="inline-form matrix-controls" action=w.href(&[])>
            <label for="matrix-sort">{f.sort}</label>
            <select id="matrix-sort" name="sort">
                {Sort::ALL
                    .into_iter()
                    .map(|s| view! { <option value=s.as_str() selected=move || sort.get() == s>{s.label(f)}</option> })
                    .collect_view()}
            </select>
            <label for="matrix-profession">{f.profession_filter}</label>
            <select id="matrix-profession" name="profession">
                <option value="" selected=move || only.get().is_none()>{f.all_professions}</option>
                {Profession::ALL
                    .into_iter()
                    .map(|p| view! { <option value=p.as_str() selected=move || only.get() == Some(p)>{t.profession(p)}</option> })
                    .collect_view()}
            </select>
            <button type="submit">{f.show}</button>
        </form>
        <div class="matrix-scroll" role="region" aria-labelledby="matrix-title" tabindex="0">
            <table class="matrix">
                <thead>
                    <tr>
                        <th scope="col">{f.field}</th>
                        <For each=move || contexts.get() key=|c| c.clone() let:context>
                            <th scope="col">
                                <bdi>{context.1.clone()}</bdi>
                                <span class="context-links">
                                    <a href=w.href(&[("rate", Some(&context.0)), ("cell", None), ("view", None)])>{f.rate}</a>
                                    " · "
                                    <a href=w.href(&[("view", Some(&context.0)), ("cell", None), ("rate", None)])>{f.view_as}</a>
                                </span>
                            </th>
                        </For>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || rows.get() key=|r| r.clone() let:row>
                        {match row {
                            Row::Group(g) => Either::Left(view! {
                                <tr class="group">
                                    <th scope="colgroup" colspan=columns>{(f.groups)(g)}</th>
                                </tr>
                            }),
                            Row::Field(id) => Either::Right(view! { <FieldRow w=w field_id=id contexts=contexts cells=cells cell_base=cell_base /> }),
                        }}
                    </For>
                </tbody>
            </table>
        </div>
        <Legend />
        <ShortLists w=w cells=cells />
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Row {
    Group(FieldGroup),
    Field(String),
}

#[component]
fn Legend() -> impl IntoView {
    let f = use_texts().information_fields;
    view! {
        <div class="matrix-legend" role="group" aria-label=f.legend>
            <span class="legend-title">{f.legend}": "</span>
            {Rating::ALL
                .iter()
                .map(|r| view! { <span class=format!("cell r{}", r.score())>{r.score()}" = "{(f.ratings)(*r)}</span> })
                .collect_view()}
            <span>"≠ = "{f.disagreement_mark}</span>
            <span>"n=2 = "{(f.too_few)(2)}</span>
            <span>"⧉ = "{f.kept_twice}</span>
        </div>
    }
}

/// The cells professions disagree on most, and those nearly everyone
/// agrees on.
#[component]
fn ShortLists(w: Work, cells: Memo<Arc<CellSummaries>>) -> impl IntoView {
    let t = use_texts();
    let f = t.information_fields;
    let listed = move |most_disagreement: bool| {
        let s = w.state.read();
        let active = |field: &String, context: &String| {
            s.fields.fields.get(field).is_some_and(|x| !x.retired)
                && s.fields.contexts.get(context).is_some_and(|x| !x.retired)
        };
        let cells = cells.read();
        let mut picked: Vec<(f64, (&String, &String), &CellSummary)> = cells
            .iter()
            .flat_map(|(field, row)| row.iter().map(move |(context, c)| ((field, context), c)))
            .filter(|((field, context), _)| active(field, context))
            .filter_map(|(k, c)| {
                if most_disagreement {
                    c.disagreement.filter(|d| d.delta > 0.0).map(|d| (d.delta, k, c))
                } else {
                    c.consensus
                        .filter(|&x| x >= 0.75)
                        .map(|x| (x + f64::from(c.all.n()) / 1e6, k, c))
                }
            })
            .collect();
        picked.sort_by(|a, b| b.0.total_cmp(&a.0));
        picked
            .into_iter()
            .take(5)
            .map(|(_, (field, context), c)| {
                (
                    cell_item(field, context),
                    format!("{} – {}", s.fields.name(field), s.fields.name(context)),
                    describe(t, c),
                )
            })
            .collect::<Vec<_>>()
    };
    let list = move |most_disagreement: bool, title: &'static str| {
        view! {
            <div class="short-list">
                <h4>{title}</h4>
                {live(move || {
                    let items = listed(most_disagreement);
                    if items.is_empty() {
                        return Either::Left(view! { <p class="hint">{f.nothing_yet}</p> });
                    }
                    Either::Right(view! {
                        <ol>
                            {items
                                .into_iter()
                                .map(|(item, name, said)| view! {
                                    <li>
                                        <a href=w.href(&[("cell", Some(&item)), ("rate", None), ("view", None)])><bdi>{name}</bdi></a>
                                        ": "{said}
                                    </li>
                                })
                                .collect_view()}
                        </ol>
                    })
                })}
            </div>
        }
    };
    view! {
        <div class="short-lists">
            {list(true, f.most_disagreement)}
            {list(false, f.broad_agreement)}
        </div>
    }
}

/// What a context would show: its fields by rating, sensitive ones marked,
/// those that should not be shown flagged.
#[component]
pub fn ViewAs(w: Work, context_id: String) -> impl IntoView {
    let t = use_texts();
    let f = t.information_fields;
    let context_name = {
        let id = context_id.clone();
        move || w.state.read().fields.name(&id)
    };
    let fields = move || {
        let s = w.state.read();
        // Only this context's column: the whole matrix is not needed here.
        let mut listed: Vec<(u8, f64, InformationField, Option<Rating>)> = s
            .fields
            .active_fields()
            .map(|field| {
                let summary = s.fields.cell(&field.id, &context_id).map(CellSummary::of_cell);
                let c = summary.as_ref();
                let median = c.and_then(|c| c.median);
                let needed = c.and_then(|c| c.needed_by_all).unwrap_or(0.0);
                (
                    median.map(Rating::score).unwrap_or(0),
                    needed,
                    field.clone(),
                    median,
                )
            })
            .collect();
        listed.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.total_cmp(&a.1))
                .then(a.2.name().cmp(b.2.name()))
        });
        listed
    };
    view! {
        <section class="view-as" aria-labelledby="view-as-title">
            <h3 id="view-as-title">{move || (f.view_as_title)(&context_name())}</h3>
            <p class="hint">{f.view_as_hint}</p>
            <ol class="view-as-fields">
                {move || {
                    fields()
                        .into_iter()
                        .map(|(_, _, field, median)| {
                            let hidden = median == Some(Rating::ShouldNotBeShown);
                            view! {
                                <li class:not-shown=hidden>
                                    <bdi>{field.name().to_owned()}</bdi>
                                    " "
                                    {sensitivity_mark(t, &field)}
                                    " – "
                                    {median.map(|m| (f.ratings)(m).to_owned()).unwrap_or_else(|| (f.too_few)(0))}
                                    {hidden.then(|| view! { <strong class="flag">" ⚠ "{f.not_to_be_shown}</strong> })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ol>
            <p><a href=w.href(&[("view", None)])>{f.close}</a></p>
        </section>
    }
}
