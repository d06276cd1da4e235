//! A page's address with its query changed: the links that open and close
//! parts of a page (`?cell=`, `?merge=`, `?before=`) keep what else the
//! address says, so every view stays a plain, shareable link.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

/// `base` with the current query, where each of `changes` replaces its key
/// (`Some`) or removes it (`None`); Leptos's own `__` keys are dropped.
pub fn with_query(base: &str, changes: &[(&str, Option<&str>)]) -> String {
    use_query_map().with_untracked(|query| with_query_of(query, base, changes))
}

/// The same from a query already at hand: each `use_query_map` makes a
/// memo of its own, which a page with a link per item made a hundred times.
pub fn with_query_of(query: &ParamsMap, base: &str, changes: &[(&str, Option<&str>)]) -> String {
    let mut pairs: Vec<String> = query
        .into_iter()
        .filter(|(k, _)| !k.starts_with("__") && !changes.iter().any(|(c, _)| *c == k.as_ref()))
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    pairs.extend(
        changes
            .iter()
            .filter_map(|(k, v)| v.map(|v| format!("{k}={}", encode(v)))),
    );
    match pairs.is_empty() {
        true => base.to_owned(),
        false => format!("{base}?{}", pairs.join("&")),
    }
}

/// A query value as it may stand in an address.
pub fn encode(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    encode_into(&mut out, v);
    out
}

/// The same, written onto `out`: the matrix writes hundreds of these, and a
/// string per byte was a tenth of its render.
pub fn encode_into(out: &mut String, v: &str) {
    use std::fmt::Write;
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{encode, with_query_of};
    use leptos_router::params::ParamsMap;

    #[test]
    fn a_link_keeps_the_query_but_what_it_changes_and_leptos_keys() {
        let mut query = ParamsMap::new();
        query.insert("sort", "group".into());
        query.insert("cell", "a~b".into());
        query.insert("__leptos", "x".into());
        let changes = [("cell", None), ("rate", Some("a b"))];
        assert_eq!(with_query_of(&query, "/p", &changes), "/p?sort=group&rate=a%20b");
        assert_eq!(with_query_of(&ParamsMap::new(), "/p", &[("cell", None)]), "/p");
    }

    #[test]
    fn a_query_value_keeps_what_may_stand_and_escapes_the_rest() {
        assert_eq!(encode("a-Z_0.9~x"), "a-Z_0.9~x");
        assert_eq!(encode("a b&c=ø"), "a%20b%26c%3D%C3%B8");
        assert_eq!(encode(""), "");
    }
}
