//! The decision log as project leads read it: by status, by what a
//! decision concerns, by person, by words anywhere in it, newest first or
//! with the most remaining disagreement first. One portable way on both
//! databases: the log is read from the project's state, in memory.

use super::model::{Decision, Reference, Stance, Status};
use super::slice::DecisionsSlice;
use crate::fields::slice::cell_of;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogFilter {
    pub status: Option<Status>,
    /// A field or context also finds the decisions about its cells.
    pub concerns: Option<Reference>,
    /// Someone who proposed, argued or took a position.
    pub person: Option<String>,
    /// Words that must all appear (in any case) in the title, problem,
    /// options, arguments, reasons or outcome.
    pub words: String,
    /// Changed (proposed, edited, argued, a position, a status) at or
    /// after this moment…
    pub from_ms: Option<i64>,
    /// …and before this one.
    pub until_ms: Option<i64>,
    /// Changed while a workshop ran: from its start to its end (or now).
    /// Only one workshop runs at a time in a project, so its time span
    /// holds exactly its changes. An unknown workshop is an empty span.
    pub during: Option<std::ops::RangeInclusive<i64>>,
    pub by_disagreement: bool,
}

/// The span of a workshop that never ran (or is not there): no moment is
/// in it.
pub fn never() -> std::ops::RangeInclusive<i64> {
    std::ops::RangeInclusive::new(i64::MAX, i64::MIN)
}

/// Every moment something happened in a decision.
fn moments(d: &Decision) -> impl Iterator<Item = i64> + '_ {
    d.revisions
        .iter()
        .map(|(_, s)| s.at_ms)
        .chain(d.status_changes.iter().map(|c| c.stamp.at_ms))
        .chain(d.arguments.iter().map(|a| a.at_ms))
        .chain(
            d.positions
                .values()
                .flat_map(|by_option| by_option.values().flatten().map(|p| p.at_ms)),
        )
}

fn changed_between(d: &Decision, from: Option<i64>, until: Option<i64>) -> bool {
    (from.is_none() && until.is_none())
        || moments(d).any(|at| from.is_none_or(|f| at >= f) && until.is_none_or(|u| at < u))
}

/// How many decisions were proposed and how many decided in each stretch
/// of the project's life, first to last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub start_ms: i64,
    pub end_ms: i64,
    /// `(proposed, decided)` per equal stretch.
    pub buckets: Vec<(usize, usize)>,
}

pub fn timeline(decisions: &[&Decision], stretches: usize) -> Option<Timeline> {
    let proposed: Vec<i64> = decisions.iter().map(|d| d.revisions[0].1.at_ms).collect();
    let decided: Vec<i64> = decisions
        .iter()
        .filter_map(|d| d.closing.as_ref().map(|c| c.stamp.at_ms))
        .collect();
    let start = *proposed.iter().chain(&decided).min()?;
    let end = *proposed.iter().chain(&decided).max()?;
    // A project a minute old still gets a day's width.
    let span = (end - start).max(86_400_000) + 1;
    let n = stretches.max(1);
    let at = |t: i64| (((t - start) as i128 * n as i128) / span as i128) as usize;
    let mut buckets = vec![(0, 0); n];
    for t in proposed {
        buckets[at(t)].0 += 1;
    }
    for t in decided {
        buckets[at(t)].1 += 1;
    }
    Some(Timeline {
        start_ms: start,
        end_ms: start + span - 1,
        buckets,
    })
}

/// Latest disagree and block positions still standing, on all options.
pub fn remaining_disagreement(d: &Decision) -> usize {
    d.text()
        .options
        .iter()
        .map(|o| {
            d.latest_positions(&o.id)
                .filter(|(_, p)| matches!(p.stance, Stance::Disagree | Stance::Block))
                .count()
        })
        .sum()
}

fn concerns(d: &Decision, wanted: &Reference) -> bool {
    d.references.iter().any(|r| {
        r == wanted
            || match (r, wanted) {
                (Reference::Cell(cell), Reference::Field(f)) => cell_of(cell).is_some_and(|(cf, _)| cf == f),
                (Reference::Cell(cell), Reference::Context(c)) => {
                    cell_of(cell).is_some_and(|(_, cc)| cc == c)
                }
                _ => false,
            }
    })
}

fn involves(d: &Decision, person: &str) -> bool {
    d.proposed_by == person
        || d.positions.contains_key(person)
        || d.arguments.iter().any(|a| a.author == person)
}

/// Everything said in a decision, in lower case.
fn searchable(d: &Decision) -> String {
    let text = d.text();
    let mut all = vec![text.title.as_str(), text.problem.as_str()];
    all.extend(text.options.iter().map(|o| o.text.as_str()));
    all.extend(
        d.arguments
            .iter()
            .flat_map(|a| [a.text.as_str(), a.evidence.as_str()]),
    );
    all.extend(
        d.positions
            .values()
            .flat_map(|by_option| by_option.values().flatten().map(|p| p.reason.as_str())),
    );
    if let Some(c) = &d.closing {
        all.extend([c.rationale.as_str(), c.override_reason.as_str()]);
    }
    all.join("\n").to_lowercase()
}

impl DecisionsSlice {
    pub fn log(&self, f: &LogFilter) -> Vec<&Decision> {
        let words: Vec<String> = f.words.split_whitespace().map(str::to_lowercase).collect();
        let mut found: Vec<&Decision> = self
            .newest_first()
            .into_iter()
            .filter(|d| f.status.is_none_or(|s| d.status == s))
            .filter(|d| f.concerns.as_ref().is_none_or(|r| concerns(d, r)))
            .filter(|d| f.person.as_deref().is_none_or(|p| involves(d, p)))
            .filter(|d| changed_between(d, f.from_ms, f.until_ms))
            .filter(|d| {
                f.during
                    .as_ref()
                    .is_none_or(|span| moments(d).any(|at| span.contains(&at)))
            })
            .filter(|d| {
                words.is_empty() || {
                    let text = searchable(d);
                    words.iter().all(|w| text.contains(w.as_str()))
                }
            })
            .collect();
        if f.by_disagreement {
            // Stable: equal disagreement stays newest first.
            found.sort_by_key(|d| std::cmp::Reverse(remaining_disagreement(d)));
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decisions::model::{Argument, DecisionOption, DecisionText, Position, Side};
    use crate::trail::Stamp;
    use std::collections::BTreeMap;

    fn decision(
        id: &str,
        seq: i64,
        title: &str,
        references: Vec<Reference>,
        positions: &[(&str, Stance, &str)],
    ) -> Decision {
        let stamp = Stamp {
            seq,
            actor_id: "ingrid".into(),
            at_ms: seq * 1000,
        };
        let mut by_person: BTreeMap<String, BTreeMap<String, Vec<Position>>> = BTreeMap::new();
        for (who, stance, reason) in positions {
            by_person.entry((*who).into()).or_default().insert(
                "o1".into(),
                vec![Position {
                    stance: *stance,
                    reason: (*reason).into(),
                    revision: 1,
                    profession: None,
                    at_ms: 0,
                }],
            );
        }
        Decision {
            id: id.into(),
            revisions: vec![(
                DecisionText {
                    title: title.into(),
                    problem: String::new(),
                    options: vec![DecisionOption {
                        id: "o1".into(),
                        text: "Ja".into(),
                    }],
                },
                stamp,
            )],
            references,
            status: Status::Open,
            status_changes: vec![],
            arguments: vec![Argument {
                id: "a".into(),
                option_id: "o1".into(),
                side: Side::Against,
                text: "Nattevakten ringer sjelden".into(),
                evidence: String::new(),
                author: "mona".into(),
                profession: None,
                at_ms: 0,
            }],
            positions: by_person,
            closing: None,
            proposed_by: "ingrid".into(),
            quorum: vec![],
            superseded_by: None,
            supersedes: vec![],
        }
    }

    fn slice() -> DecisionsSlice {
        let mut s = DecisionsSlice::default();
        for d in [
            decision(
                "d1",
                1,
                "Legemidler øverst",
                vec![Reference::Cell("f1~c1".into())],
                &[("kari", Stance::Agree, "")],
            ),
            decision(
                "d2",
                2,
                "Pårørendes nummer om natten",
                vec![Reference::Field("f2".into())],
                &[
                    ("mona", Stance::Block, "Må nå pårørende"),
                    ("jonas", Stance::Disagree, "Alene på kveld"),
                ],
            ),
            decision(
                "d3",
                3,
                "Tolk",
                vec![Reference::Context("c1".into())],
                &[("ola", Stance::Disagree, "Unødvendig")],
            ),
        ] {
            s.decisions.insert(d.id.clone(), d);
        }
        s
    }

    fn ids(found: Vec<&Decision>) -> Vec<&str> {
        found.into_iter().map(|d| d.id.as_str()).collect()
    }

    #[test]
    fn the_log_filters_by_what_a_decision_concerns_a_person_and_words() {
        let s = slice();
        assert_eq!(ids(s.log(&LogFilter::default())), vec!["d3", "d2", "d1"]);
        let about = |r: Reference| LogFilter {
            concerns: Some(r),
            ..LogFilter::default()
        };
        // A field finds the decisions about its cells; a context too.
        assert_eq!(ids(s.log(&about(Reference::Field("f1".into())))), vec!["d1"]);
        assert_eq!(
            ids(s.log(&about(Reference::Context("c1".into())))),
            vec!["d3", "d1"]
        );
        let person = LogFilter {
            person: Some("jonas".into()),
            ..LogFilter::default()
        };
        assert_eq!(ids(s.log(&person)), vec!["d2"]);
        // Words in any case, all of them, in reasons too.
        let words = |w: &str| LogFilter {
            words: w.into(),
            ..LogFilter::default()
        };
        assert_eq!(ids(s.log(&words("PÅRØRENDE"))), vec!["d2"]);
        assert_eq!(ids(s.log(&words("nattevakten ringer"))), vec!["d3", "d2", "d1"]);
        assert_eq!(ids(s.log(&words("unødvendig tolk"))), vec!["d3"]);
        assert!(s.log(&words("tolk legemidler")).is_empty());
    }

    #[test]
    fn the_most_remaining_disagreement_comes_first() {
        let s = slice();
        let f = LogFilter {
            by_disagreement: true,
            ..LogFilter::default()
        };
        assert_eq!(ids(s.log(&f)), vec!["d2", "d3", "d1"]);
        assert_eq!(remaining_disagreement(&s.decisions["d2"]), 2);
    }

    #[test]
    fn the_log_finds_what_changed_between_two_moments() {
        let s = slice();
        let f = LogFilter {
            from_ms: Some(1500),
            until_ms: Some(2500),
            ..LogFilter::default()
        };
        assert_eq!(ids(s.log(&f)), vec!["d2"]);
        let f = LogFilter {
            from_ms: Some(2500),
            ..LogFilter::default()
        };
        assert_eq!(ids(s.log(&f)), vec!["d3"]);
    }

    #[test]
    fn the_log_finds_what_changed_while_a_workshop_ran() {
        let mut s = slice();
        // d1 is argued during the workshop (2,000 to 2,600), long after it
        // was proposed; d2 is proposed during it; d3 after it ended.
        s.decisions.get_mut("d1").unwrap().arguments[0].at_ms = 2_400;
        let during = |span: std::ops::RangeInclusive<i64>| LogFilter {
            during: Some(span),
            ..LogFilter::default()
        };
        assert_eq!(ids(s.log(&during(2_000..=2_600))), vec!["d2", "d1"]);
        // Still running: up to now.
        assert_eq!(ids(s.log(&during(2_500..=i64::MAX))), vec!["d3"]);
        assert!(s.log(&during(never())).is_empty());
    }

    #[test]
    fn the_timeline_counts_proposals_and_decisions_per_stretch_of_the_project() {
        const DAY: i64 = 86_400_000;
        let mut s = slice();
        for (id, day) in [("d1", 0), ("d2", 1), ("d3", 3)] {
            s.decisions.get_mut(id).unwrap().revisions[0].1.at_ms = day * DAY;
        }
        s.decisions.get_mut("d3").unwrap().closing = Some(crate::decisions::model::Closing {
            outcome: Some("o1".into()),
            rationale: "Ja".into(),
            dissent: vec![],
            override_reason: String::new(),
            criteria: vec![],
            stamp: Stamp {
                seq: 9,
                actor_id: "ingrid".into(),
                at_ms: 3 * DAY,
            },
        });
        let all: Vec<&Decision> = s.decisions.values().collect();
        let t = timeline(&all, 4).unwrap();
        assert_eq!(t.buckets, vec![(1, 0), (1, 0), (0, 0), (1, 1)]);
        assert_eq!((t.start_ms, t.end_ms), (0, 3 * DAY));
        assert!(timeline(&[], 4).is_none());
    }
}
