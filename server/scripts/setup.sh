#!/usr/bin/env bash
# Installs what building (and, with `test`, testing) Samspill needs on a
# fresh Debian machine with rustup and Node. Idempotent: quick when all is
# there. Usage: setup.sh build|test|bench (bench: what test needs, and
# Lighthouse for `make bench-delivery`)
set -euo pipefail
cd "$(dirname "$0")/../.."
what=${1:-build}
testing=no
case $what in test | bench) testing=yes ;; esac

say() { printf '[setup] %s\n' "$*"; }

apt_missing=()
if [ "$testing" = yes ]; then
  command -v chromium >/dev/null 2>&1 || apt_missing+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_missing+=(postgresql)
  # Schemathesis runs in a venv (below).
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || apt_missing+=(python3-venv)
fi
command -v curl >/dev/null 2>&1 || apt_missing+=(curl)
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${apt_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${apt_missing[@]}" >/dev/null
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The release wasm's compiler (Makefile, `client-release`): the machine's
# nightly, with the standard library's source to rebuild it from.
if ! rustup run nightly rustc -V >/dev/null 2>&1; then
  say "installing the nightly Rust compiler (for the release wasm)"
  rustup toolchain install nightly --profile minimal --component rust-src
elif ! rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src'; then
  say "adding the standard library's source to the nightly compiler"
  rustup component add rust-src --toolchain nightly
fi

# wasm-bindgen's CLI must match the library in Cargo.lock exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version (about 2 minutes)"
  # Not --locked: one of its pinned dependencies is no longer served.
  cargo install -q wasm-bindgen-cli --version "$wb_version"
fi

# wasm-opt for the release build, from npm (see tools.sh).
. server/scripts/tools.sh
if [ ! -x "$WASM_OPT" ]; then
  say "installing wasm-opt (npm binaryen $BINARYEN_VERSION)"
  mkdir -p "$SAMSPILL_TOOLS/binaryen-$BINARYEN_VERSION"
  npm install --prefix "$SAMSPILL_TOOLS/binaryen-$BINARYEN_VERSION" --no-audit --no-fund --loglevel=error \
    "binaryen@$BINARYEN_VERSION" >/dev/null
fi

# The minifier of the release site's JavaScript (see tools.sh).
if [ ! -f "$TERSER" ]; then
  say "installing terser $TERSER_VERSION (npm)"
  mkdir -p "$SAMSPILL_TOOLS/terser-$TERSER_VERSION"
  npm install --prefix "$SAMSPILL_TOOLS/terser-$TERSER_VERSION" --no-audit --no-fund --loglevel=error \
    "terser@$TERSER_VERSION" >/dev/null
fi

# The split step for lazy routes (see tools.sh); built from its own
# Cargo.lock, about a minute.
if [ ! -x "$WASM_SPLIT" ]; then
  say "installing the wasm split step (server/scripts/wasm-split)"
  cargo install -q --locked --path server/scripts/wasm-split --root "$SAMSPILL_TOOLS/wasm-split-$WASM_SPLIT_VERSION"
fi

if [ "$testing" = yes ]; then
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    say "installing the end2end packages"
    # Playwright's own browser download cannot work here; Debian's chromium is used.
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
fi

if [ "$testing" = yes ] && [ ! -x "$SCHEMATHESIS" ]; then
  say "installing schemathesis $SCHEMATHESIS_VERSION (PyPI, into a venv)"
  venv=$SAMSPILL_TOOLS/schemathesis-$SCHEMATHESIS_VERSION
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

if [ "$what" = bench ]; then
  if [ ! -x end2end/bench/node_modules/.bin/lighthouse ] || [ end2end/bench/package-lock.json -nt end2end/bench/node_modules/.package-lock.json ]; then
    say "installing the benchmark packages (Lighthouse, ws)"
    (cd end2end/bench && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
