//! Where a running round's ballots wait: the `round_ballots` table, by
//! person, read only by the person themself (their own ballots) and by the
//! close, which hands them to the trail under pseudonyms. The close's event
//! deletes the rows in its own transaction (see the slice's table writes).

use super::results::professions_to_keep;
use super::slice::Ballot;
use crate::error::{AppError, AppResult, Problem};
use crate::fields::model::Rating;
use crate::people::Profession;
use sqlx::{AnyPool, Row};
use std::collections::BTreeMap;

/// One ballot as its rater cast it.
pub struct Cast<'a> {
    pub round_id: &'a str,
    pub user_id: &'a str,
    pub field_id: &'a str,
    pub context_id: &'a str,
    pub rating: Rating,
    pub profession: Option<Profession>,
    pub reason: &'a str,
}

/// Keeps a ballot, replacing the person's earlier one for the cell, if the
/// round has not begun to close. One statement checks and writes, so a
/// ballot is either taken before the close or refused: on PostgreSQL the
/// check locks the round's row (`FOR SHARE`), and the close, which updates
/// that row, waits for ballots being written and then reads them.
pub async fn cast(pool: &AnyPool, postgres: bool, b: Cast<'_>) -> AppResult<()> {
    let lock = if postgres { " FOR SHARE" } else { "" };
    let sql = format!(
        "INSERT INTO round_ballots (round_id, user_id, field_id, context_id, rating, profession, reason) \
         SELECT $1, $2, $3, $4, $5, $6, $7 \
         WHERE EXISTS (SELECT 1 FROM open_rounds WHERE round_id = $1 AND closing = 0{lock}) \
         ON CONFLICT (round_id, user_id, field_id, context_id) DO UPDATE \
         SET rating = excluded.rating, profession = excluded.profession, reason = excluded.reason"
    );
    let done = sqlx::query(&sql)
        .bind(b.round_id)
        .bind(b.user_id)
        .bind(b.field_id)
        .bind(b.context_id)
        .bind(b.rating.as_str())
        .bind(b.profession.map(|p| p.as_str()))
        .bind(b.reason)
        .execute(pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Problem::RoundNotRunning.into());
    }
    Ok(())
}

/// The person's own ballots in the round: (field, context) → rating.
pub async fn own_ballots(
    pool: &AnyPool,
    round_id: &str,
    user_id: &str,
) -> AppResult<BTreeMap<(String, String), Rating>> {
    let rows = sqlx::query(
        "SELECT field_id, context_id, rating FROM round_ballots WHERE round_id = $1 AND user_id = $2",
    )
    .bind(round_id)
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    let mut out = BTreeMap::new();
    for row in rows {
        let rating = Rating::parse(&row.try_get::<String, _>(2)?).ok_or(AppError::Internal)?;
        out.insert((row.try_get(0)?, row.try_get(1)?), rating);
    }
    Ok(out)
}

/// Stops the round taking ballots and gathers them: each person's under a
/// fresh random pseudonym, sorted so that their order tells nothing, and
/// apart from them who took part. A profession with fewer than three people
/// in the round is left off its ballots. Closing again (after a failure)
/// gathers the same ballots anew.
pub async fn gather(
    pool: &AnyPool,
    project_id: &str,
    round_id: &str,
) -> AppResult<(Vec<Ballot>, Vec<String>)> {
    let closing = sqlx::query("UPDATE open_rounds SET closing = 1 WHERE round_id = $1 AND project_id = $2")
        .bind(round_id)
        .bind(project_id)
        .execute(pool)
        .await?;
    if closing.rows_affected() == 0 {
        return Err(Problem::RoundNotRunning.into());
    }
    let rows = sqlx::query(
        "SELECT user_id, field_id, context_id, rating, profession, reason FROM round_ballots \
         WHERE round_id = $1 ORDER BY user_id, field_id, context_id",
    )
    .bind(round_id)
    .fetch_all(pool)
    .await?;
    // One profession per person: the one they cast their first ballot with.
    let mut people: BTreeMap<String, (String, Option<Profession>)> = BTreeMap::new();
    let mut cast = Vec::with_capacity(rows.len());
    for row in rows {
        let user_id: String = row.try_get(0)?;
        let profession: Option<String> = row.try_get(4)?;
        let profession = profession.and_then(|p| Profession::parse(&p).ok());
        people
            .entry(user_id.clone())
            .or_insert_with(|| (uuid::Uuid::new_v4().simple().to_string(), profession));
        let rating = Rating::parse(&row.try_get::<String, _>(3)?).ok_or(AppError::Internal)?;
        cast.push((
            user_id,
            row.try_get::<String, _>(1)?,
            row.try_get::<String, _>(2)?,
            rating,
            row.try_get::<String, _>(5)?,
        ));
    }
    let kept = professions_to_keep(people.values().map(|(_, p)| p));
    let mut ballots: Vec<Ballot> = cast
        .into_iter()
        .map(|(user_id, field_id, context_id, rating, reason)| {
            let (pseudonym, profession) = &people[&user_id];
            Ballot {
                pseudonym: pseudonym.clone(),
                field_id,
                context_id,
                rating,
                profession: profession.filter(|p| kept.contains(p)),
                reason,
            }
        })
        .collect();
    ballots.sort();
    Ok((ballots, people.into_keys().collect()))
}
