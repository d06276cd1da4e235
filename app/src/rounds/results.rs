//! What a closed round shows of a cell, without naming anyone: the total
//! and its measures, each profession with at least [`FEWEST`] ratings
//! apart, and the rest together, never a group of one or two. A group that
//! would be one or two by subtraction (the total minus the professions
//! shown) takes the smallest profession shown with it until it is three or
//! more, or empty.

use super::slice::{Ballot, Round, FEWEST};
use crate::fields::measures::Distribution;
use crate::fields::model::Rating;
use crate::people::Profession;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub struct CellResult {
    pub n: usize,
    /// `None` below [`FEWEST`] ratings: then only `n` is shown.
    pub all: Option<Distribution>,
    /// Professions shown apart, each with at least [`FEWEST`] ratings.
    pub professions: Vec<(Profession, Distribution)>,
    /// The other ratings together: none, or at least [`FEWEST`].
    pub others: Option<Distribution>,
    /// The reasons given, with their rating, in a fixed order (by rating,
    /// then text) that says nothing of who gave them.
    pub reasons: Vec<(Rating, String)>,
}

impl CellResult {
    pub fn of<'a>(ballots: impl IntoIterator<Item = &'a Ballot>) -> Self {
        let ballots: Vec<&Ballot> = ballots.into_iter().collect();
        let n = ballots.len();
        if n < FEWEST {
            return CellResult {
                n,
                all: None,
                professions: Vec::new(),
                others: None,
                reasons: Vec::new(),
            };
        }
        let mut by_profession: BTreeMap<Profession, Distribution> = BTreeMap::new();
        for b in &ballots {
            if let Some(p) = b.profession {
                by_profession.entry(p).or_default().add(b.rating);
            }
        }
        let mut shown: Vec<(Profession, Distribution)> = by_profession
            .into_iter()
            .filter(|(_, d)| d.n() as usize >= FEWEST)
            .collect();
        // Largest first, so the smallest shown is the last.
        shown.sort_by_key(|(p, d)| (std::cmp::Reverse(d.n()), *p));
        let rest = |shown: &[(Profession, Distribution)]| {
            n - shown.iter().map(|(_, d)| d.n() as usize).sum::<usize>()
        };
        while (1..FEWEST).contains(&rest(&shown)) && !shown.is_empty() {
            shown.pop();
        }
        let others = (rest(&shown) > 0).then(|| {
            Distribution::of(
                ballots
                    .iter()
                    .filter(|b| !b.profession.is_some_and(|p| shown.iter().any(|(s, _)| *s == p)))
                    .map(|b| b.rating),
            )
        });
        let mut reasons: Vec<(Rating, String)> = ballots
            .iter()
            .filter(|b| !b.reason.trim().is_empty())
            .map(|b| (b.rating, b.reason.clone()))
            .collect();
        reasons.sort_by(|a, b| (b.0.score(), &a.1).cmp(&(a.0.score(), &b.1)));
        CellResult {
            n,
            all: Some(Distribution::of(ballots.iter().map(|b| b.rating))),
            professions: shown,
            others,
            reasons,
        }
    }
}

impl Round {
    /// A closed round's result for each cell it has ballots in.
    pub fn results(&self) -> BTreeMap<(String, String), CellResult> {
        let mut cells: BTreeMap<(String, String), Vec<&Ballot>> = BTreeMap::new();
        for b in &self.ballots {
            cells
                .entry((b.field_id.clone(), b.context_id.clone()))
                .or_default()
                .push(b);
        }
        cells
            .into_iter()
            .map(|(cell, ballots)| (cell, CellResult::of(ballots)))
            .collect()
    }
}

/// The professions to record with a round's ballots: those with at least
/// [`FEWEST`] people in the round. A lone physician's ballots would
/// otherwise name her to anyone who knows who took part.
pub fn professions_to_keep<'a>(people: impl IntoIterator<Item = &'a Option<Profession>>) -> Vec<Profession> {
    let mut count: BTreeMap<Profession, usize> = BTreeMap::new();
    for p in people.into_iter().flatten() {
        *count.entry(*p).or_default() += 1;
    }
    count
        .into_iter()
        .filter(|(_, n)| *n >= FEWEST)
        .map(|(p, _)| p)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ballot(profession: Option<Profession>, score: u8) -> Ballot {
        Ballot {
            pseudonym: String::new(),
            field_id: "f".into(),
            context_id: "c".into(),
            rating: Rating::from_score(score).unwrap(),
            profession,
            reason: String::new(),
        }
    }

    const NURSE: Option<Profession> = Some(Profession::Nurse);
    const PHYSICIAN: Option<Profession> = Some(Profession::Physician);
    const COORDINATOR: Option<Profession> = Some(Profession::Coordinator);

    #[test]
    fn below_three_ratings_only_the_count_shows() {
        let r = CellResult::of(&[ballot(NURSE, 4), ballot(PHYSICIAN, 1)]);
        assert_eq!((r.n, r.all, r.professions.len(), r.others), (2, None, 0, None));
    }

    #[test]
    fn a_lone_physician_is_not_told_apart_even_by_subtraction() {
        // Three nurses and one physician: showing the nurses and the total
        // would give the physician's rating away.
        let r = CellResult::of(&[
            ballot(NURSE, 4),
            ballot(NURSE, 4),
            ballot(NURSE, 3),
            ballot(PHYSICIAN, 1),
        ]);
        assert_eq!(r.n, 4);
        assert!(r.professions.is_empty(), "{r:?}");
        assert_eq!(r.others.map(|d| d.n()), Some(4));

        // With three coordinators too, the nurses show and the physician
        // joins the coordinators' group of four.
        let mut six = vec![
            ballot(NURSE, 4),
            ballot(NURSE, 4),
            ballot(NURSE, 3),
            ballot(PHYSICIAN, 1),
        ];
        six.extend([
            ballot(COORDINATOR, 2),
            ballot(COORDINATOR, 2),
            ballot(COORDINATOR, 3),
        ]);
        let r = CellResult::of(&six);
        assert_eq!(
            r.professions.iter().map(|(p, d)| (*p, d.n())).collect::<Vec<_>>(),
            vec![(Profession::Nurse, 3)]
        );
        assert_eq!(r.others.map(|d| d.n()), Some(4));
    }

    #[test]
    fn no_group_of_one_or_two_can_be_read_off_any_cell() {
        let professions = [NURSE, PHYSICIAN, COORDINATOR, None];
        let mut seed: u64 = 7;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % m
        };
        for _ in 0..2000 {
            let size = next(14) as usize;
            let ballots: Vec<Ballot> = (0..size)
                .map(|_| ballot(professions[next(4) as usize], next(4) as u8 + 1))
                .collect();
            let r = CellResult::of(&ballots);
            assert_eq!(r.n, size);
            if size < FEWEST {
                assert!(r.all.is_none() && r.professions.is_empty() && r.others.is_none());
                continue;
            }
            for (_, d) in &r.professions {
                assert!(d.n() as usize >= FEWEST);
            }
            let others = r.others.map(|d| d.n() as usize).unwrap_or(0);
            assert!(others == 0 || others >= FEWEST, "{r:?}");
            let shown: usize = r.professions.iter().map(|(_, d)| d.n() as usize).sum();
            assert_eq!(shown + others, size);
        }
    }

    #[test]
    fn only_professions_with_three_people_in_the_round_are_recorded() {
        let people = [NURSE, NURSE, NURSE, PHYSICIAN, PHYSICIAN, None, COORDINATOR];
        assert_eq!(professions_to_keep(&people), vec![Profession::Nurse]);
    }
}
