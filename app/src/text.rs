//! The rules every name and note people type follows, in one place.

use crate::error::Problem;

/// Names are shown in lists and on a map: stray newlines and runs of spaces
/// only make them look broken.
pub fn collapse_whitespace(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name or short note: one line, not empty, at most `max` characters.
pub fn one_line(raw: &str, max: usize, missing: Problem, too_long: Problem) -> Result<String, Problem> {
    let s = collapse_whitespace(raw);
    if s.is_empty() {
        Err(missing)
    } else if s.chars().count() > max {
        Err(too_long)
    } else {
        Ok(s)
    }
}

/// A purpose or description: line breaks kept, may be empty, at most `max`
/// characters.
pub fn free_text(raw: &str, max: usize, too_long: Problem) -> Result<String, Problem> {
    let s = raw.trim().replace("\r\n", "\n");
    if s.chars().count() > max {
        Err(too_long)
    } else {
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_collapses_spaces_and_counts_characters_not_bytes() {
        let ok = one_line(
            "  Hjemme\n  sykepleien ",
            20,
            Problem::NameMissing,
            Problem::NameTooLong,
        );
        assert_eq!(ok, Ok("Hjemme sykepleien".to_owned()));
        assert_eq!(
            one_line(" \n ", 20, Problem::NameMissing, Problem::NameTooLong),
            Err(Problem::NameMissing)
        );
        assert_eq!(
            one_line("æøå", 3, Problem::NameMissing, Problem::NameTooLong),
            Ok("æøå".to_owned())
        );
        assert_eq!(
            one_line("æøåæ", 3, Problem::NameMissing, Problem::NameTooLong),
            Err(Problem::NameTooLong)
        );
    }

    #[test]
    fn free_text_keeps_line_breaks_and_may_be_empty() {
        let too_long = Problem::DescriptionTooLong;
        assert_eq!(free_text(" a\r\nb ", 10, too_long), Ok("a\nb".to_owned()));
        assert_eq!(free_text("", 10, too_long), Ok(String::new()));
        assert_eq!(free_text("abcdefghijk", 10, too_long), Err(too_long));
    }
}
