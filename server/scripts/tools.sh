# Where the build tools that are not Debian packages or crates live, and
# which versions. Sourced by setup.sh (which installs them) and site.sh.
# Kept outside the clone, like the build cache, so clones share them.
SAMSPILL_TOOLS=${SAMSPILL_TOOLS:-$HOME/.cache/samspill/tools}
# wasm-opt from npm's binaryen (Debian's binaryen is too old for what
# current Rust emits and corrupts the module).
BINARYEN_VERSION=132.0.0
WASM_OPT=$SAMSPILL_TOOLS/binaryen-$BINARYEN_VERSION/node_modules/.bin/wasm-opt
# terser, from npm: minifies the wasm-bindgen glue and the chunks' loader
# of a release site (pack-site.mjs), which every page fetches.
TERSER_VERSION=5.51.2
TERSER=$SAMSPILL_TOOLS/terser-$TERSER_VERSION/node_modules/terser/main.js
# The split step (server/scripts/wasm-split, a crate of its own); the
# version is the wasm_split_cli_support it wraps, then ours.
WASM_SPLIT_VERSION=0.2.4-1
WASM_SPLIT=$SAMSPILL_TOOLS/wasm-split-$WASM_SPLIT_VERSION/bin/samspill-wasm-split
# Schemathesis, which fuzzes the read API against its OpenAPI document in
# `make test` (server/scripts/schemathesis.sh); from PyPI into a venv of
# its own.
SCHEMATHESIS_VERSION=4.32.5
SCHEMATHESIS=$SAMSPILL_TOOLS/schemathesis-$SCHEMATHESIS_VERSION/bin/schemathesis
