//! How the site reaches a phone: fingerprinted, precompressed static files
//! cached for a year, HTML and server-function answers compressed on the
//! fly, nothing of a signed-in person's stored by a cache, and no Nagle
//! delay on kept-alive connections.
//!
//! The build (`server/scripts/site.sh`) names every file under `pkg/` after
//! its content (`samspill.<16 hex>.wasm`), writes the names to `hash.txt`
//! in the site root (Leptos's own format, read by `HydrationScripts` and
//! `HashedStylesheet`) and puts a brotli and a gzip copy beside each file.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::serve::{ListenerExt, TapIo};
use std::path::Path;
use tokio::net::{TcpListener, TcpStream};
use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::{ServeDir, ServeFile};

/// A year, and never revalidated: the name changes when the content does.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// The icon has a fixed address, so it is kept for a day only.
const FAVICON: &str = "public, max-age=86400";
/// Responses smaller than this are sent as they are: they fit in one packet.
pub const COMPRESS_ABOVE: u16 = 1024;

/// The files under `<site_root>/pkg`, with their brotli and gzip copies.
pub fn pkg_files(site_root: &str) -> ServeDir {
    ServeDir::new(Path::new(site_root).join("pkg"))
        .precompressed_br()
        .precompressed_gzip()
}

pub fn favicon(site_root: &str) -> ServeFile {
    ServeFile::new(Path::new(site_root).join("favicon.ico"))
}

/// On-the-fly compression for HTML, server-function answers and downloads
/// above [`COMPRESS_ABOVE`] bytes: brotli where the browser takes it (every
/// current one), at quality 2. A page is compressed on every request, and
/// on the matrix page of 27,000 ratings (1.3 MB of HTML) quality 4, the
/// default, made 61 KB in 6.4 ms, quality 2 65 KB in 3.5 ms (C brotli).
/// Responses that already carry a `Content-Encoding` (the precompressed
/// files) pass untouched.
pub fn brotli() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .no_gzip()
        .quality(CompressionLevel::Precise(2))
        .compress_when(worth_compressing())
}

/// Pages and server-function answers (HTML, JSON) in brotli, made in one go
/// once the whole answer is there, with a window no larger than the answer.
/// Compressing as the answer streams, with brotli's usual 4 MB window, set
/// up and cleared a 4 MB ring buffer for every page: on the matrix page of
/// 27,000 ratings an eighth of the server's time. Anything else goes on to
/// [`brotli`].
pub async fn brotli_pages(req: Request, next: Next) -> Response {
    let wanted = accepts(req.headers(), "br") && req.method() != axum::http::Method::HEAD;
    let res = next.run(req).await;
    let kind = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let page_or_answer = kind.starts_with("text/html") || kind.starts_with("application/json");
    if !wanted || !page_or_answer || res.headers().contains_key(header::CONTENT_ENCODING) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if bytes.len() <= COMPRESS_ABOVE as usize {
        return Response::from_parts(parts, axum::body::Body::from(bytes));
    }
    let compressed = brotli_in_one_go(&bytes, page_quality(bytes.len()));
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .headers
        .insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
    parts
        .headers
        .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    Response::from_parts(parts, axum::body::Body::from(compressed))
}

/// The brotli quality for a page of `len` bytes. Most pages are small and
/// phones pay for their bytes: quality 5 (C brotli on the demo's pages: the
/// map page 54 KB of HTML to 9.2 KB instead of 11.3 in 0.7 ms instead of
/// 0.25, the fields page 117 KB to 11.5 instead of 15.0). Large pages are
/// the ones rendered most at once (a workshop's matrix, 400 KB of HTML):
/// quality 1, where this crate's quality 2 made 20.2 KB in 1.6 ms and
/// quality 1 23.2 KB in 0.8 ms.
fn page_quality(len: usize) -> u32 {
    const SMALL_PAGE: usize = 160 * 1024;
    if len <= SMALL_PAGE {
        5
    } else {
        1
    }
}

/// `text` in brotli at `quality`, with the smallest window that holds it.
pub fn brotli_in_one_go(text: &[u8], quality: u32) -> Vec<u8> {
    // 2^10 to 2^22 bytes: brotli's smallest window and its usual one.
    let window = (usize::BITS - text.len().max(1).leading_zeros()).clamp(10, 22);
    let mut out = Vec::with_capacity(text.len() / 8);
    let mut writer = brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, window);
    // Writing into memory does not fail.
    let _ = std::io::Write::write_all(&mut writer, text);
    drop(writer);
    out
}

/// The request takes `coding` (with a weight above zero if it has one).
pub fn accepts(headers: &axum::http::HeaderMap, coding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let named = parts.next().is_some_and(|c| c.eq_ignore_ascii_case(coding));
            let weight = parts
                .find_map(|p| p.strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            named && weight > 0.0
        })
}

/// gzip, at its default level, for a client without brotli: it goes
/// outside [`brotli`], which it then finds already encoded.
pub fn gzip() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new().no_br().compress_when(worth_compressing())
}

fn worth_compressing() -> impl Predicate {
    // Only the brotli and gzip encoders are compiled in (Cargo.toml).
    SizeAbove::new(COMPRESS_ABOVE)
        .and(NotForContentType::GRPC)
        .and(NotForContentType::IMAGES)
        .and(NotForContentType::SSE)
        .and(NotForContentType::const_new("application/octet-stream"))
}

/// `samspill.0123456789abcdef.wasm` (and `.br`/`.gz` of it): a name that
/// changes whenever the content does.
pub fn is_fingerprinted(file_name: &str) -> bool {
    let base = file_name
        .strip_suffix(".br")
        .or_else(|| file_name.strip_suffix(".gz"))
        .unwrap_or(file_name);
    let mut parts = base.rsplit('.');
    let (Some(_ext), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !stem.is_empty() && hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Sets `Cache-Control` where the handler did not (and `Vary:
/// Accept-Encoding` on the files under `/pkg/`):
/// - a fingerprinted file under `/pkg/`: kept for a year, never revalidated;
///   any other file there is revalidated each time;
/// - `/favicon.ico`: a day;
/// - anything else (pages, server functions) asked for with a session
///   cookie: `no-store`, so that after signing out, Back shows nothing of a
///   project from the cache; without one: `no-cache`.
pub async fn cache_control(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let with_session = has_session_cookie(&req);
    let mut res = next.run(req).await;
    if res.headers().contains_key(header::CACHE_CONTROL) {
        return res;
    }
    let ok = res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED;
    if path.starts_with("/pkg/") && !varies_by_encoding(&res) {
        // ServeDir picks the .br or .gz copy by Accept-Encoding but does not
        // say so; a shared cache must not hand brotli to a browser that
        // asked for none.
        res.headers_mut()
            .append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    let value = if let Some(file) = path.strip_prefix("/pkg/") {
        if ok && is_fingerprinted(file) {
            IMMUTABLE
        } else {
            "no-cache"
        }
    } else if path == "/favicon.ico" && ok {
        FAVICON
    } else if with_session {
        "no-store"
    } else {
        "no-cache"
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    res
}

fn varies_by_encoding(res: &Response) -> bool {
    res.headers()
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case("accept-encoding"))
}

/// The request carries Samspill's session cookie (plain or `__Host-`).
fn has_session_cookie(req: &Request) -> bool {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(name, value)| {
            matches!(name, "samspill_session" | "__Host-samspill_session") && !value.is_empty()
        })
}

/// Accepted connections with `TCP_NODELAY`: a response written in two parts
/// (headers, then body) must not wait for the client's delayed ACK (about
/// 40 ms on Linux) before its second part leaves.
pub fn without_nagle(listener: TcpListener) -> TapIo<TcpListener, fn(&mut TcpStream)> {
    listener.tap_io(set_nodelay)
}

fn set_nodelay(tcp: &mut TcpStream) {
    if let Err(e) = tcp.set_nodelay(true) {
        tracing::debug!(error = %e, "cannot set TCP_NODELAY on a connection");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprinted_names() {
        assert!(is_fingerprinted("samspill.0123456789abcdef.wasm"));
        assert!(is_fingerprinted("samspill.0123456789abcdef.wasm.br"));
        assert!(is_fingerprinted("samspill.0123456789ABCDEF.css.gz"));
        assert!(!is_fingerprinted("samspill.css"));
        assert!(!is_fingerprinted("samspill_bg.wasm"));
        assert!(!is_fingerprinted("samspill.0123456789abcde.js"));
        assert!(!is_fingerprinted(".0123456789abcdef.js"));
        assert!(!is_fingerprinted("samspill.0123456789abcdeg.js"));
    }

    #[test]
    fn session_cookie_is_recognised() {
        let with = |cookie: &str| {
            let req = Request::builder()
                .header(header::COOKIE, cookie)
                .body(axum::body::Body::empty())
                .unwrap();
            has_session_cookie(&req)
        };
        assert!(with("samspill_session=abc"));
        assert!(with("lang=nb; __Host-samspill_session=abc"));
        assert!(!with("lang=nb"));
        assert!(!with("samspill_session="));
        assert!(!with("not_samspill_session=abc"));
    }

    #[test]
    fn encodings_taken_with_their_weights() {
        let takes = |value: &str, coding: &str| {
            let mut headers = axum::http::HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(value).unwrap());
            accepts(&headers, coding)
        };
        assert!(takes("gzip, deflate, br", "br"));
        assert!(takes("br;q=0.5, gzip", "br"));
        assert!(takes("GZIP", "gzip"));
        assert!(!takes("br;q=0, gzip", "br"));
        assert!(!takes("br;q=0.0", "br"));
        assert!(!takes("gzip, deflate", "br"));
        assert!(!takes("brotli", "br"));
    }

    #[test]
    fn brotli_in_one_go_decodes_to_the_text() {
        for text in [
            &b""[..],
            b"kort",
            &"<td>4 \u{2260}</td>".repeat(20_000).into_bytes(),
        ] {
            let packed = brotli_in_one_go(text, page_quality(text.len()));
            let mut back = Vec::new();
            brotli::BrotliDecompress(&mut &packed[..], &mut back).unwrap();
            assert_eq!(back, text);
        }
    }

    #[test]
    fn small_pages_are_packed_tighter_and_large_ones_at_quality_one() {
        // Rows like a page's, each a little different, as a page's are.
        let page = |rows: usize| {
            (0..rows)
                .map(|i| format!("<tr><th><bdi>Felt {i}</bdi></th><td class=\"cell r{}\"><a href=\"?cell=f{i}~c{}\">{}</a></td></tr>", i % 4 + 1, i % 15, i % 7))
                .collect::<String>()
                .into_bytes()
        };
        let small = page(600);
        assert!(small.len() < 64 * 1024);
        assert!(
            brotli_in_one_go(&small, page_quality(small.len())).len() < brotli_in_one_go(&small, 1).len()
        );
        let large = page(6_000);
        assert!(large.len() > 400 * 1024);
        assert_eq!(page_quality(large.len()), 1);
    }
}
