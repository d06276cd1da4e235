//! Days as people write them (`YYYY-MM-DD`, what a date input sends) and
//! the milliseconds events carry, in UTC.

const DAY_MS: i64 = 86_400_000;

/// `YYYY-MM-DD`, a day that exists.
pub fn is_date(raw: &str) -> bool {
    ms_of(raw).is_some()
}

/// Midnight UTC at the start of `raw`, if it is a day that exists.
pub fn ms_of(raw: &str) -> Option<i64> {
    let parts: Vec<&str> = raw.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d) = (
        y.parse::<i64>().ok()?,
        m.parse::<i64>().ok()?,
        d.parse::<i64>().ok()?,
    );
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in_month = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(1..=days_in_month).contains(&d) {
        return None;
    }
    // Howard Hinnant's days-from-civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * DAY_MS)
}

/// The day `at_ms` falls on.
pub fn day_of(at_ms: i64) -> String {
    let z = at_ms.div_euclid(DAY_MS) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The end of the day `raw` (exclusive), for "up to and including".
pub fn end_of(raw: &str) -> Option<i64> {
    ms_of(raw).map(|start| start + DAY_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_that_exist_and_back() {
        for good in [
            "2027-03-01",
            "2028-02-29",
            "2000-02-29",
            "2026-12-31",
            "1970-01-01",
        ] {
            assert!(is_date(good), "{good}");
            assert_eq!(day_of(ms_of(good).unwrap()), good);
        }
        for bad in [
            "2027-02-29",
            "1900-02-29",
            "2027-13-01",
            "2027-00-10",
            "2027-1-01",
            "01.03.2027",
            "",
            "2027-03-01x",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
        assert_eq!(ms_of("1970-01-02"), Some(DAY_MS));
        // 2026-11-26 12:00 UTC.
        assert_eq!(day_of(1_795_694_400_000), "2026-11-26");
        assert_eq!(
            end_of("2026-11-26").unwrap() - ms_of("2026-11-26").unwrap(),
            DAY_MS
        );
    }
}
