//! What a phone gets: fingerprinted static files, precompressed and cached
//! for good; pages compressed on the fly; nothing of a signed-in person's
//! kept by a cache; the icon found.

use crate::helpers::*;
use reqwest::header::{ACCEPT, ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, VARY};
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// The site `make test` built; this test needs its real files.
fn built_site() -> PathBuf {
    let site = PathBuf::from(site_root());
    assert!(
        site.join("hash.txt").is_file(),
        "no built site at {} (SAMSPILL_TEST_SITE): run the tests with `make test`, which builds it",
        site.display()
    );
    site
}

/// Every `/pkg/…` address in a page.
fn pkg_links(html: &str) -> Vec<String> {
    let mut links: Vec<String> = html
        .match_indices("/pkg/")
        .map(|(at, _)| {
            let rest = &html[at..];
            let end = rest.find(['"', '\'', ' ', '>', ')', '\\']).unwrap_or(rest.len());
            rest[..end].to_owned()
        })
        .collect();
    links.sort();
    links.dedup();
    links
}

/// The wasm-bindgen glue and the lazy routes' chunk loader import each
/// other, so they share one fingerprint: of both together, with each one's
/// name of the other as it was before the fingerprints (pack-site.mjs).
async fn glue_and_loader_fingerprint(client: &reqwest::Client, base: &str, fingerprint: &str) -> String {
    let get = |name: String| async move {
        let res = client
            .get(format!("{base}/pkg/{name}"))
            .header(ACCEPT_ENCODING, "identity")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{name}");
        res.text().await.unwrap()
    };
    let glue_name = format!("samspill.{fingerprint}.js");
    let loader_name = format!("__wasm_split.{fingerprint}.js");
    let glue = get(glue_name.clone()).await;
    let loader = get(loader_name.clone()).await;
    assert!(
        glue.contains(&format!("./{loader_name}")),
        "the glue imports another loader"
    );
    assert!(
        loader.contains(&format!("./{glue_name}")),
        "the loader imports another glue"
    );
    let glue = glue.replace(&format!("./{loader_name}"), "./__wasm_split.js");
    let loader = loader.replace(&format!("./{glue_name}"), "./samspill.js");
    let mut hash = Sha256::new();
    hash.update(glue.as_bytes());
    hash.update([0]);
    hash.update(loader.as_bytes());
    hex::encode(hash.finalize())[..16].to_owned()
}

fn header(res: &reqwest::Response, name: reqwest::header::HeaderName) -> &str {
    res.headers()
        .get(&name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[tokio::test]
async fn static_files_carry_a_fingerprint_are_precompressed_and_cached_for_good() {
    let site = built_site();
    let app = spawn_app(Backend::Sqlite).await;
    let client = reqwest::Client::new();
    let page = client
        .get(format!("{}/sign-in", app.base_url))
        .header(ACCEPT, "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let links = pkg_links(&page);
    for ext in ["js", "wasm", "css"] {
        assert!(
            links.iter().any(|l| l.ends_with(&format!(".{ext}"))),
            "no .{ext} file linked from the sign-in page: {links:?}"
        );
    }

    for link in &links {
        let url = format!("{}{link}", app.base_url);
        let raw = client
            .get(&url)
            .header(ACCEPT_ENCODING, "identity")
            .send()
            .await
            .unwrap();
        assert_eq!(raw.status(), 200, "{link}");
        assert_eq!(
            header(&raw, CACHE_CONTROL),
            "public, max-age=31536000, immutable",
            "{link}"
        );
        assert_eq!(
            header(&raw, CONTENT_ENCODING),
            "",
            "{link} without Accept-Encoding"
        );
        let body = raw.bytes().await.unwrap();

        // The name carries the content's fingerprint: <stem>.<16 hex>.ext.
        let name = link.rsplit('/').next().unwrap();
        let fingerprint = name.split('.').nth(1).unwrap();
        assert_eq!(fingerprint.len(), 16, "{link} has no fingerprint");
        let expected = if name.ends_with(".js") {
            glue_and_loader_fingerprint(&client, &app.base_url, fingerprint).await
        } else {
            hex::encode(Sha256::digest(&body))[..16].to_owned()
        };
        assert_eq!(
            fingerprint, expected,
            "{link}: the name does not follow the content"
        );

        for (encoding, suffix) in [("br", "br"), ("gzip", "gz")] {
            let res = client
                .get(&url)
                .header(ACCEPT_ENCODING, format!("{encoding}, identity;q=0.5"))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{link} as {encoding}");
            assert_eq!(header(&res, CONTENT_ENCODING), encoding, "{link}");
            assert!(
                header(&res, VARY)
                    .to_ascii_lowercase()
                    .contains("accept-encoding"),
                "{link}: a cache must keep the encodings apart"
            );
            assert_eq!(
                header(&res, CACHE_CONTROL),
                "public, max-age=31536000, immutable",
                "{link} as {encoding}"
            );
            let compressed = res.bytes().await.unwrap();
            let copy = site.join(format!("{}.{suffix}", link.trim_start_matches('/')));
            let on_disk = std::fs::read(&copy)
                .unwrap_or_else(|e| panic!("{link}: no precompressed copy {}: {e}", copy.display()));
            assert_eq!(
                compressed.as_ref(),
                on_disk.as_slice(),
                "{link}: not the precompressed file"
            );
            assert!(compressed.len() < body.len(), "{link}: {encoding} is not smaller");
        }
    }

    // A file that is not there is not cached for a year.
    let missing = client
        .get(format!("{}/pkg/samspill.0123456789abcdef.js", app.base_url))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert_ne!(
        header(&missing, CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
}

/// A page opened from its address fetches its group's chunks in one file
/// (pack-site.mjs): a little-endian u32 n, n bytes of JSON naming each chunk
/// and its length, then the chunks, each the very file served under its own
/// name (which a page reached later by a link fetches).
#[tokio::test]
async fn a_pages_chunks_come_in_one_bundle_of_the_files_served_apart() {
    let _site = built_site();
    let app = spawn_app(Backend::Sqlite).await;
    let client = reqwest::Client::new();
    let get = |path: String| {
        let client = client.clone();
        let url = format!("{}{path}", app.base_url);
        async move {
            let res = client
                .get(&url)
                .header(ACCEPT_ENCODING, "identity")
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{url}");
            res.bytes().await.unwrap()
        }
    };
    let page = String::from_utf8(get("/sign-in".into()).await.to_vec()).unwrap();
    let bundles: Vec<String> = pkg_links(&page)
        .into_iter()
        .filter(|l| l.starts_with("/pkg/bundle_"))
        .collect();
    assert_eq!(bundles.len(), 1, "the sign-in page names one bundle: {bundles:?}");
    assert!(
        bundles[0].starts_with("/pkg/bundle_sign_in_pages."),
        "{bundles:?}"
    );

    let bundle = get(bundles[0].clone()).await;
    let size = u32::from_le_bytes(bundle[..4].try_into().unwrap()) as usize;
    let index: Vec<(String, usize)> = serde_json::from_slice(&bundle[4..4 + size]).unwrap();
    assert!(
        index.iter().any(|(name, _)| name == "split_sign_in_pages"),
        "the bundle lacks the sign-in pages' own chunk: {index:?}"
    );
    let mut at = 4 + size;
    for (name, length) in &index {
        let chunk = &bundle[at..at + length];
        assert!(chunk.starts_with(b"\0asm"), "{name} is not WebAssembly");
        // The bundle names a chunk without the fingerprint its file has.
        let fingerprint = &hex::encode(Sha256::digest(chunk))[..16];
        assert_eq!(
            chunk,
            get(format!("/pkg/{name}.{fingerprint}.wasm")).await.as_ref(),
            "{name}"
        );
        at += length;
    }
    assert_eq!(at, bundle.len(), "the bundle holds more than its index names");
}

#[tokio::test]
async fn pages_are_compressed_and_a_signed_in_persons_are_never_stored() {
    let _site = built_site();
    let app = spawn_app(Backend::Sqlite).await;
    let (lead, project) = lead_with_project(&app).await;

    for path in [
        "/".to_owned(),
        format!("/projects/{project}"),
        format!("/projects/{project}/history"),
    ] {
        let res = lead
            .client
            .get(format!("{}{path}", app.base_url))
            .header(ACCEPT, "text/html")
            .header(ACCEPT_ENCODING, "br")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert!(header(&res, CONTENT_TYPE).starts_with("text/html"), "{path}");
        assert_eq!(header(&res, CACHE_CONTROL), "no-store", "{path}");
        assert_eq!(header(&res, CONTENT_ENCODING), "br", "{path}");
    }

    // A server function's answer, as a hydrated page asks for it.
    let res = lead
        .client
        .post(format!("{}/api/get_trail_state", app.base_url))
        .header(ACCEPT_ENCODING, "gzip")
        .form(&[("project_id", project.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, CACHE_CONTROL), "no-store");

    // Signed out: the sign-in page is revalidated, not stored for a person.
    let anonymous = reqwest::Client::new();
    let res = anonymous
        .get(format!("{}/sign-in", app.base_url))
        .header(ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&res, CACHE_CONTROL), "no-cache");
    assert_eq!(header(&res, CONTENT_ENCODING), "gzip");
    let body = res.bytes().await.unwrap();
    assert_eq!(&body[..2], &[0x1f, 0x8b], "not gzip");

    // A tiny answer is not worth compressing.
    let res = anonymous
        .get(format!("{}/healthz", app.base_url))
        .header(ACCEPT_ENCODING, "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&res, CONTENT_ENCODING), "");
}

#[tokio::test]
async fn the_icon_is_there() {
    let site = built_site();
    let app = spawn_app(Backend::Sqlite).await;
    let res = reqwest::get(format!("{}/favicon.ico", app.base_url))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, CONTENT_TYPE), "image/x-icon");
    assert!(header(&res, CACHE_CONTROL).starts_with("public, max-age="));
    let body = res.bytes().await.unwrap();
    assert_eq!(
        body.as_ref(),
        std::fs::read(site.join("favicon.ico")).unwrap().as_slice()
    );
}
