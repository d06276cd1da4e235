//! Days as people write them (`YYYY-MM-DD`, what a date input sends) and
//! the milliseconds events carry, in UTC; on the history's and the
//! components' calendar arithmetic.

const DAY_MS: i64 = 86_400_000;

/// `YYYY-MM-DD`, a day that exists.
pub fn is_date(raw: &str) -> bool {
    ms_of(raw).is_some()
}

/// Midnight UTC at the start of `raw`, if it is written `YYYY-MM-DD` and
/// is a day that exists (the history's parser alone takes 31 February).
pub fn ms_of(raw: &str) -> Option<i64> {
    let at = crate::trail::history::parse_date(raw)?;
    // A day that does not exist rolls over into the next month, and the
    // day written back is always `YYYY-MM-DD`.
    (day_of(at) == raw).then_some(at)
}

/// The day `at_ms` falls on.
pub fn day_of(at_ms: i64) -> String {
    crate::components::format_date(at_ms)
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
