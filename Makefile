# The two set-up commands are `make run` and `make test`; each installs what it needs first
# (scripts/install-tools.sh skips what is already there).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
# npm tools (wasm-opt, Playwright) and cargo-installed tools (trunk, wasm-bindgen) on PATH,
# so a fresh shell needs nothing set by hand.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner
# The runner's limit on the whole browser-test binary (20 s by default), not a test's: its 119
# tests took longer than that while the release client built beside them.
export WASM_BINDGEN_TEST_TIMEOUT := 300

SERVER := target/release/portal-server
# The debug server the API's property tests and Playwright run against, with the features of
# `cargo test` (its dev-dependencies' too): after `make test-native` this builds nothing, where a
# plain `cargo build -p portal-server` would compile a second server with other features.
BUILD_TEST_SERVER := cargo build --locked -p portal-server --bins --tests

.PHONY: tools build-tools build client server run dev bench-loops gallery gallery-build test-visual visual-baselines test lint test-native test-api test-wasm test-e2e playwright lint-native lint-wasm bench

# Everything, Chromium included (for the tests).
tools:
	scripts/install-tools.sh all

# What building and running need: no browser.
build-tools:
	scripts/install-tools.sh build

# trunk runs cargo offline (nothing may be downloaded at build time), so fetch crates first.
client: build-tools
	cargo fetch --locked
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg portal_split -Clink-args=--emit-relocs" \
	  trunk build --release
	node scripts/compress-dist.mjs dist

server:
	cargo build --release --locked -p portal-server

build: client server

run: build
	@node scripts/demo-accounts.mjs
	@echo "Provider Portal: http://127.0.0.1:8080"
	$(SERVER) --addr 127.0.0.1:8080 --db portal.db --static dist --seed demo

# `make dev SCENARIO=returned` starts again from that situation (server/src/scenarios.rs);
# without SCENARIO the database of the last session is kept. `make dev RELEASE=1` serves the
# split release build on 8080, as users get it, instead of trunk's hot-reloading debug build.
DEV_SEED = $(if $(SCENARIO),--reset --seed $(SCENARIO),--seed demo)

dev: build-tools
	cargo build -p portal-server
ifeq ($(RELEASE),1)
	$(MAKE) client
	target/debug/portal-server --addr 127.0.0.1:8080 --db portal-dev.db --static dist $(DEV_SEED) --demo
else
	target/debug/portal-server --addr 127.0.0.1:8081 --db portal-dev.db --static dist $(DEV_SEED) --demo & \
	  server=$$!; trap 'kill $$server' EXIT; trunk serve
endif

# The designers' gallery (gallery/): every component and page state from fixed data, no server,
# at http://127.0.0.1:8090, rebuilt and reloaded on every change (a CSS edit without a Rust
# rebuild). A crate of its own: the release build (dist/) never holds it.
gallery: build-tools
	cargo fetch --locked
	trunk serve --config gallery/Trunk.toml

gallery-build: build-tools
	cargo fetch --locked
	trunk build --config gallery/Trunk.toml

# Every gallery state at 375 and 1280 px against the committed pictures (tests/visual);
# `make visual-baselines` takes them again after an intended change.
test-visual: gallery-build
	playwright test --config tests/visual/playwright.config.ts

visual-baselines: gallery-build
	playwright test --config tests/visual/playwright.config.ts --update-snapshots=all

lint: lint-native lint-wasm

lint-native:
	cargo fmt --all -- --check
	cargo clippy --locked --workspace --all-targets -- -D warnings

lint-wasm:
	cargo clippy --locked -p provider-portal -p portal-gallery --target wasm32-unknown-unknown --all-targets -- -D warnings

test-native:
	cargo test --locked --workspace

# Property-based tests of the HTTP contract: schemathesis (installed into .venv by `tools`)
# against GET /api/openapi.json of the debug server with the demo data, signed in
# (scripts/test-api.sh).
test-api: tools
	$(BUILD_TEST_SERVER)
	PORTAL_SERVER=target/debug/portal-server scripts/test-api.sh

test-wasm:
	cargo test --locked -p provider-portal --target wasm32-unknown-unknown

# Against the release client (split into chunks, under the strict CSP) and the debug server that
# `make test-native` builds anyway: a release server adds minutes of LTO and tests nothing more.
test-e2e: client
	$(MAKE) playwright

# The Playwright specs against the client already in dist/.
playwright:
	$(BUILD_TEST_SERVER)
	PORTAL_SERVER=target/debug/portal-server playwright test

# Figures, not pass/fail tests, each with PASS or OVER against its target: the first-load size,
# My Account Management's list and removal latency at 10,000 associations, a table page change
# in the browser, and Lighthouse (mobile) on every page. `tools` brings Chromium for the last two.
# And the server's resident memory at rest and after 300 failed sign-ins, and 64 clients at once
# for a minute each on the list and on removals (errors and p50/p95/p99).
bench: tools build
	node scripts/bench-size.mjs dist
	scripts/bench-memory.sh $(SERVER)
	cargo bench --locked -p portal-server --bench accounts
	cargo bench --locked -p portal-server --bench load
	cargo bench --locked -p portal-server --bench faults
	node scripts/bench-page-change.mjs
	node scripts/bench-lighthouse.mjs
	$(MAKE) bench-loops

# The designer's loops (README "For designers"): CSS edit and Rust view edit → in the browser of
# `make dev` and `make gallery`, and a no-change `make build`.
bench-loops: build-tools
	node scripts/bench-edit-loop.mjs

# The release client builds in the background while lint, native and browser run (its output in
# target/client.log, shown when it is done): its link-time optimisation keeps one core busy for
# minutes, and the tests leave a core idle much of the time. The two builds never wait for each
# other's lock: the client's artifacts are target/release and target/wasm32-unknown-unknown/release,
# which nothing else here builds. Then the API's property tests, Playwright and the visual
# suite one after another: side by side on two cores each took twice as long (452 s together
# against 358 s in turn, gallery build included; the whole `.ci/run` 13 min 21 s on a clean
# clone, 4 December 2026). Each layer says how long it took.
test: tools
	mkdir -p target
	setsid $(MAKE) client >target/client.log 2>&1 & client=$$!; \
	  trap 'kill -- -$$client 2>/dev/null || true' EXIT; \
	  for layer in lint test-native test-wasm; do \
	    start=$$SECONDS; $(MAKE) $$layer; echo "== $$layer: $$((SECONDS - start)) s"; \
	  done; \
	  start=$$SECONDS; \
	  if ! wait $$client; then cat target/client.log; echo "make client failed" >&2; exit 1; fi; \
	  echo "== waiting for the release client: $$((SECONDS - start)) s"; \
	  trap - EXIT
	grep -v "unknown name subsection" target/client.log | tail -5
	for layer in test-api playwright test-visual; do \
	  start=$$SECONDS; $(MAKE) $$layer; echo "== $$layer: $$((SECONDS - start)) s"; \
	done
