//! The rules every name and note people type follows, in one place.
//!
//! Typed text is shown to other people, in lists, on a map, in the history.
//! So besides length and blankness, three kinds of character are dealt with
//! here, before anything is stored:
//!
//! - control characters (NUL, escape, C1 controls): removed; a line break
//!   stays only where the text may have several lines;
//! - explicit bidirectional formatting (embeddings, overrides, isolates,
//!   U+202A–U+202E and U+2066–U+2069): removed, since an override reverses
//!   whatever follows it on the line (a name, a button) and the browser's
//!   own bidi algorithm already shows right-to-left scripts correctly;
//! - invisible characters (zero-width spaces and joiners, fillers, variation
//!   selectors): kept inside text, where some scripts and emoji need them,
//!   but a name made only of them counts as missing.
//!
//! Names are also isolated in the markup (`<bdi>`, `dir="auto"`) where they
//! are shown, for text stored before these rules.

use crate::error::Problem;

/// An explicit bidirectional embedding, override or isolate.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that draw nothing: whitespace, controls, bidi formatting and
/// marks, zero-width characters, fillers that look blank, variation
/// selectors and tags.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || is_bidi_control(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2060}'..='\u{206F}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Removes control characters other than whitespace, and bidi formatting.
fn without_controls(raw: &str, keep: impl Fn(char) -> bool) -> String {
    raw.chars()
        .filter(|&c| keep(c) || !(c.is_control() || is_bidi_control(c)))
        .collect()
}

/// Names are shown in lists and on a map: stray newlines, runs of spaces,
/// control characters and bidi overrides only make them look broken (or
/// rearrange the line they are shown on). Text that is only invisible
/// characters becomes empty.
pub fn collapse_whitespace(raw: &str) -> String {
    let cleaned = without_controls(raw, char::is_whitespace);
    let s = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().all(is_invisible) {
        String::new()
    } else {
        s
    }
}

/// A name or short note: one line, not empty (nor only invisible
/// characters), at most `max` characters.
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

/// A purpose or description: line breaks and tabs kept, may be empty, at
/// most `max` characters.
pub fn free_text(raw: &str, max: usize, too_long: Problem) -> Result<String, Problem> {
    let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
    let cleaned = without_controls(&unified, |c| c == '\n' || c == '\t');
    let s = cleaned.trim();
    let s = if s.chars().all(is_invisible) { "" } else { s };
    if s.chars().count() > max {
        Err(too_long)
    } else {
        Ok(s.to_owned())
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

    fn name(raw: &str) -> Result<String, Problem> {
        one_line(raw, 80, Problem::NameMissing, Problem::NameTooLong)
    }

    #[test]
    fn controls_and_bidi_overrides_are_removed_from_names() {
        // A right-to-left override would reverse the rest of the line.
        assert_eq!(name("Kari\u{202E} Nordmann"), Ok("Kari Nordmann".to_owned()));
        for bidi in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        ] {
            assert_eq!(name(&format!("a{bidi}b")), Ok("ab".to_owned()), "{bidi:?}");
        }
        assert_eq!(name("Ka\u{0}ri"), Ok("Kari".to_owned()));
        assert_eq!(name("Ka\u{1b}[31mri"), Ok("Ka[31mri".to_owned()));
        assert_eq!(name("Ka\u{7f}\u{9b}ri"), Ok("Kari".to_owned()));
        // NEL is a line break: a space in a name.
        assert_eq!(name("Kari\u{85}Nordmann"), Ok("Kari Nordmann".to_owned()));
        assert_eq!(name("Kari\tNordmann"), Ok("Kari Nordmann".to_owned()));
        // Right-to-left scripts themselves are kept as typed.
        assert_eq!(name("שרה כהן"), Ok("שרה כהן".to_owned()));
        assert_eq!(name("فاطمة"), Ok("فاطمة".to_owned()));
        // Joiners inside text are kept: emoji and some scripts need them.
        assert_eq!(name("👩\u{200D}⚕️ Kari"), Ok("👩\u{200D}⚕️ Kari".to_owned()));
        assert_eq!(name("\u{202E}\u{202E}x"), Ok("x".to_owned()));
    }

    #[test]
    fn a_name_of_only_invisible_characters_is_missing() {
        for blank in [
            "\u{200B}",
            "\u{200B}\u{200C}\u{200D}",
            "\u{FEFF}",
            "\u{2060}\u{00AD}",
            "\u{3164}",
            "\u{115F}\u{1160}",
            "\u{2800}",
            "\u{202E}",
            "\u{0}\u{0}",
            "\u{200F}\u{200E}",
            "\u{FE0F}",
            "\u{E0020}",
            " \u{200B} \u{00A0} \u{3000} ",
        ] {
            assert_eq!(name(blank), Err(Problem::NameMissing), "{blank:?}");
            assert_eq!(collapse_whitespace(blank), "", "{blank:?}");
        }
    }

    #[test]
    fn free_text_loses_controls_but_keeps_lines_and_tabs() {
        let too_long = Problem::DescriptionTooLong;
        assert_eq!(
            free_text("a\u{0}b\n\tc\u{202E}d\re", 20, too_long),
            Ok("ab\n\tcd\ne".to_owned())
        );
        assert_eq!(free_text("\u{200B}\u{FEFF}", 20, too_long), Ok(String::new()));
    }
}
