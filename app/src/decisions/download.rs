//! The whole decision log as files: a spreadsheet (one row per decision,
//! formula injection guarded) and JSON with every decision, its
//! fingerprint, the events of its trail, and the project's hash chain so
//! that the file verifies without Samspill (`verify_export.py`).

use super::fingerprint::fingerprint;
use super::log::remaining_disagreement;
use super::model::Decision;
use super::texts::decisions_texts;
use crate::features::{Change, Project, ProjectState};
use crate::fields::spreadsheet::guard_cell;
use crate::i18n::Lang;
use crate::trail::server::Export;
use crate::trail::{deliver, Viewer};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub fn csv(state: &ProjectState, name_of: &dyn Fn(&str) -> String, lang: Lang) -> String {
    let t = lang.texts();
    let dt = decisions_texts(lang);
    let who = |person: &str, profession: Option<crate::people::Profession>| match profession {
        Some(p) => format!("{} ({})", name_of(person), t.profession(p)),
        None => name_of(person),
    };
    let mut out = crate::fields::spreadsheet::sheet_writer(lang);
    let headings = [
        dt.decision_title,
        dt.filter_status,
        dt.proposed_on,
        dt.proposed_by,
        dt.problem,
        dt.options,
        dt.concerns,
        dt.outcome,
        dt.rationale,
        dt.dissent,
        dt.criteria,
        dt.remaining,
        dt.superseded_by,
        dt.fingerprint,
    ];
    out.write_record(headings).expect("writing to memory");
    for d in state.content.decisions.newest_first() {
        let text = d.text();
        let concerns: Vec<String> = d
            .references
            .iter()
            .map(|r| super::export::reference_name(state, r))
            .collect();
        let outcome = d.closing.as_ref().map(|c| match &c.outcome {
            Some(id) => d.option(id).map(|o| o.text.clone()).unwrap_or_default(),
            None => dt.all_rejected.to_owned(),
        });
        let dissent: Vec<String> = d
            .closing
            .iter()
            .flat_map(|c| &c.dissent)
            .map(|x| {
                format!(
                    "{}: {} – {}",
                    who(&x.person, x.profession),
                    (dt.stances)(x.stance),
                    x.reason
                )
            })
            .collect();
        let criteria: Vec<String> = d
            .closing
            .iter()
            .flat_map(|c| &c.criteria)
            .map(|x| format!("{} ({})", x.text, (dt.due)(&x.due)))
            .collect();
        let row = [
            text.title.clone(),
            (dt.statuses)(d.status).to_owned(),
            super::dates::day_of(d.revisions[0].1.at_ms),
            name_of(&d.proposed_by),
            text.problem.clone(),
            text.options
                .iter()
                .map(|o| o.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            concerns.join("\n"),
            outcome.unwrap_or_default(),
            d.closing
                .as_ref()
                .map(|c| c.rationale.clone())
                .unwrap_or_default(),
            dissent.join("\n"),
            criteria.join("\n"),
            remaining_disagreement(d).to_string(),
            d.superseded_by
                .as_deref()
                .map(|id| state.content.decisions.title(id))
                .unwrap_or_default(),
            fingerprint(d).map(|f| f.sha256).unwrap_or_default(),
        ];
        out.write_record(row.iter().map(|cell| guard_cell(cell)))
            .expect("writing to memory");
    }
    String::from_utf8(out.into_inner().expect("writing to memory")).expect("the cells are UTF-8")
}

#[derive(Serialize)]
struct JsonDecision<'a> {
    #[serde(flatten)]
    decision: &'a Decision,
    fingerprint: Option<JsonFingerprint>,
    /// The events of its trail, by sequence number, in order.
    trail: Vec<i64>,
}

#[derive(Serialize)]
struct JsonFingerprint {
    sha256: String,
    canonical: String,
    sealed_by: u64,
    /// That event's link in the chain.
    sealed_by_hash: String,
}

#[derive(Serialize)]
struct JsonLog<'a> {
    format: &'static str,
    project_id: String,
    genesis: String,
    algorithm: String,
    /// The whole chain: `verify_export.py` checks it as it checks a trail
    /// export.
    events: Vec<serde_json::Value>,
    /// Anyone named in a decision, by id.
    people: BTreeMap<String, String>,
    decisions: Vec<JsonDecision<'a>>,
}

/// Which decisions an event is about: the decision it changes, and for a
/// supersession also the one that replaces it.
fn decisions_of(change: &Change) -> Vec<&str> {
    match change {
        Change::Decisions(c) => {
            let mut ids = vec![c.decision_id()];
            if let super::changes::DecisionsChange::DecisionSuperseded { by, .. } = c {
                ids.push(by.as_str());
            }
            ids
        }
        _ => Vec::new(),
    }
}

/// The log with the whole chain. What `viewer` may not see of an event
/// keeps its place and its digest (so the chain still verifies) but not
/// its payload, which is `null`.
pub fn json(
    state: &ProjectState,
    chain: Export,
    viewer: &Viewer,
    name_of: &dyn Fn(&str) -> String,
) -> String {
    let mut trails: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    let mut hashes: BTreeMap<i64, String> = BTreeMap::new();
    let mut withheld: Vec<usize> = Vec::new();
    for (n, stored) in chain.events.iter().enumerate() {
        let event = match stored.event::<Project>() {
            Ok(e) => e,
            Err(_) => {
                withheld.push(n);
                continue;
            }
        };
        match deliver::<Project>(&event, viewer) {
            Some(seen) if seen == event => {}
            _ => {
                withheld.push(n);
                continue;
            }
        }
        for change in event.change.changes() {
            for id in decisions_of(change) {
                if let Some((key, _)) = state.content.decisions.decisions.get_key_value(id) {
                    trails.entry(key.as_str()).or_default().push(stored.seq);
                }
            }
        }
        hashes.insert(stored.seq, stored.hash.clone());
    }
    let mut events: Vec<serde_json::Value> = chain
        .events
        .iter()
        .map(|e| serde_json::to_value(e).expect("plain data serialises"))
        .collect();
    for n in withheld {
        events[n]["payload"] = serde_json::Value::Null;
    }
    let mut people = BTreeSet::new();
    let decisions: Vec<JsonDecision> = state
        .content
        .decisions
        .newest_first()
        .into_iter()
        .map(|d| {
            people.insert(d.proposed_by.clone());
            people.extend(d.positions.keys().cloned());
            people.extend(d.arguments.iter().map(|a| a.author.clone()));
            JsonDecision {
                decision: d,
                fingerprint: fingerprint(d).map(|f| JsonFingerprint {
                    sealed_by_hash: hashes.get(&(f.sealed_by as i64)).cloned().unwrap_or_default(),
                    sha256: f.sha256,
                    canonical: f.canonical,
                    sealed_by: f.sealed_by,
                }),
                trail: trails.remove(d.id.as_str()).unwrap_or_default(),
            }
        })
        .collect();
    let log = JsonLog {
        format: "samspill-decisions/1",
        project_id: chain.project_id,
        genesis: chain.genesis,
        algorithm: chain.algorithm,
        events,
        people: people
            .into_iter()
            .map(|id| (name_of(&id), id))
            .map(|(n, id)| (id, n))
            .collect(),
        decisions,
    };
    serde_json::to_string_pretty(&log).expect("plain data serialises")
}
