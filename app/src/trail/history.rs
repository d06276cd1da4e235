//! The history of a project in plain language, and the difference between
//! two versions of one item. Computed on the server by replaying the log,
//! so that every sentence names things as they were called at the time.

use super::domain::{deliver, Domain, Viewer};
use super::event::{Entry, Event, Seq};
use super::state::State;
use crate::people::Profession;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// What an event did, in the history's words: a feature's sentence, or the
/// taking back of an earlier change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Said<W> {
    Change(W),
    Undone { of_seq: Seq },
}

impl<W: crate::json::Read> crate::json::Read for Said<W> {
    fn read(r: &mut crate::json::Reader) -> crate::json::ReadResult<Self> {
        use crate::json::Read;
        let mut said = None;
        r.object(&mut |r, name| {
            said = Some(match name {
                "Change" => Said::Change(W::read(r)?),
                "Undone" => {
                    let mut of_seq = None;
                    r.object(&mut |r, name| {
                        match name {
                            "of_seq" => of_seq = Some(Read::read(r)?),
                            _ => r.skip()?,
                        }
                        Ok(())
                    })?;
                    Said::Undone {
                        of_seq: crate::json::read::field(of_seq, "of_seq", r)?,
                    }
                }
                _ => return Err(r.error("Change or Undone")),
            });
            Ok(())
        })?;
        said.ok_or(r.error("Change or Undone"))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "W: Serialize", deserialize = "W: DeserializeOwned"))]
pub struct HistoryEntry<W> {
    pub seq: Seq,
    pub at_ms: i64,
    pub actor_id: String,
    pub kind: String,
    pub workshop_id: Option<String>,
    pub what: Said<W>,
    /// The item changed, compared across versions on the history page.
    pub item_id: String,
}

crate::read_json!(HistoryEntry<W> { seq, at_ms, actor_id, kind, workshop_id, what, item_id });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub profession: Option<Profession>,
}

crate::read_json!(Person { id, name, profession });

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(serialize = "W: Serialize", deserialize = "W: DeserializeOwned"))]
pub struct History<W> {
    /// Newest first, at most `HISTORY_PAGE` of them.
    pub entries: Vec<HistoryEntry<W>>,
    /// How many events matched the filter.
    pub matched: usize,
    pub total: usize,
    pub people: Vec<Person>,
    pub kinds: Vec<String>,
    pub workshops: Vec<String>,
    /// The name, as it is now, of the one item the history is about (a
    /// cell of the matrix, an element of the map), if it is about one.
    #[serde(default)]
    pub about: Option<String>,
    /// More events match than this page shows: the next page lists those
    /// before this version.
    #[serde(default)]
    pub older: Option<Seq>,
}

crate::read_json!(History<W> { entries, matched, total, people, kinds, workshops, about, older });

/// Events on one page of the history. A page of every event grew with the
/// project (the demo's 500 made 499 KB of HTML, and hydrating it kept a
/// phone busy); older ones are a link away.
pub const HISTORY_PAGE: usize = 100;

/// Which events a history shows. Empty filters match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub kind: String,
    pub person: String,
    pub workshop: String,
    /// Milliseconds; `to_ms` is exclusive.
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
    /// Only the events listed under this item (what the history's
    /// comparison calls an item).
    pub about: String,
    /// Only events older than this version: the page after one that ended
    /// just before it.
    pub before: Option<Seq>,
}

impl Filter {
    fn wants<C: super::event::Change>(&self, e: &Event<C>) -> bool {
        (self.kind.is_empty() || self.kind == e.change.kind())
            && (self.person.is_empty() || self.person == e.actor_id)
            && (self.workshop.is_empty() || Some(&self.workshop) == e.workshop_id.as_ref())
            && self.from_ms.is_none_or(|f| e.at_ms >= f)
            && self.to_ms.is_none_or(|t| e.at_ms < t)
    }
}

/// Folds events into a history, describing each against the state just
/// before it (so sentences name things as they were called then), as
/// `viewer` may see them. Call `add` with the log in order, then `finish`.
pub struct HistoryBuilder<D: Domain> {
    folded: State<D>,
    filter: Filter,
    viewer: Viewer,
    entries: Vec<HistoryEntry<D::What>>,
    matched: usize,
    kinds: std::collections::BTreeSet<String>,
    workshops: std::collections::BTreeSet<String>,
}

impl<D: Domain> HistoryBuilder<D> {
    pub fn new(project_id: &str, filter: Filter, viewer: Viewer) -> Self {
        HistoryBuilder {
            folded: State::new(project_id),
            filter,
            viewer,
            entries: Vec::new(),
            matched: 0,
            kinds: Default::default(),
            workshops: Default::default(),
        }
    }

    pub fn seq(&self) -> Seq {
        self.folded.seq
    }

    pub fn add(&mut self, e: &Event<D::Change>) -> Result<(), super::state::ReduceError> {
        let seen = deliver::<D>(e, &self.viewer);
        let described = seen.as_ref().map(|seen| describe(&self.folded, seen));
        self.folded.apply(e)?;
        let (Some(seen), Some((what, item_id))) = (seen, described) else {
            return Ok(());
        };
        self.kinds.insert(seen.change.kind().to_owned());
        if let Some(w) = &seen.workshop_id {
            self.workshops.insert(w.clone());
        }
        let about = &self.filter.about;
        if self.filter.wants(&seen) && (about.is_empty() || *about == item_id) {
            self.matched += 1;
            if self.filter.before.is_some_and(|b| seen.seq >= b) {
                return Ok(());
            }
            self.entries.push(HistoryEntry {
                seq: seen.seq,
                at_ms: seen.at_ms,
                actor_id: seen.actor_id.clone(),
                kind: seen.change.kind().to_owned(),
                workshop_id: seen.workshop_id.clone(),
                what,
                item_id,
            });
        }
        Ok(())
    }

    /// Newest first, at most `HISTORY_PAGE`; `people` as the caller found them.
    pub fn finish(mut self, people: Vec<Person>) -> History<D::What> {
        self.entries.reverse();
        let older = (self.entries.len() > HISTORY_PAGE).then(|| self.entries[HISTORY_PAGE - 1].seq);
        self.entries.truncate(HISTORY_PAGE);
        let about = Some(&self.filter.about)
            .filter(|a| !a.is_empty())
            .map(|a| self.folded.content.name_of(a).unwrap_or_default());
        History {
            about,
            older,
            entries: self.entries,
            matched: self.matched,
            total: self.folded.seq as usize,
            people,
            kinds: self.kinds.into_iter().collect(),
            workshops: self.workshops.into_iter().collect(),
        }
    }
}

/// Describes `e` against the state just before it.
pub fn describe<D: Domain>(before: &State<D>, e: &Event<D::Change>) -> (Said<D::What>, String) {
    match &e.change {
        Entry::Change(c) => {
            let (what, item) = before.content.describe(c);
            (Said::Change(what), item)
        }
        Entry::Undone { of_seq, changes } => {
            let item = changes.first().map(|c| before.content.describe(c).1);
            (Said::Undone { of_seq: *of_seq }, item.unwrap_or_default())
        }
    }
}

crate::read_json!(define
/// A property of an item that can differ between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Name,
    Purpose,
    Description,
    Kind,
    Position,
    Label,
    From,
    To,
    Text,
    On,
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: Field,
    pub before: Option<String>,
    pub after: Option<String>,
}

crate::read_json!(FieldChange { field, before, after });

/// A version as people know it: when, and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    pub seq: Seq,
    pub at_ms: i64,
    pub by: String,
}

crate::read_json!(Version { seq, at_ms, by });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub item_name: String,
    pub from_seq: Seq,
    pub to_seq: Seq,
    /// The two versions by time and person (none for version 0).
    #[serde(default)]
    pub from: Option<Version>,
    #[serde(default)]
    pub to: Option<Version>,
    /// Only the fields that differ.
    pub changes: Vec<FieldChange>,
}

crate::read_json!(Comparison {
    item_name,
    from_seq,
    to_seq,
    from,
    to,
    changes
});

/// How one item differs between two versions of the project.
pub fn compare<D: Domain>(
    before: &State<D>,
    after: &State<D>,
    item_id: &str,
    kind_label: &dyn Fn(&str) -> String,
) -> Comparison {
    let a = before.content.fields_of(item_id, kind_label);
    let b = after.content.fields_of(item_id, kind_label);
    let mut order: Vec<Field> = a.iter().map(|(f, _)| *f).collect();
    for (f, _) in &b {
        if !order.contains(f) {
            order.push(*f);
        }
    }
    let get = |list: &[(Field, String)], f: Field| list.iter().find(|(g, _)| *g == f).map(|(_, v)| v.clone());
    let changes = order
        .into_iter()
        .filter_map(|f| {
            let (x, y) = (get(&a, f), get(&b, f));
            (x != y).then_some(FieldChange {
                field: f,
                before: x,
                after: y,
            })
        })
        .collect();
    let item_name = after
        .content
        .name_of(item_id)
        .filter(|n| !n.is_empty())
        .or_else(|| before.content.name_of(item_id))
        .unwrap_or_default();
    Comparison {
        item_name,
        from_seq: before.seq,
        to_seq: after.seq,
        from: None,
        to: None,
        changes,
    }
}

/// `YYYY-MM-DD` → milliseconds at the start of that day (UTC).
pub fn parse_date(s: &str) -> Option<i64> {
    let mut parts = s.trim().splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::format_date;

    #[test]
    fn dates_round_trip() {
        for d in ["1970-01-01", "2000-02-29", "2026-11-25", "2027-01-01"] {
            assert_eq!(format_date(parse_date(d).unwrap()), d);
        }
        assert_eq!(parse_date("2026-13-01"), None);
        assert_eq!(parse_date("nonsense"), None);
    }
}
