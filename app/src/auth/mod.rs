//! Accounts and sessions: sign up, sign in, sign out, who is signed in.

pub mod api;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

use serde::{Deserialize, Serialize};

/// What the browser may know about the signed-in person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: String,
    pub display_name: String,
    pub email: String,
}

crate::read_json!(CurrentUser {
    id,
    display_name,
    email
});

/// Where to send someone after signing in or up: a path on this site, or
/// `/`. Browsers drop tabs and newlines from a `Location` and read a
/// backslash as a slash, so `/\t/evil.example` would take them to another
/// site; anything a browser could read as leaving this site is refused
/// outright, not repaired. What is kept starts with exactly one `/`
/// followed by neither `/` nor a backslash, holds no control characters, spaces or
/// backslashes, and has everything outside printable ASCII percent-encoded,
/// so it is a valid header and a path on this site under any URL parser.
pub fn safe_next(next: Option<&str>) -> String {
    let Some(n) = next else {
        return "/".to_string();
    };
    let mut rest = n.chars();
    let path_absolute = rest.next() == Some('/') && !matches!(rest.next(), Some('/') | Some('\\'));
    let refused = |c: char| c.is_control() || c.is_whitespace() || c == '\\' || is_format(c);
    if !path_absolute || n.chars().any(refused) {
        return "/".to_string();
    }
    let mut out = String::with_capacity(n.len());
    for c in n.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Invisible formatting characters (bidi controls, zero-width marks): no
/// reason to be in an address of ours.
fn is_format(c: char) -> bool {
    crate::text::is_invisible(c)
}

/// A guest account (made by joining a workshop with its code) has no email
/// of its own until the person keeps their access.
pub fn is_guest(user: &CurrentUser) -> bool {
    user.email.starts_with("guest:")
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_only_leads_within_samspill() {
        assert_eq!(safe_next(Some("/join/ABCD-EFGH")), "/join/ABCD-EFGH");
        assert_eq!(safe_next(Some("/projects/1?x=2#a")), "/projects/1?x=2#a");
        assert_eq!(safe_next(Some("/søk")), "/s%C3%B8k");
        // Encoded forms stay encoded: a browser does not decode them before
        // reading the address, so they are paths here.
        assert_eq!(safe_next(Some("/%2F/evil.example")), "/%2F/evil.example");
        assert_eq!(safe_next(Some("/%09/evil.example")), "/%09/evil.example");
        assert_eq!(safe_next(None), "/");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "http:evil.example",
            "javascript:alert(1)",
            "evil.example",
            "",
            "/\\evil.example",
            "\\\\evil.example",
            "\\/evil.example",
            "/\t/evil.example/stolen",
            "/\n/evil.example",
            "/\r/evil.example",
            "\t//evil.example",
            " //evil.example",
            "/ /evil.example",
            "/x\ny",
            "/\u{0}/evil.example",
            "/\u{7f}/evil.example",
            "/\u{85}/evil.example",
            "/\u{2028}/evil.example",
            "/\u{3000}/evil.example",
            "/\u{202e}/evil.example",
            "/\u{200b}/evil.example",
            "/\u{feff}/evil.example",
            "/a\\..\\..\\evil.example",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
    }
}
