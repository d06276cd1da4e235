#!/usr/bin/env bash
# Builds the browser files of a site from the app's compiled WebAssembly
# (linked with --emit-relocs, .cargo/config.toml):
#   pkg/samspill.<hash>.js     the wasm-bindgen glue (minified for release)
#   pkg/samspill.<hash>.wasm   the main module: what every page needs,
#                              without name and producers sections (and, for
#                              release, through wasm-opt -O1)
#   pkg/split_*.<hash>.wasm, pkg/chunk_*.<hash>.wasm
#                              the code of the lazy routes (each page's own
#                              and what some pages share), cut out of the
#                              main module by server/scripts/wasm-split
#   pkg/__wasm_split.<hash>.js the chunks' loader (minified for release)
#   pkg/__wasm_split_manifest.<hash>.json  which chunks each page needs (read
#                              by the server, to preload them)
#   pkg/samspill.<hash>.css    style/main.css
#   favicon.ico
#   hash.txt                   the hashes, in Leptos's format
# with a brotli (.br) and a gzip (.gz) copy beside each file under pkg/.
# <hash> is the first 16 hex digits of the file's SHA-256, so a name changes
# exactly when its content does and browsers may keep a file for good.
# The new site replaces the old one whole.
# `profile` is release with the functions' names kept (4.6 MB more), for
# `make bench-hydration`, which names where a page's hydration spends its
# time; no one is served it.
# Usage: site.sh debug|release|profile APP_WASM SITE_DIR
set -euo pipefail
cd "$(dirname "$0")/../.."
. server/scripts/tools.sh
mode=$1 wasm=$2 site=${3%/}
names=--remove-name-section keep_names=
if [ "$mode" = profile ]; then
  mode=release names= keep_names=-g
  profile=1
fi

# Nothing to do when the site was built from the same inputs.
inputs=$(sha256sum "$wasm" style/main.css style/favicon.ico server/scripts/site.sh \
  server/scripts/pack-site.mjs server/scripts/tools.sh "$WASM_SPLIT" | awk '{print $1}' | sha256sum | awk '{print $1}')
if [ "$(cat "$site/.built-from" 2>/dev/null)" = "$mode${profile:+ profile} $inputs" ]; then
  echo "site $site is up to date"
  exit 0
fi

mkdir -p "$(dirname "$site")"
work=$(mktemp -d "$site.new.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pkg"

# The split comes first: it reads the relocations, which wasm-bindgen drops.
# --keep-lld-exports keeps what the main module exports for the chunks.
"$WASM_SPLIT" "$wasm" "$work/split" "$work/split/main.wasm"
wasm-bindgen --target web --no-typescript --keep-lld-exports $names \
  --remove-producers-section --out-dir "$work/pkg" --out-name samspill "$work/split/main.wasm"
rm "$work/split/main.wasm"
mv "$work"/split/* "$work/pkg/"
rmdir "$work/split"
if [ "$mode" = release ]; then
  # -O1, not -Oz: what a phone waits for is the compressed size, and -Oz,
  # -Os and -O2 shrink the raw module (2.46 -> 2.14 MB) but make it compress
  # worse (brotli 499 -> 534-552 KB); -O1 gives 2.43 MB, brotli 494 KB
  # (measured 2026-11-26, README "Delivery"). The --enable flags are the
  # features current Rust enables for wasm32-unknown-unknown. The chunks
  # too: they are modules of their own, importing the main one's memory,
  # table and functions.
  for module in "$work"/pkg/*.wasm; do
    "$WASM_OPT" -O1 $keep_names --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$module" -o "$module"
  done
fi
cp style/main.css "$work/pkg/samspill.css"
cp style/favicon.ico "$work/favicon.ico"
SAMSPILL_TERSER=$TERSER node server/scripts/pack-site.mjs "$work" "$mode"
echo "$mode${profile:+ profile} $inputs" > "$work/.built-from"

rm -rf "$site.old"
if [ -e "$site" ]; then mv "$site" "$site.old"; fi
mv "$work" "$site"
rm -rf "$site.old"
trap - EXIT
