//! Cross-site request forgery protection and security headers.
//!
//! Leptos server functions have no CSRF protection of their own. Every
//! request that can change anything is a POST, and a POST is served only if
//! the browser says it comes from this site (the Origin header, which a page
//! on another site cannot forge).

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// `https://samspill.example.no/some/path` → `https://samspill.example.no`.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split('/').next()?;
    if host.is_empty() {
        return None;
    }
    Some(format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        host.to_ascii_lowercase()
    ))
}

fn allowed(method: &Method, origin: Option<&str>, host: Option<&str>, public_origin: Option<&str>) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
        || same_origin(origin, host, public_origin)
}

/// The request comes from a page of this site: its Origin is the public
/// address, or (behind no proxy) names the host the request was sent to.
pub fn same_origin(origin: Option<&str>, host: Option<&str>, public_origin: Option<&str>) -> bool {
    let Some(origin) = origin.map(|o| o.to_ascii_lowercase()) else {
        return false;
    };
    if public_origin.is_some_and(|p| p == origin) {
        return true;
    }
    // Behind no proxy, the origin's host is the Host the browser sent.
    let origin_host = origin.split_once("://").map(|(_, h)| h);
    matches!((origin_host, host), (Some(o), Some(h)) if o == h.to_ascii_lowercase())
}

pub async fn require_same_origin(public_origin: Option<String>, req: Request, next: Next) -> Response {
    let headers = req.headers();
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if allowed(req.method(), origin, host, public_origin.as_deref()) {
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
            Some("https://samspill.example.no")
        ));
    }

    #[test]
    fn origin_of_a_url() {
        assert_eq!(
            origin_of("https://Samspill.example.no/x").as_deref(),
            Some("https://samspill.example.no")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:3000").as_deref(),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(origin_of("nonsense"), None);
    }
}
