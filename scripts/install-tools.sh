#!/usr/bin/env bash
# Installs what the build and the tests need, skipping what is already there (TOOLCHAIN.md).
# Idempotent: a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Must equal the wasm-bindgen in Cargo.lock (pinned with `=` in Cargo.toml).
WASM_BINDGEN_VERSION=0.2.130
# Cuts the release wasm at Leptos' lazy split points (scripts/split-wasm.mjs): 0.2.3, the same
# minor version as the wasm_split_helpers that leptos uses (Cargo.lock), with the patch in
# tools/wasm-split-cli/PATCH.md (a page's strings go into its chunk, not the first load; shared
# code in one chunk per family of pages and one common chunk).
# Raise the `portal.N` there and here with every change to the patch.
WASM_SPLIT_VERSION=0.2.3+portal.2
WASM_SPLIT_CRATE_SHA256=f32315b284f5b3787ecc7d98d39ee857174e43ff9a6a8c3fec9d189cb24fec74
# The property-based tests of the HTTP contract (`make test-api`), in the project's .venv.
SCHEMATHESIS_VERSION=4.32.5

need_browser=${1:-all}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  cargo install trunk --locked --version "$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  # Without --locked: its lock file names a crate version the registry lacks (TOOLCHAIN.md).
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION[ :]"; then
  # crates.io's file for 0.2.3, unpacked and patched under target/tools (never committed).
  crate=target/tools/wasm_split_cli_support-0.2.3.crate
  mkdir -p target/tools
  if ! echo "$WASM_SPLIT_CRATE_SHA256  $crate" | sha256sum --check --status 2>/dev/null; then
    curl --fail --silent --show-error --location --output "$crate" \
      https://static.crates.io/crates/wasm_split_cli_support/wasm_split_cli_support-0.2.3.crate
    echo "$WASM_SPLIT_CRATE_SHA256  $crate" | sha256sum --check --status
  fi
  rm -rf target/tools/wasm_split_cli_support-0.2.3
  tar -xzf "$crate" -C target/tools
  for patch in place-relocated-segments chunk-families; do
    git apply --directory=target/tools/wasm_split_cli_support-0.2.3 "tools/wasm-split-cli/$patch.patch"
  done
  cargo install --path target/tools/wasm_split_cli_support-0.2.3 --locked --features build-binary --target-dir target/tools/build
fi

# npm tools: wasm-opt (binaryen on node, never Debian's), Playwright, axe, Lighthouse.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/playwright ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

if [ "$need_browser" = all ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi

if [ "$need_browser" = all ] \
   && ! .venv/bin/schemathesis --version 2>/dev/null | grep -q "version $SCHEMATHESIS_VERSION$"; then
  if ! python3 -m venv .venv; then
    # Debian's python3 keeps venv (ensurepip) in a package of its own.
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv
    python3 -m venv .venv
  fi
  .venv/bin/pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
