//! Usage: samspill-wasm-split INPUT.wasm OUT_DIR MAIN_OUT.wasm
//!
//! Writes MAIN_OUT.wasm (for wasm-bindgen, with `--keep-lld-exports`), the
//! chunks and `__wasm_split.js` (the chunks' loader, which imports the glue
//! as `./samspill.js`) into OUT_DIR, and `__wasm_split_manifest.json`: for
//! each split point, the chunks it needs, which Leptos turns into preload
//! links on the pages that use it. The input must be linked with
//! `--emit-relocs`.
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir, main_out] = args.as_slice() else {
        return Err("usage: samspill-wasm-split INPUT.wasm OUT_DIR MAIN_OUT.wasm".into());
    };
    let wasm = std::fs::read(input)?;
    let out_dir = PathBuf::from(out_dir);
    let main_out = PathBuf::from(main_out);
    let split = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(&wasm);
        opts.output_dir = &out_dir;
        opts.main_out_path = &main_out;
        opts.main_module = "./samspill.js";
        opts.link_name = "./__wasm_split.js";
        opts
    })
    .map_err(|e| format!("{e:?}"))?;
    // Sorted, so the same input gives the same bytes (the files are
    // fingerprinted by content).
    let mut entries: Vec<_> = split.prefetch_map.into_iter().collect();
    entries.sort();
    let json = entries
        .iter()
        .map(|(split, chunks)| {
            let mut chunks = chunks.clone();
            chunks.sort();
            let list = chunks.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>();
            format!("  \"{split}\": [{}]", list.join(", "))
        })
        .collect::<Vec<_>>()
        .join(",\n");
    std::fs::write(
        out_dir.join("__wasm_split_manifest.json"),
        format!("{{\n{json}\n}}\n"),
    )?;
    Ok(())
}
