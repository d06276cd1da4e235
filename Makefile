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

.PHONY: run test setup setup-test client-debug client-release unit e2e bench fmt lint clean-site

run: setup client-release
	cargo build --release -p server
	LEPTOS_SITE_ROOT=$(SITE_RELEASE) $(CARGO_TARGET_DIR)/release/samspill serve

test: setup-test client-debug
	cargo build -p server
	bash server/scripts/with-postgres.sh cargo test --workspace
	bash end2end/run.sh $(CARGO_TARGET_DIR)/debug/samspill $(SITE_DEBUG)

setup:
	@bash server/scripts/setup.sh build

setup-test:
	@bash server/scripts/setup.sh test

# The browser half: the app crate compiled to WebAssembly, bound for the
# browser, next to the stylesheet. The same files cargo-leptos would make.
client-debug:
	cargo build -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate
	@$(MAKE) --no-print-directory site WASM_FILE=$(WASM)/debug/app.wasm SITE=$(SITE_DEBUG)

client-release:
	cargo build -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate --profile wasm-release
	@$(MAKE) --no-print-directory site WASM_FILE=$(WASM)/wasm-release/app.wasm SITE=$(SITE_RELEASE)

site:
	mkdir -p $(SITE)/pkg
	wasm-bindgen --target web --no-typescript --out-dir $(SITE)/pkg --out-name samspill $(WASM_FILE)
	cp style/main.css $(SITE)/pkg/samspill.css

# Figures for the README; not part of `make test`.
bench:
	cargo bench -p server --bench trail

# The map canvas in the browser, with 300 elements and 600 links.
bench-canvas: setup-test client-release
	cargo build --release -p server
	cd end2end && node bench/canvas.mjs $(CARGO_TARGET_DIR)/release/samspill $(SITE_RELEASE)

fmt:
	cargo fmt --all

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
