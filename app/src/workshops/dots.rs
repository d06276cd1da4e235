//! (ssr) Where an open dot vote's dots wait: `dot_ballots`, one row per
//! person, read only by that person (their own dots), by the count of who
//! has voted, and by the reveal, which totals them for the trail. The
//! reveal's event deletes the rows in its own transaction (see the
//! slice's table writes).

use crate::error::{AppError, AppResult, Problem};
use sqlx::{AnyPool, Row};

fn encode(dots: &[u32]) -> String {
    dots.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
}

fn decode(raw: &str, items: usize) -> AppResult<Vec<u32>> {
    let dots: Vec<u32> = raw
        .split(',')
        .map(|d| d.parse().map_err(|_| AppError::Internal))
        .collect::<AppResult<_>>()?;
    if dots.len() != items {
        return Err(AppError::Internal);
    }
    Ok(dots)
}

/// Keeps the person's dots, replacing what they cast before, if the vote
/// has not begun to be revealed. One statement checks and writes, so dots
/// are either taken before the reveal or refused: on PostgreSQL the check
/// locks the vote's row (`FOR SHARE`), and the reveal, which updates that
/// row, waits for dots being written and then reads them.
pub async fn cast(
    pool: &AnyPool,
    postgres: bool,
    vote_id: &str,
    user_id: &str,
    dots: &[u32],
) -> AppResult<()> {
    let lock = if postgres { " FOR SHARE" } else { "" };
    let sql = format!(
        "INSERT INTO dot_ballots (vote_id, user_id, dots) SELECT $1, $2, $3 \
         WHERE EXISTS (SELECT 1 FROM open_dot_votes WHERE vote_id = $1 AND closing = 0{lock}) \
         ON CONFLICT (vote_id, user_id) DO UPDATE SET dots = excluded.dots"
    );
    let done = sqlx::query(&sql)
        .bind(vote_id)
        .bind(user_id)
        .bind(encode(dots))
        .execute(pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Problem::DotVoteNotOpen.into());
    }
    Ok(())
}

/// The person's own dots, if they have cast any.
pub async fn own(pool: &AnyPool, vote_id: &str, user_id: &str, items: usize) -> AppResult<Option<Vec<u32>>> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT dots FROM dot_ballots WHERE vote_id = $1 AND user_id = $2")
            .bind(vote_id)
            .bind(user_id)
            .fetch_optional(pool)
            .await?;
    row.map(|(d,)| decode(&d, items)).transpose()
}

/// How many people have cast dots (not who, nor what).
pub async fn voters(pool: &AnyPool, vote_id: &str) -> AppResult<u32> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM dot_ballots WHERE vote_id = $1")
        .bind(vote_id)
        .fetch_one(pool)
        .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Stops the vote taking dots and totals them per item: (totals, voters).
/// Revealing again (after a failure) totals the same dots anew.
pub async fn gather(
    pool: &AnyPool,
    project_id: &str,
    vote_id: &str,
    items: usize,
) -> AppResult<(Vec<u32>, u32)> {
    let closing = sqlx::query("UPDATE open_dot_votes SET closing = 1 WHERE vote_id = $1 AND project_id = $2")
        .bind(vote_id)
        .bind(project_id)
        .execute(pool)
        .await?;
    if closing.rows_affected() == 0 {
        return Err(Problem::DotVoteNotOpen.into());
    }
    let rows = sqlx::query("SELECT dots FROM dot_ballots WHERE vote_id = $1")
        .bind(vote_id)
        .fetch_all(pool)
        .await?;
    let mut totals = vec![0u32; items];
    for row in &rows {
        for (total, d) in totals
            .iter_mut()
            .zip(decode(&row.try_get::<String, _>(0)?, items)?)
        {
            *total += d;
        }
    }
    Ok((totals, u32::try_from(rows.len()).unwrap_or(u32::MAX)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_are_kept_as_text_and_read_back() {
        assert_eq!(decode(&encode(&[2, 0, 1]), 3), Ok(vec![2, 0, 1]));
        assert!(decode("2,0", 3).is_err(), "a vote's items do not change");
    }
}
