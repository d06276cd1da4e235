# Samspill. `make run` and `make test` work on a fresh machine: they install
# what is missing first (server/scripts/setup.sh).

# Builds are kept outside the clone, so a fresh clone on the same machine
# (CI's) reuses them instead of compiling everything again.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/samspill/target
# Incremental state is per clone path and grows by gigabytes; a test run
# from a fresh clone gains nothing from it.
export CARGO_INCREMENTAL ?= 0
SITE_DEBUG := $(CARGO_TARGET_DIR)/site-debug
SITE_RELEASE := $(CARGO_TARGET_DIR)/site-release
WASM := $(CARGO_TARGET_DIR)/wasm32-unknown-unknown

.PHONY: run test setup setup-test setup-bench client-debug client-release bench bench-canvas bench-delivery bench-hydration bench-code bench-matrix bench-decisions bench-workshop fmt lint

run: setup client-release
	cargo build --release -p server
	LEPTOS_SITE_ROOT=$(SITE_RELEASE) $(CARGO_TARGET_DIR)/release/samspill serve

# The browser tests run against the release build: the bytes people get
# (wasm-opt, precompressed, fingerprinted files). The integration tests
# check that build's files and headers too; schemathesis fuzzes the read
# API of that build against its OpenAPI document.
test: setup-test client-release
	cargo build -p server
	cargo build --release -p server
	SAMSPILL_TEST_SITE=$(SITE_RELEASE) bash server/scripts/with-postgres.sh cargo test --workspace
	bash server/scripts/schemathesis.sh $(CARGO_TARGET_DIR)/release/samspill $(SITE_RELEASE)
	bash end2end/run.sh $(CARGO_TARGET_DIR)/release/samspill $(SITE_RELEASE)

setup:
	@bash server/scripts/setup.sh build

setup-test:
	@bash server/scripts/setup.sh test

setup-bench:
	@bash server/scripts/setup.sh bench

# The browser half: the app crate compiled to WebAssembly, bound for the
# browser, next to the stylesheet and the icon; file names fingerprinted,
# with brotli and gzip copies (server/scripts/site.sh). The release build
# also goes through wasm-opt.
client-debug:
	cargo build -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate
	bash server/scripts/site.sh debug $(WASM)/debug/app.wasm $(SITE_DEBUG)

# The release wasm is built by the machine's nightly compiler, which
# rebuilds the standard library with the app (`-Zbuild-std`, source from the
# `rust-src` component the setup adds) for size, and makes a panic a trap
# with no message or source location (README, "Delivery"). Everything else
# (the server, the tests, the debug wasm) uses stable.
# The standard library's crates are compiled at opt-level 3, as the
# prebuilt one is, and then go through the app's size-optimising LTO: the
# page groups' bundles came out 0-3.6 KB smaller (brotli; the map page's
# 202.7 -> 199.6), the main module 0.4 KB larger, than with them at the
# profile's "z" (README, "Delivery", tenth step).
STD_CRATES := core alloc std compiler_builtins dlmalloc hashbrown
WASM_RELEASE_NIGHTLY := -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size \
	--config 'target.wasm32-unknown-unknown.rustflags=["-Zunstable-options", "-Cpanic=immediate-abort", "-Zlocation-detail=none"]' \
	$(foreach c,$(STD_CRATES),--config profile.wasm-release.package.$(c).opt-level=3)

client-release:
	cargo +nightly build -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate --profile wasm-release $(WASM_RELEASE_NIGHTLY)
	bash server/scripts/site.sh release $(WASM)/wasm-release/app.wasm $(SITE_RELEASE)

# Figures for the README; not part of `make test`.
bench:
	cargo bench -p server --bench trail

# The map canvas in the browser, with 300 elements and 600 links.
bench-canvas: setup-test client-release
	cargo build --release -p server
	cd end2end && node bench/canvas.mjs $(CARGO_TARGET_DIR)/release/samspill $(SITE_RELEASE)

# What a phone downloads and how soon pages are usable: bytes per visit,
# compressed sizes, Lighthouse (mobile), kept-alive latency of static files.
bench-delivery: setup-bench client-release
	cargo build --release -p server
	cd end2end && node bench/delivery.mjs $(CARGO_TARGET_DIR)/release/samspill $(SITE_RELEASE)

# Where each page's hydration spends its time, by the app's functions: the
# release wasm again, with the functions' names kept (site.sh profile).
bench-hydration: setup-bench client-release
	cargo build --release -p server
	bash server/scripts/site.sh profile $(WASM)/wasm-release/app.wasm $(CARGO_TARGET_DIR)/site-profile
	cd end2end && node bench/hydration.mjs $(CARGO_TARGET_DIR)/release/samspill $(CARGO_TARGET_DIR)/site-profile

# What each page group's code is made of, by the app's modules (brotli
# bytes each accounts for): the release wasm with its names (site.sh profile).
# BY=crate counts by crate instead; FUNCTIONS=n names the n largest functions
# of each group's bundle.
bench-code: setup-bench client-release
	bash server/scripts/site.sh profile $(WASM)/wasm-release/app.wasm $(CARGO_TARGET_DIR)/site-profile
	cd end2end && node bench/code.mjs $(CARGO_TARGET_DIR)/site-profile

# The relevance matrix at workshop scale: 60 fields × 15 contexts × 30
# people; server render, page weight, hydration, live fan-out.
bench-matrix: setup-bench client-release
	cargo build --release -p server
	cd end2end && node bench/matrix.mjs $(CARGO_TARGET_DIR)/release/samspill $(SITE_RELEASE)

# The decision log of a long project: 1,000 decisions; log render, search,
# page weight, hydration.
bench-decisions: setup-bench client-release
	cargo build --release -p server
	cd end2end && node bench/decisions.mjs $(CARGO_TARGET_DIR)/release/samspill $(SITE_RELEASE)

# Live workshops: 200 participants on one workshop, then 1,000 across five;
# delivery on the live stream, the server's memory and CPU. Each simulated
# participant holds a WebSocket, and the server one per participant too:
# the soft limit on open files goes up to the hard one.
bench-workshop: setup-bench client-release
	cargo build --release -p server
	ulimit -n $$(ulimit -Hn) 2>/dev/null; cd end2end && node bench/workshop.mjs $(CARGO_TARGET_DIR)/release/samspill $(SITE_RELEASE)

fmt:
	cargo fmt --all

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
