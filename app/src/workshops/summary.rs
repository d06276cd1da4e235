//! A workshop's summary, computed from the trail: the project as it was
//! just before the workshop started against the project as it was when it
//! ended (or now, while it runs), and the events made in it. Nothing here
//! is typed in by anyone except the facilitators' notes.

use super::model::{DotVote, Workshop};
use crate::decisions::model::Status;
use crate::features::{Change, Event, Project};
use crate::fields::changes::FieldsChange;
use crate::fields::measures::CellSummary;
use crate::people::Profession;
use crate::rounds::slice::RoundsChange;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The most moved cells the summary lists.
pub const CELLS_LISTED: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaTime {
    pub title: String,
    pub planned_minutes: u32,
    /// How long it ran, all its runs together; 0 if it never did.
    pub actual_ms: i64,
    /// The contexts of use or decisions it worked on, as chosen.
    #[serde(default)]
    pub worked_on: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CellMove {
    pub field: String,
    pub context: String,
    /// Consensus (0–1), if the cell had enough ratings for one.
    pub before: Option<f64>,
    pub after: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decided {
    pub title: String,
    /// The option accepted; `None` if all were rejected.
    pub outcome: Option<String>,
    /// How many people kept a disagreeing or blocking position.
    pub dissent: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopSummary {
    pub title: String,
    pub starts_at: String,
    pub goal: String,
    pub started_ms: Option<i64>,
    pub ended_ms: Option<i64>,
    pub agenda: Vec<AgendaTime>,
    pub elements_added: Vec<String>,
    pub elements_removed: Vec<String>,
    pub links_added: usize,
    pub links_removed: usize,
    pub pain_points_raised: Vec<String>,
    pub fields_proposed: Vec<String>,
    pub contexts_proposed: Vec<String>,
    /// Rating events made in the workshop (anonymous rounds' ballots count
    /// at their close).
    pub ratings_given: usize,
    pub consensus_moved: Vec<CellMove>,
    pub decided: Vec<Decided>,
    /// Decisions the workshop touched that are still open.
    pub left_open: Vec<String>,
    pub dot_votes: Vec<DotVote>,
    /// Who joined, counted by profession; no names.
    pub professions: Vec<(Profession, usize)>,
    pub events: usize,
    /// Only for those who may curate.
    pub notes: Option<String>,
}

// Read through serde: its consensus moves are fractions, and reading them
// would bring the standard library's parsing of decimals into the pages.
crate::read_by_serde!(WorkshopSummary);

/// `before`: the project just before the start; `after`: at the end (or
/// now); `events`: those made in the workshop; `professions`: each
/// member's.
pub fn summarise(
    w: &Workshop,
    before: &Project,
    after: &Project,
    events: &[Event],
    professions: &HashMap<String, Profession>,
    with_notes: bool,
) -> WorkshopSummary {
    let agenda = w
        .agenda
        .iter()
        .enumerate()
        .map(|(n, a)| AgendaTime {
            title: a.title.clone(),
            planned_minutes: a.minutes,
            worked_on: w
                .chosen
                .get(&n)
                .map(|items| items.iter().map(|i| i.label.clone()).collect())
                .unwrap_or_default(),
            actual_ms: w
                .spans
                .iter()
                .filter(|s| s.index == n)
                .map(|s| s.to_ms - s.from_ms)
                .sum::<i64>()
                + w.current
                    .as_ref()
                    .filter(|c| c.index == n && w.ended.is_none())
                    .map_or(0, |c| after_ms(events) - c.started.at_ms),
        })
        .collect();
    let (bm, am) = (&before.map, &after.map);
    let names = |ids: Vec<&String>, map: &crate::map::slice::MapSlice| -> Vec<String> {
        ids.into_iter()
            .filter_map(|id| map.elements.get(id).map(|e| e.name.clone()))
            .collect()
    };
    let elements_added = names(
        am.elements
            .keys()
            .filter(|k| !bm.elements.contains_key(*k))
            .collect(),
        am,
    );
    let elements_removed = names(
        bm.elements
            .keys()
            .filter(|k| !am.elements.contains_key(*k))
            .collect(),
        bm,
    );
    let links_added = am.links.keys().filter(|k| !bm.links.contains_key(*k)).count();
    let links_removed = bm.links.keys().filter(|k| !am.links.contains_key(*k)).count();
    let pain_points_raised = am
        .pain_points
        .iter()
        .filter(|(k, _)| !bm.pain_points.contains_key(*k))
        .map(|(_, p)| p.text.clone())
        .collect();
    let (bf, af) = (&before.fields, &after.fields);
    let fields_proposed = af
        .fields
        .iter()
        .filter(|(k, _)| !bf.fields.contains_key(*k))
        .map(|(_, f)| f.name().to_owned())
        .collect();
    let contexts_proposed = af
        .contexts
        .iter()
        .filter(|(k, _)| !bf.contexts.contains_key(*k))
        .map(|(_, c)| c.name().to_owned())
        .collect();
    let ratings_given = events
        .iter()
        .flat_map(|e| e.change.changes())
        .map(|c| match c {
            Change::Fields(FieldsChange::CellRated { .. }) => 1,
            Change::Rounds(RoundsChange::RoundClosed { ballots, .. }) => ballots.len(),
            _ => 0,
        })
        .sum();
    let consensus = |p: &Project, f: &str, c: &str| {
        p.fields
            .ratings
            .get(f)
            .and_then(|by| by.get(c))
            .and_then(|cell| CellSummary::of_cell(cell).consensus)
    };
    let mut consensus_moved: Vec<CellMove> = af
        .ratings
        .iter()
        .flat_map(|(f, by)| by.keys().map(move |c| (f.clone(), c.clone())))
        .filter_map(|(f, c)| {
            let (b, a) = (consensus(before, &f, &c), consensus(after, &f, &c));
            (b != a && a.is_some()).then(|| CellMove {
                field: af.name(&f),
                context: af.name(&c),
                before: b,
                after: a,
            })
        })
        .collect();
    let moved = |m: &CellMove| (m.after.unwrap_or(0.0) - m.before.unwrap_or(0.0)).abs();
    consensus_moved.sort_by(|x, y| moved(y).total_cmp(&moved(x)));
    consensus_moved.truncate(CELLS_LISTED);

    let touched: Vec<&str> = events
        .iter()
        .flat_map(|e| e.change.changes())
        .filter_map(|c| match c {
            Change::Decisions(d) => Some(d.decision_id()),
            _ => None,
        })
        .collect();
    let mut decided = Vec::new();
    let mut left_open = Vec::new();
    for d in after.decisions.decisions.values() {
        if !touched.contains(&d.id.as_str()) {
            continue;
        }
        let was = before.decisions.decisions.get(&d.id).map(|d| d.status);
        match d.status {
            Status::Decided if was != Some(Status::Decided) => {
                let closing = d.closing.as_ref();
                decided.push(Decided {
                    title: d.text().title.clone(),
                    outcome: closing
                        .and_then(|c| c.outcome.as_ref())
                        .and_then(|o| d.text().options.iter().find(|x| &x.id == o))
                        .map(|o| o.text.clone()),
                    dissent: closing.map_or(0, |c| c.dissent.len()),
                });
            }
            Status::Open | Status::Draft => left_open.push(d.text().title.clone()),
            _ => {}
        }
    }
    let mut by_profession: BTreeMap<Profession, usize> = BTreeMap::new();
    for person in w.joined.keys() {
        if let Some(p) = professions.get(person) {
            *by_profession.entry(*p).or_default() += 1;
        }
    }
    WorkshopSummary {
        title: w.title.clone(),
        starts_at: w.starts_at.clone(),
        goal: w.goal.clone(),
        started_ms: w.started.as_ref().map(|s| s.at_ms),
        ended_ms: w.ended.as_ref().map(|s| s.at_ms),
        agenda,
        elements_added,
        elements_removed,
        links_added,
        links_removed,
        pain_points_raised,
        fields_proposed,
        contexts_proposed,
        ratings_given,
        consensus_moved,
        decided,
        left_open,
        dot_votes: after.workshops.votes_of(&w.id).into_iter().cloned().collect(),
        professions: by_profession.into_iter().collect(),
        events: events.len(),
        notes: with_notes.then(|| w.notes.clone()),
    }
}

/// The time of the last event made in the workshop (what "now" is for an
/// activity still running when the summary is read).
fn after_ms(events: &[Event]) -> i64 {
    events.last().map_or(0, |e| e.at_ms)
}

/// "12:05" for a span of time.
pub fn duration(ms: i64) -> String {
    let minutes = (ms + 30_000) / 60_000;
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// The summary as Markdown, in `lang`. Every text people wrote is escaped
/// (`decisions::export::escape`), so nothing becomes a link, an image or
/// HTML where the file is shown.
#[cfg(feature = "ssr")]
pub fn markdown(s: &WorkshopSummary, lang: crate::i18n::Lang) -> String {
    use crate::decisions::export::escape;
    use std::fmt::Write;
    let t = super::texts::workshops_texts(lang);
    let texts = lang.texts();
    let mut out = String::new();
    let list = |out: &mut String, items: &[String]| {
        if items.is_empty() {
            let _ = writeln!(out, "{}\n", t.nothing);
        } else {
            for i in items {
                let _ = writeln!(out, "- {}", escape(i));
            }
            out.push('\n');
        }
    };
    let _ = writeln!(out, "# {}: {}\n", t.summary, escape(&s.title));
    let _ = writeln!(
        out,
        "{} {}\n",
        t.planned_for,
        escape(&s.starts_at.replace('T', " "))
    );
    if !s.goal.is_empty() {
        let _ = writeln!(out, "{}\n", escape(&s.goal));
    }
    let _ = writeln!(out, "{}\n", t.summary_intro);
    let _ = writeln!(out, "## {}\n", t.agenda_heading);
    for a in &s.agenda {
        let took = (a.actual_ms > 0).then(|| duration(a.actual_ms));
        let _ = writeln!(
            out,
            "- {}: {}",
            escape(&a.title),
            (t.planned_actual)(a.planned_minutes, took.as_deref())
        );
        if !a.worked_on.is_empty() {
            let items: Vec<String> = a.worked_on.iter().map(|i| escape(i)).collect();
            let _ = writeln!(out, "  {}: {}", t.worked_on, items.join(", "));
        }
    }
    let _ = writeln!(out, "\n## {}\n", t.summary_map);
    let _ = writeln!(out, "{}:\n", t.elements_added);
    list(&mut out, &s.elements_added);
    let _ = writeln!(out, "{}:\n", t.elements_removed);
    list(&mut out, &s.elements_removed);
    let _ = writeln!(out, "{}\n", (t.links_changed)(s.links_added, s.links_removed));
    let _ = writeln!(out, "{}:\n", t.pain_points_raised);
    list(&mut out, &s.pain_points_raised);
    let _ = writeln!(out, "## {}\n", t.summary_fields);
    let _ = writeln!(out, "{}:\n", t.fields_proposed);
    list(&mut out, &s.fields_proposed);
    let _ = writeln!(out, "{}:\n", t.contexts_proposed);
    list(&mut out, &s.contexts_proposed);
    let _ = writeln!(out, "{}\n", (t.ratings_given)(s.ratings_given));
    let _ = writeln!(out, "{}:\n", t.consensus_moved);
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
    list(&mut out, &cells);
    let _ = writeln!(out, "## {}\n", t.summary_decisions);
    let _ = writeln!(out, "{}:\n", t.decided);
    let decided: Vec<String> = s
        .decided
        .iter()
        .map(|d| format!("{} ({})", d.title, (t.outcome)(d.outcome.as_deref(), d.dissent)))
        .collect();
    list(&mut out, &decided);
    let _ = writeln!(out, "{}:\n", t.left_open);
    list(&mut out, &s.left_open);
    for v in &s.dot_votes {
        let Some(r) = &v.revealed else { continue };
        let _ = writeln!(out, "## {}\n\n{}\n", t.results, (t.voters)(r.voters));
        let mut rows: Vec<(&str, u32)> = v
            .items
            .iter()
            .map(|i| i.label.as_str())
            .zip(r.totals.iter().copied())
            .collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.1));
        for (label, n) in rows {
            let _ = writeln!(out, "- {}: {}", escape(label), (t.dots)(n));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## {}\n", t.summary_people);
    let people: Vec<String> = s
        .professions
        .iter()
        .map(|(p, n)| format!("{}: {n}", texts.profession(*p)))
        .collect();
    list(&mut out, &people);
    let _ = writeln!(out, "{}\n", (t.events_made)(s.events));
    if let Some(notes) = s.notes.as_ref().filter(|n| !n.is_empty()) {
        let _ = writeln!(out, "## {}\n\n{}\n", t.notes_heading, escape(notes));
    }
    out
}
