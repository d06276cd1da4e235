//! Cross-site request forgery protection and security headers.
//!
//! Leptos server functions have no CSRF protection of their own. Every
//! request that can change anything is a POST, and a POST is served only if
//! the browser says it comes from this site (the Origin header, which a page
//! on another site cannot forge). "This site" is one scheme, one host and
//! one port, compared exactly.

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// A web origin: scheme, host and port, as the browser compares them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    /// An `Origin` header: `scheme://host[:port]` and nothing else. Only
    /// `http` and `https` can be this site.
    pub fn parse(value: &str) -> Option<Origin> {
        let (scheme, authority) = value.split_once("://")?;
        Origin::from_parts(scheme, authority)
    }

    /// `host[:port]` as in a `Host` header, under the given scheme.
    fn with_host(scheme: &str, host: &str) -> Option<Origin> {
        Origin::from_parts(scheme, host)
    }

    fn from_parts(scheme: &str, authority: &str) -> Option<Origin> {
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return None,
        };
        // No path, query, userinfo, whitespace or anything a browser would
        // never put in an Origin.
        if authority.is_empty()
            || !authority
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._:[]".contains(&b))
        {
            return None;
        }
        let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
            // An IPv6 address: [::1]:3000
            let (inside, after) = rest.split_once(']')?;
            (format!("[{inside}]"), after)
        } else {
            match authority.find(':') {
                Some(i) => (authority[..i].to_owned(), &authority[i..]),
                None => (authority.to_owned(), ""),
            }
        };
        if host.is_empty() || host == "[]" {
            return None;
        }
        let port = match port {
            "" => default_port,
            p => p.strip_prefix(':')?.parse::<u16>().ok()?,
        };
        Some(Origin {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
        })
    }

    pub fn scheme(&self) -> &str {
        &self.scheme
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let default = matches!((self.scheme.as_str(), self.port), ("http", 80) | ("https", 443));
        if default {
            write!(f, "{}://{}", self.scheme, self.host)
        } else {
            write!(f, "{}://{}:{}", self.scheme, self.host, self.port)
        }
    }
}

/// `https://samspill.example.no/some/path` → `https://samspill.example.no`.
pub fn origin_of(url: &str) -> Option<Origin> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    Origin::from_parts(scheme, authority)
}

fn allowed(
    method: &Method,
    origin: Option<&str>,
    host: Option<&str>,
    public_origin: Option<&Origin>,
) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
        || same_origin(origin, host, public_origin)
}

/// The request comes from a page of this site: its Origin is the public
/// address exactly, or (behind no proxy) the public address's scheme with the
/// host and port the request was sent to.
pub fn same_origin(origin: Option<&str>, host: Option<&str>, public_origin: Option<&Origin>) -> bool {
    let Some(origin) = origin.and_then(Origin::parse) else {
        return false;
    };
    if public_origin.is_some_and(|p| *p == origin) {
        return true;
    }
    // Behind no proxy, the origin's host is the Host the browser sent, under
    // the scheme this site is served with.
    let scheme = public_origin.map_or("http", Origin::scheme);
    host.and_then(|h| Origin::with_host(scheme, h))
        .is_some_and(|h| h == origin)
}

pub async fn require_same_origin(public_origin: Option<Origin>, req: Request, next: Next) -> Response {
    let headers = req.headers();
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if allowed(req.method(), origin, host, public_origin.as_ref()) {
        next.run(req).await
    } else {
        tracing::warn!(method = %req.method(), uri = %req.uri(), origin, host, "refused cross-origin request");
        (StatusCode::FORBIDDEN, "cross-origin request refused").into_response()
    }
}

pub async fn headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // Same-origin referrers are what forms without JavaScript return to.
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pass_and_writes_need_this_origin() {
        let post = Method::POST;
        let public = origin_of("https://samspill.example.no");
        assert!(allowed(&Method::GET, None, None, None));
        assert!(allowed(
            &post,
            Some("http://127.0.0.1:3000"),
            Some("127.0.0.1:3000"),
            None
        ));
        assert!(!allowed(&post, None, Some("127.0.0.1:3000"), None));
        assert!(!allowed(
            &post,
            Some("http://evil.example"),
            Some("127.0.0.1:3000"),
            None
        ));
        assert!(!allowed(&post, Some("null"), Some("127.0.0.1:3000"), None));
        assert!(allowed(
            &post,
            Some("https://samspill.example.no"),
            Some("10.0.0.5:3000"),
            public.as_ref()
        ));
    }

    #[test]
    fn scheme_host_and_port_must_all_match() {
        let post = Method::POST;
        let site = origin_of("http://127.0.0.1:3000");
        let host = Some("127.0.0.1:3000");
        assert!(allowed(&post, Some("http://127.0.0.1:3000"), host, site.as_ref()));
        assert!(allowed(&post, Some("HTTP://127.0.0.1:3000"), host, site.as_ref()));
        for other in [
            "https://127.0.0.1:3000",
            "ftp://127.0.0.1:3000",
            "ws://127.0.0.1:3000",
            "file://127.0.0.1:3000",
            "http://127.0.0.1:3001",
            "http://127.0.0.1",
            "http://127.0.0.1:3000/",
            "http://127.0.0.1:3000/x",
            "http://user@127.0.0.1:3000",
            "http://127.0.0.1:3000.evil.example",
            "http://127.0.0.1:03000x",
            "http://127.0.0.2:3000",
            "http://127.0.0.1:3000 ",
            "http://",
            "127.0.0.1:3000",
        ] {
            assert!(!allowed(&post, Some(other), host, site.as_ref()), "{other}");
        }
        // Behind no proxy, the Host names the site, under the site's scheme.
        assert!(allowed(
            &post,
            Some("http://localhost:3000"),
            Some("localhost:3000"),
            site.as_ref()
        ));
        assert!(!allowed(
            &post,
            Some("https://localhost:3000"),
            Some("localhost:3000"),
            site.as_ref()
        ));
        // The default port may be written or left out.
        let tls = origin_of("https://samspill.example.no:443/");
        assert!(allowed(
            &post,
            Some("https://samspill.example.no"),
            None,
            tls.as_ref()
        ));
        assert!(!allowed(
            &post,
            Some("http://samspill.example.no"),
            Some("samspill.example.no"),
            tls.as_ref()
        ));
        assert!(!allowed(
            &post,
            Some("https://samspill.example.no:8443"),
            None,
            tls.as_ref()
        ));
        // IPv6
        let v6 = origin_of("http://[::1]:3000");
        assert!(allowed(&post, Some("http://[::1]:3000"), None, v6.as_ref()));
        assert!(!allowed(&post, Some("http://[::2]:3000"), None, v6.as_ref()));
    }

    #[test]
    fn origin_of_a_url() {
        let shown = |u: &str| origin_of(u).map(|o| o.to_string());
        assert_eq!(
            shown("https://Samspill.example.no/x").as_deref(),
            Some("https://samspill.example.no")
        );
        assert_eq!(
            shown("http://127.0.0.1:3000").as_deref(),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(shown("https://x.no:443").as_deref(), Some("https://x.no"));
        assert_eq!(shown("nonsense"), None);
        assert_eq!(shown("ftp://x.no"), None);
    }
}
