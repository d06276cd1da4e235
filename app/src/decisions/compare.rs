//! Two revisions of a decision's text compared word by word (the `similar`
//! crate): what anyone can check before confirming a position given on an
//! earlier revision.

use super::model::DecisionText;
use similar::{ChangeTag, TextDiff};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Same(String),
    Removed(String),
    Added(String),
}

/// `old` to `new` in words (whitespace kept with the word before it), with
/// neighbouring pieces of one kind joined.
pub fn words(old: &str, new: &str) -> Vec<Piece> {
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match (change.tag(), out.last_mut()) {
            (ChangeTag::Equal, Some(Piece::Same(s)))
            | (ChangeTag::Delete, Some(Piece::Removed(s)))
            | (ChangeTag::Insert, Some(Piece::Added(s))) => s.push_str(text),
            (ChangeTag::Equal, _) => out.push(Piece::Same(text.to_owned())),
            (ChangeTag::Delete, _) => out.push(Piece::Removed(text.to_owned())),
            (ChangeTag::Insert, _) => out.push(Piece::Added(text.to_owned())),
        }
    }
    out
}

/// The options as one text, numbered, one per line: how they compare.
pub fn options_text(t: &DecisionText) -> String {
    t.options
        .iter()
        .enumerate()
        .map(|(n, o)| format!("{}. {}", n + 1, o.text))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_word_shows_as_removed_and_added_and_the_rest_stays() {
        let d = words(
            "Nattevakten ser ikke pårørendes nummer",
            "Nattevakten ser fastlegens nummer, ikke pårørendes",
        );
        let removed: String = d
            .iter()
            .filter(|p| matches!(p, Piece::Removed(_)))
            .map(|p| format!("{p:?}"))
            .collect();
        let added: String = d
            .iter()
            .filter(|p| matches!(p, Piece::Added(_)))
            .map(|p| format!("{p:?}"))
            .collect();
        assert!(
            d.first() == Some(&Piece::Same("Nattevakten ser ".into())),
            "{d:?}"
        );
        assert!(added.contains("fastlegens"), "{d:?}");
        assert!(!removed.contains("Nattevakten"), "{d:?}");
        // Putting the pieces back gives each side exactly.
        let side = |keep_removed: bool| -> String {
            d.iter()
                .filter_map(|p| match p {
                    Piece::Same(s) => Some(s.as_str()),
                    Piece::Removed(s) if keep_removed => Some(s.as_str()),
                    Piece::Added(s) if !keep_removed => Some(s.as_str()),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(side(true), "Nattevakten ser ikke pårørendes nummer");
        assert_eq!(side(false), "Nattevakten ser fastlegens nummer, ikke pårørendes");
        assert_eq!(words("lik", "lik"), vec![Piece::Same("lik".into())]);
    }
}
