//! How a page's browser code reaches it: the main module, and the chunks of
//! the page's group of lazy routes (`lazy_page!` in `lib.rs`) in one bundle,
//! fetched only after the page has first been painted.
//!
//! A page rendered on the server can be read before its code arrives. On a
//! slow link, code requested from the head shares the link with the
//! stylesheet the first paint waits for; and Lighthouse counts every
//! request started before the largest paint as something that paint waited
//! for (the map page's largest paint then came when all its 560 KB of code
//! had arrived, 5 s on its mobile profile, though the text was there at 1
//! s). So the head names the files, and a small script asks for them once
//! the browser's paint timing says the first paint is on screen, then
//! hydrates (README, "Delivery").

use leptos::prelude::*;

/// The name of the `<meta>` that names the bundle of the page's chunks.
#[cfg(feature = "ssr")]
const BUNDLE_META: &str = "samspill-bundle";

/// The browser files of a built site: the fingerprinted names in
/// `hash.txt`, and the bundle of the chunks each group of pages needs (the
/// manifest `pack-site.mjs` writes).
#[cfg(feature = "ssr")]
#[derive(Debug, Default)]
struct SiteFiles {
    /// `/pkg/samspill.<hash>.js`, the wasm-bindgen glue.
    glue: String,
    /// `/pkg/samspill.<hash>.wasm`, the main module.
    main: String,
    /// `/pkg/__wasm_split.<hash>.js`, the chunks' loader.
    loader: String,
    /// Group of pages -> `/pkg/bundle_<group>.<hash>.bin`.
    bundles: std::collections::HashMap<String, String>,
}

#[cfg(feature = "ssr")]
impl SiteFiles {
    /// Reads the site `options` describes; a site without `hash.txt` has
    /// the plain names, and one without a manifest no bundles.
    fn read(options: &LeptosOptions) -> SiteFiles {
        let pkg = format!("/{}", options.site_pkg_dir);
        let hashes = if options.hash_files {
            std::fs::read_to_string(options.hash_file.as_ref()).unwrap_or_default()
        } else {
            String::new()
        };
        let hash = |kind: &str| {
            hashes.lines().find_map(|line| {
                let (k, v) = line.split_once(':')?;
                (k.trim() == kind).then(|| format!(".{}", v.trim()))
            })
        };
        let name = &options.output_name;
        let (glue, main) = match (hash("js"), hash("wasm")) {
            (Some(js), Some(wasm)) => (format!("{pkg}/{name}{js}.js"), format!("{pkg}/{name}{wasm}.wasm")),
            _ => (format!("{pkg}/{name}.js"), format!("{pkg}/{name}_bg.wasm")),
        };
        let loader = format!("{pkg}/__wasm_split{}.js", hash("split").unwrap_or_default());
        let manifest = std::path::Path::new(options.site_root.as_ref())
            .join(options.site_pkg_dir.as_ref())
            .join(format!(
                "__wasm_split_manifest{}.json",
                hash("manifest").unwrap_or_default()
            ));
        let bundles: std::collections::HashMap<String, String> = std::fs::read_to_string(manifest)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        let bundles = bundles
            .into_iter()
            .map(|(group, file)| (group, format!("{pkg}/{file}")))
            .collect();
        SiteFiles {
            glue,
            main,
            loader,
            bundles,
        }
    }

    /// Read once per site root: the files do not change under a running
    /// server (a new build is a new site, and a restart).
    fn of(options: &LeptosOptions) -> std::sync::Arc<SiteFiles> {
        use std::sync::{Arc, Mutex, OnceLock};
        static SITES: OnceLock<Mutex<std::collections::HashMap<String, Arc<SiteFiles>>>> = OnceLock::new();
        let mut sites = SITES
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        sites
            .entry(options.site_root.to_string())
            .or_insert_with(|| Arc::new(SiteFiles::read(options)))
            .clone()
    }
}

/// In the head: the script that fetches the page's code after its first
/// paint and then hydrates it. The bundle of its chunks is named by the
/// `<meta>` a page's route adds ([`page_group`]).
#[component]
pub fn CodeAfterPaint(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let script = {
        let files = SiteFiles::of(&options);
        // Strings from our own build (hex digits, file stems), written as
        // JSON strings all the same.
        let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
        // Its comments are for the reader of the source, not for every page.
        let code: Vec<&str> = include_str!("page_code.js")
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect();
        format!(
            "({})({}, {}, {}, {});",
            code.join("\n").trim().trim_end_matches(';'),
            quote(&files.glue),
            quote(&files.main),
            quote(&files.loader),
            quote(BUNDLE_META),
        )
    };
    #[cfg(not(feature = "ssr"))]
    let script = {
        let _ = options;
        String::new()
    };
    let nonce = leptos::nonce::use_nonce();
    view! { <script type="module" nonce=nonce>{script}</script> }
}

/// Names the bundle of a page's group for the script in the head; called by
/// the page's route while the head is still open (`lazy_page!`).
#[cfg(feature = "ssr")]
pub fn page_group(group: &str) {
    use leptos_meta::Meta;
    let Some(options) = use_context::<LeptosOptions>() else {
        return;
    };
    let files = SiteFiles::of(&options);
    let Some(bundle) = files.bundles.get(group) else {
        return;
    };
    // Rendering a meta component registers it for the page's head.
    let _ = view! { <Meta name=BUNDLE_META content=bundle.clone() /> }.to_html();
}
