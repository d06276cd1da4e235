//! How much people agree on a cell, and whether professions disagree.
//!
//! With k = 4 ordered categories and F(i) the share of ratings at or below
//! category i:
//! - consensus C = 1 − D, Leik's ordinal dispersion
//!   D = 2 Σ_{i<k} min(F(i), 1 − F(i)) / (k − 1): 1 when everyone agrees,
//!   0 when split between the extremes;
//! - disagreement between professions Δ = the largest, over pairs of
//!   professions, of Σ_{i<k} |F_g(i) − F_h(i)| / (k − 1);
//! - needed by all = Π_g (n_g(rating ≥ 3) + 1) / (n_g + 2), the shape of
//!   Pol.is's group-aware consensus: high only if every profession finds
//!   the field useful or essential there.

use super::model::Rating;
use super::slice::{CellRatings, FieldRatings};
use crate::people::Profession;
use std::collections::BTreeMap;

/// Below this many ratings a cell gets no score, only its marks.
pub const MIN_RATINGS: u32 = 3;
/// A profession with fewer ratings in a cell is left out of Δ.
pub const MIN_PER_PROFESSION: u32 = 2;
const K: usize = 4;

/// How many ratings a cell (or one profession in it) has in each category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Distribution {
    /// By score − 1: "should not be shown" first.
    counts: [u32; K],
}

impl Distribution {
    pub fn of(ratings: impl IntoIterator<Item = Rating>) -> Self {
        let mut d = Distribution::default();
        for r in ratings {
            d.add(r);
        }
        d
    }

    pub fn add(&mut self, r: Rating) {
        self.counts[r.score() as usize - 1] += 1;
    }

    pub fn n(&self) -> u32 {
        self.counts.iter().sum()
    }

    pub fn count(&self, r: Rating) -> u32 {
        self.counts[r.score() as usize - 1]
    }

    /// F(1), F(2), F(3); `None` for no ratings.
    fn cumulative(&self) -> Option<[f64; K - 1]> {
        let n = self.n();
        if n == 0 {
            return None;
        }
        let mut f = [0.0; K - 1];
        let mut below = 0;
        for (i, share) in f.iter_mut().enumerate() {
            below += self.counts[i];
            *share = f64::from(below) / f64::from(n);
        }
        Some(f)
    }

    /// C = 1 − Leik's D.
    pub fn consensus(&self) -> Option<f64> {
        let f = self.cumulative()?;
        let d: f64 = f.iter().map(|&fi| fi.min(1.0 - fi)).sum::<f64>() * 2.0 / (K - 1) as f64;
        Some((1.0 - d).clamp(0.0, 1.0))
    }

    /// The middle rating: the lowest category that half the ratings are
    /// at or below.
    pub fn median(&self) -> Option<Rating> {
        let f = self.cumulative()?;
        let i = f.iter().position(|&fi| fi >= 0.5).unwrap_or(K - 1);
        Rating::from_score(i as u8 + 1)
    }

    /// How many rated it useful or essential.
    pub fn needed(&self) -> u32 {
        self.count(Rating::Essential) + self.count(Rating::Useful)
    }

    /// Σ |F_g(i) − F_h(i)| / (k − 1).
    pub fn distance(&self, other: &Distribution) -> Option<f64> {
        let (f, g) = (self.cumulative()?, other.cumulative()?);
        let sum: f64 = f.iter().zip(g).map(|(a, b)| (a - b).abs()).sum();
        Some(sum / (K - 1) as f64)
    }
}

/// The two professions that disagree most on a cell, and by how much.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Disagreement {
    pub delta: f64,
    pub between: (Profession, Profession),
}

/// What the matrix shows of one cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CellSummary {
    pub all: Distribution,
    /// Ratings by profession; ratings without one count only in `all`.
    pub by_profession: BTreeMap<Profession, Distribution>,
    /// `None` below `MIN_RATINGS`.
    pub consensus: Option<f64>,
    pub median: Option<Rating>,
    /// Between professions with at least `MIN_PER_PROFESSION` ratings;
    /// `None` unless two such professions rated.
    pub disagreement: Option<Disagreement>,
    /// Over the professions with at least `MIN_PER_PROFESSION` ratings.
    pub needed_by_all: Option<f64>,
    /// Professions with too few ratings to be compared.
    pub left_out: Vec<Profession>,
}

impl CellSummary {
    pub fn of(ratings: impl IntoIterator<Item = (Option<Profession>, Rating)>) -> Self {
        let mut s = CellSummary::default();
        for (profession, rating) in ratings {
            s.all.add(rating);
            if let Some(p) = profession {
                s.by_profession.entry(p).or_default().add(rating);
            }
        }
        if s.all.n() < MIN_RATINGS {
            return s;
        }
        s.consensus = s.all.consensus();
        s.median = s.all.median();
        let (compared, left_out): (Vec<_>, Vec<_>) = s
            .by_profession
            .iter()
            .partition(|(_, d)| d.n() >= MIN_PER_PROFESSION);
        s.left_out = left_out.into_iter().map(|(p, _)| *p).collect();
        for (i, (g, dg)) in compared.iter().enumerate() {
            for (h, dh) in &compared[i + 1..] {
                let delta = dg.distance(dh).unwrap_or(0.0);
                if s.disagreement.is_none_or(|d| delta > d.delta) {
                    s.disagreement = Some(Disagreement {
                        delta,
                        between: (**g, **h),
                    });
                }
            }
        }
        if !compared.is_empty() {
            s.needed_by_all = Some(
                compared
                    .iter()
                    .map(|(_, d)| f64::from(d.needed() + 1) / f64::from(d.n() + 2))
                    .product(),
            );
        }
        s
    }

    pub fn of_cell(cell: &CellRatings) -> Self {
        Self::of(cell.values().map(|r| (r.profession, r.rating)))
    }

    /// Enough ratings for a score.
    pub fn scored(&self) -> bool {
        self.consensus.is_some()
    }
}

/// Field id → context id → what the matrix shows of the cell.
pub type CellSummaries = BTreeMap<String, BTreeMap<String, CellSummary>>;

/// Every rated cell's summary, over one profession's ratings or everyone's.
pub fn summarise(ratings: &BTreeMap<String, FieldRatings>, only: Option<Profession>) -> CellSummaries {
    ratings
        .iter()
        .map(|(field_id, by_context)| {
            let row = by_context
                .iter()
                .map(|(context_id, cell)| {
                    let ratings = cell
                        .values()
                        .filter(|r| only.is_none() || r.profession == only)
                        .map(|r| (r.profession, r.rating));
                    (context_id.clone(), CellSummary::of(ratings))
                })
                .collect();
            (field_id.clone(), row)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Rng;
    use Profession::*;

    fn ratings(scores: &[u8]) -> Vec<Rating> {
        scores.iter().map(|&s| Rating::from_score(s).unwrap()).collect()
    }

    fn of_professions(groups: &[(Profession, &[u8])]) -> CellSummary {
        CellSummary::of(
            groups
                .iter()
                .flat_map(|(p, scores)| ratings(scores).into_iter().map(move |r| (Some(*p), r))),
        )
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.001
    }

    #[test]
    fn consensus_of_the_worked_examples() {
        assert!(close(
            Distribution::of(ratings(&[4, 4, 3])).consensus().unwrap(),
            0.778
        ));
        assert!(close(
            Distribution::of(ratings(&[1, 1, 4, 4])).consensus().unwrap(),
            0.0
        ));
        assert!(close(
            Distribution::of(ratings(&[2, 2, 2])).consensus().unwrap(),
            1.0
        ));
    }

    #[test]
    fn nurses_and_physicians_disagree() {
        let s = of_professions(&[(Nurse, &[4, 4, 3]), (Physician, &[2, 2, 1])]);
        let d = s.disagreement.unwrap();
        assert!(close(d.delta, 0.667), "{d:?}");
        assert_eq!(d.between, (Nurse, Physician));
        assert!(close(s.needed_by_all.unwrap(), 0.16));
    }

    #[test]
    fn nurses_and_care_workers_agree() {
        let s = of_professions(&[(Nurse, &[4, 4, 3]), (CareWorker, &[4, 3, 3, 4])]);
        assert!(close(s.disagreement.unwrap().delta, 0.056));
        assert!(close(s.needed_by_all.unwrap(), 0.667));
    }

    #[test]
    fn too_few_ratings_get_no_score_and_single_raters_are_left_out() {
        let two = of_professions(&[(Nurse, &[4]), (Physician, &[1])]);
        assert_eq!(two.all.n(), 2);
        assert!(!two.scored() && two.disagreement.is_none() && two.median.is_none());
        let s = of_professions(&[(Nurse, &[4, 4]), (Physician, &[1, 2]), (Designer, &[3])]);
        assert!(s.scored());
        assert_eq!(s.left_out, vec![Designer]);
        assert_eq!(s.disagreement.unwrap().between, (Nurse, Physician));
        // One profession alone has nobody to disagree with.
        let alone = of_professions(&[(Nurse, &[4, 4, 1])]);
        assert!(alone.disagreement.is_none());
    }

    #[test]
    fn the_median_is_the_middle_rating() {
        assert_eq!(
            Distribution::of(ratings(&[4, 4, 3])).median(),
            Some(Rating::Essential)
        );
        assert_eq!(
            Distribution::of(ratings(&[1, 3, 3, 4, 4])).median(),
            Some(Rating::Useful)
        );
        assert_eq!(Distribution::of(ratings(&[])).median(), None);
    }

    /// Measures over random cells: always within 0..=1, and the same
    /// whatever order the ratings came in.
    #[test]
    fn measures_stay_in_range_and_ignore_order() {
        let professions = [Nurse, Physician, CareWorker, Coordinator, Therapist];
        let mut rng = Rng(0x5eed_1234);
        for _ in 0..2000 {
            let n = 3 + rng.below(30);
            let mut cell: Vec<(Option<Profession>, Rating)> = (0..n)
                .map(|_| {
                    let p = (rng.below(8) > 0).then(|| *rng.pick(&professions).unwrap());
                    (p, Rating::from_score(1 + rng.below(4) as u8).unwrap())
                })
                .collect();
            let s = CellSummary::of(cell.clone());
            let in_range = |x: Option<f64>| x.is_none_or(|x| (0.0..=1.0).contains(&x));
            assert!(in_range(s.consensus) && in_range(s.needed_by_all));
            assert!(in_range(s.disagreement.map(|d| d.delta)));
            for i in (1..cell.len()).rev() {
                cell.swap(i, rng.below(i + 1));
            }
            let shuffled = CellSummary::of(cell);
            assert_eq!(s.all, shuffled.all);
            assert_eq!(s.consensus, shuffled.consensus);
            assert_eq!(
                s.needed_by_all.map(|x| (x * 1e9).round()),
                shuffled.needed_by_all.map(|x| (x * 1e9).round())
            );
            assert_eq!(
                s.disagreement.map(|d| d.delta),
                shuffled.disagreement.map(|d| d.delta)
            );
        }
    }
}
