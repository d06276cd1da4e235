//! The ratings as they travel in a page and rest in a snapshot: each rater
//! and profession written once in a table, each rating as a short row of
//! numbers. A matrix of 27,000 ratings written as maps of names weighed
//! 3.8 MB in the page; most of it was the same 36-character ids and words
//! repeated, which every render had to write, escape and compress again.
//!
//! ```json
//! {"raters":["id-a","id-b"],"professions":[null,"Nurse"],"since":1764000000000,
//!  "cells":{"field":{"context":[[0,4,1,0],[1,3,0,5210,"a reason"]]}}}
//! ```
//! A row is rater, score (1–4), profession, milliseconds after `since`, and
//! the reason when there is one.
//!
//! Written once per version: every page of the matrix carries the same
//! ratings until the next one changes them, and writing 27,000 of them was
//! a fifth of each page's render. Copies of the state share what was
//! written; changing the ratings through a copy forgets it for that copy.

use super::measures::{summarise, CellSummaries};
use super::model::{CellRating, Rating};
use super::slice::{CellRatings, FieldRatings};
use crate::json::{Read, ReadError, ReadResult, Reader};
use crate::people::Profession;
use serde::de::{Error as _, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, OnceLock};

/// Field id → context id → rater → their latest rating; reads as the map,
/// and any change through it (`DerefMut`) forgets the JSON written of it
/// and the cells' summaries worked out from it.
#[derive(Clone, Default)]
pub struct Ratings {
    by_field: BTreeMap<String, FieldRatings>,
    written: Arc<OnceLock<Box<RawValue>>>,
    summarised: Arc<OnceLock<Arc<CellSummaries>>>,
}

impl Ratings {
    /// Every cell's summary over everyone's ratings, worked out once per
    /// version like the JSON: every page of the matrix at one version reads
    /// the same summaries (working them out was a tenth of a page's render
    /// at 27,000 ratings).
    pub fn summaries(&self) -> Arc<CellSummaries> {
        self.summarised
            .get_or_init(|| Arc::new(summarise(&self.by_field, None)))
            .clone()
    }
}

impl Deref for Ratings {
    type Target = BTreeMap<String, FieldRatings>;
    fn deref(&self) -> &Self::Target {
        &self.by_field
    }
}

impl DerefMut for Ratings {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.written = Arc::default();
        self.summarised = Arc::default();
        &mut self.by_field
    }
}

impl PartialEq for Ratings {
    fn eq(&self, other: &Self) -> bool {
        self.by_field == other.by_field
    }
}

impl Eq for Ratings {}

impl fmt::Debug for Ratings {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.by_field.fmt(f)
    }
}

impl Serialize for Ratings {
    /// JSON only (pages, server functions and snapshots are all JSON).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error as _;
        if let Some(json) = self.written.get() {
            return json.serialize(serializer);
        }
        let text = serde_json::to_string(&Packed(&self.by_field)).map_err(S::Error::custom)?;
        let json = RawValue::from_string(text).map_err(S::Error::custom)?;
        self.written.get_or_init(|| json).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Ratings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Ratings {
            by_field: deserialize(deserializer)?,
            written: Arc::default(),
            summarised: Arc::default(),
        })
    }
}

struct Packed<'a>(&'a BTreeMap<String, FieldRatings>);

impl Serialize for Packed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(self.0, serializer)
    }
}

fn serialize<S: Serializer>(
    ratings: &BTreeMap<String, FieldRatings>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let all = || {
        ratings
            .values()
            .flat_map(|by_context| by_context.values().flat_map(|cell| cell.iter()))
    };
    let mut raters: Vec<&str> = Vec::new();
    let mut rater_index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut professions: Vec<Option<Profession>> = Vec::new();
    let mut since = i64::MAX;
    for (rater, r) in all() {
        rater_index.entry(rater.as_str()).or_insert_with(|| {
            raters.push(rater.as_str());
            raters.len() - 1
        });
        if !professions.contains(&r.profession) {
            professions.push(r.profession);
        }
        since = since.min(r.at_ms);
    }
    let since = if since == i64::MAX { 0 } else { since };
    let index = Index {
        raters: rater_index,
        professions: &professions,
        since,
    };
    let mut map = serializer.serialize_map(Some(4))?;
    map.serialize_entry("raters", &raters)?;
    map.serialize_entry("professions", &professions)?;
    map.serialize_entry("since", &since)?;
    map.serialize_entry(
        "cells",
        &Cells {
            ratings,
            index: &index,
        },
    )?;
    map.end()
}

struct Index<'a> {
    raters: BTreeMap<&'a str, usize>,
    professions: &'a [Option<Profession>],
    since: i64,
}

struct Cells<'a> {
    ratings: &'a BTreeMap<String, FieldRatings>,
    index: &'a Index<'a>,
}

impl Serialize for Cells<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.ratings.iter().map(|(field, by_context)| {
            let contexts = ByContext {
                by_context,
                index: self.index,
            };
            (field, contexts)
        }))
    }
}

struct ByContext<'a> {
    by_context: &'a BTreeMap<String, CellRatings>,
    index: &'a Index<'a>,
}

impl Serialize for ByContext<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.by_context.len()))?;
        for (context, cell) in self.by_context {
            let rows: Vec<Row> = cell
                .iter()
                .map(|(rater, r)| Row {
                    rater: self.index.raters[rater.as_str()],
                    profession: self
                        .index
                        .professions
                        .iter()
                        .position(|p| *p == r.profession)
                        .unwrap_or_default(),
                    after: r.at_ms - self.index.since,
                    rating: r,
                })
                .collect();
            map.serialize_entry(context, &rows)?;
        }
        map.end()
    }
}

struct Row<'a> {
    rater: usize,
    profession: usize,
    after: i64,
    rating: &'a CellRating,
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let reason = !self.rating.reason.is_empty();
        let mut seq = serializer.serialize_seq(Some(if reason { 5 } else { 4 }))?;
        seq.serialize_element(&self.rater)?;
        seq.serialize_element(&self.rating.rating.score())?;
        seq.serialize_element(&self.profession)?;
        seq.serialize_element(&self.after)?;
        if reason {
            seq.serialize_element(&self.rating.reason)?;
        }
        seq.end()
    }
}

#[derive(Deserialize)]
struct PackedIn {
    raters: Vec<String>,
    professions: Vec<Option<Profession>>,
    since: i64,
    cells: BTreeMap<String, BTreeMap<String, Vec<RowIn>>>,
}

struct RowIn {
    rater: usize,
    score: u8,
    profession: usize,
    after: i64,
    reason: String,
}

impl<'de> Deserialize<'de> for RowIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RowVisitor;
        impl<'de> Visitor<'de> for RowVisitor {
            type Value = RowIn;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a rating as [rater, score, profession, after, reason?]")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RowIn, A::Error> {
                let missing = |what| A::Error::custom(format!("a rating without its {what}"));
                Ok(RowIn {
                    rater: seq.next_element()?.ok_or_else(|| missing("rater"))?,
                    score: seq.next_element()?.ok_or_else(|| missing("score"))?,
                    profession: seq.next_element()?.ok_or_else(|| missing("profession"))?,
                    after: seq.next_element()?.ok_or_else(|| missing("time"))?,
                    reason: seq.next_element()?.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_seq(RowVisitor)
    }
}

fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, FieldRatings>, D::Error> {
    unpack(PackedIn::deserialize(deserializer)?).map_err(D::Error::custom)
}

/// The ratings from their packed rows, each row's numbers looked up.
fn unpack(packed: PackedIn) -> Result<BTreeMap<String, FieldRatings>, &'static str> {
    let mut out = BTreeMap::new();
    for (field, by_context) in packed.cells {
        let mut contexts = BTreeMap::new();
        for (context, rows) in by_context {
            let mut cell = CellRatings::new();
            for row in rows {
                let rater = packed
                    .raters
                    .get(row.rater)
                    .ok_or("a rating by an unknown rater")?;
                let profession = *packed
                    .professions
                    .get(row.profession)
                    .ok_or("a rating with an unknown profession")?;
                let rating = Rating::from_score(row.score).ok_or("a score outside 1–4")?;
                cell.insert(
                    rater.clone(),
                    CellRating {
                        rating,
                        profession,
                        reason: row.reason,
                        at_ms: packed.since + row.after,
                    },
                );
            }
            contexts.insert(context, cell);
        }
        out.insert(field, FieldRatings::new(contexts));
    }
    Ok(out)
}

crate::read_json!(PackedIn {
    raters,
    professions,
    since,
    cells
});

/// A row as `[rater, score, profession, after, reason?]`.
impl Read for RowIn {
    fn read(r: &mut Reader) -> ReadResult<Self> {
        let mut numbers = [0i64; 4];
        let (mut count, mut reason) = (0, String::new());
        r.array(&mut |r| {
            match count {
                0..=3 => numbers[count] = r.integer()?,
                4 => reason = Read::read(r)?,
                _ => return Err(r.error("at most five items in a rating")),
            }
            count += 1;
            Ok(())
        })?;
        let at = r.error("a rating as [rater, score, profession, after, reason?]");
        if count < 4 {
            return Err(at);
        }
        let small = |n: i64| usize::try_from(n).map_err(|_| at.clone());
        Ok(RowIn {
            rater: small(numbers[0])?,
            score: u8::try_from(numbers[1]).map_err(|_| at.clone())?,
            profession: small(numbers[2])?,
            after: numbers[3],
            reason,
        })
    }
}

impl Read for Ratings {
    fn read(r: &mut Reader) -> ReadResult<Self> {
        let at = r.error("ratings");
        Ok(Ratings {
            by_field: unpack(PackedIn::read(r)?).map_err(|expected| ReadError { at: at.at, expected })?,
            written: Arc::default(),
            summarised: Arc::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::slice::FieldsSlice;
    use super::*;

    fn rating(score: u8, profession: Option<Profession>, reason: &str, at_ms: i64) -> CellRating {
        CellRating {
            rating: Rating::from_score(score).unwrap(),
            profession,
            reason: reason.into(),
            at_ms,
        }
    }

    #[test]
    fn ratings_come_back_exactly_with_each_rater_written_once() {
        let rater = "0195f3a0-0000-7000-8000-00000000000";
        let mut slice = FieldsSlice::default();
        for f in 0..3 {
            for c in 0..4 {
                let cell: CellRatings = (0..5)
                    .map(|r| {
                        let profession = [None, Some(Profession::Nurse), Some(Profession::Physician)][r % 3];
                        let reason = if r == 1 { "«Må ha» – \"alltid\"\n" } else { "" };
                        let at = 1_764_000_000_000 + (f * 100 + c * 10 + r) as i64 * 977;
                        (
                            format!("{rater}{r}"),
                            rating((r % 4) as u8 + 1, profession, reason, at),
                        )
                    })
                    .collect();
                FieldRatings::make_mut(slice.ratings.entry(format!("field-{f}")).or_default())
                    .insert(format!("context-{c}"), cell);
            }
        }
        let json = serde_json::to_string(&slice).unwrap();
        let back: FieldsSlice = serde_json::from_str(&json).unwrap();
        assert_eq!(back, slice);
        assert_eq!(json.matches(rater).count(), 5, "{json}");
        assert_eq!(json.matches("Nurse").count(), 1, "{json}");

        let empty = serde_json::to_string(&FieldsSlice::default()).unwrap();
        assert_eq!(
            serde_json::from_str::<FieldsSlice>(&empty).unwrap(),
            FieldsSlice::default()
        );
    }

    #[test]
    fn ratings_written_once_are_shared_by_copies_until_a_copy_changes_them() {
        let mut slice = FieldsSlice::default();
        let cell =
            |score| CellRatings::from([("kari".to_owned(), rating(score, None, "", 1_764_000_000_000))]);
        FieldRatings::make_mut(slice.ratings.entry("f".into()).or_default()).insert("c".into(), cell(4));
        let first = serde_json::to_string(&slice.ratings).unwrap();
        let mut copy = slice.clone();
        assert_eq!(serde_json::to_string(&copy.ratings).unwrap(), first);

        // Kari changes her mind in the copy: the copy says so, the original
        // still says what it holds.
        FieldRatings::make_mut(copy.ratings.get_mut("f").unwrap()).insert("c".into(), cell(1));
        let changed = serde_json::to_string(&copy.ratings).unwrap();
        assert_ne!(changed, first);
        assert_eq!(serde_json::from_str::<Ratings>(&changed).unwrap(), copy.ratings);
        assert_eq!(serde_json::to_string(&slice.ratings).unwrap(), first);
        assert_eq!(serde_json::from_str::<Ratings>(&first).unwrap(), slice.ratings);
    }

    #[test]
    fn a_rating_that_points_nowhere_is_refused() {
        let bad = |cells: &str| {
            let json = format!(
                r#"{{"raters":["a"],"professions":[null],"since":0,"cells":{{"f":{{"c":[{cells}]}}}}}}"#
            );
            let mut de = serde_json::Deserializer::from_str(&json);
            deserialize(&mut de).is_err()
        };
        assert!(!bad("[0,4,0,0]"));
        assert!(bad("[1,4,0,0]"), "unknown rater");
        assert!(bad("[0,4,1,0]"), "unknown profession");
        assert!(bad("[0,5,0,0]"), "score out of range");
        assert!(bad("[0,4,0]"), "no time");
    }
}
