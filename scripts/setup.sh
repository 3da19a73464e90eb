#!/usr/bin/env bash
# Installs whatever this project needs that the machine lacks. Idempotent: each tool is
# checked at the version we pin and skipped when already present, so a second run is fast.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PWD/tests/e2e/node_modules/.bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Chromium and its driver come from Debian: Playwright's own browser download cannot work here.
if ! command -v chromium >/dev/null 2>&1; then
  say "installing Debian chromium and chromium-driver"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Node packages for the e2e suite and wasm-opt (npm's binaryen is far newer than Debian's).
if [ ! -x tests/e2e/node_modules/.bin/wasm-opt ] || [ ! -d tests/e2e/node_modules/playwright-core ]; then
  say "installing e2e node packages (playwright-core, axe-core, binaryen)"
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi

# Cargo installs are builds: run them one after another, never alongside another cargo build.
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes)"
  # No --locked: the registry mirror lacks one of its locked dependencies.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 12 minutes)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi
# cargo-fuzz for the fuzz smoke run, only where a nightly toolchain exists (libFuzzer needs it).
if rustup toolchain list 2>/dev/null | grep -q nightly && ! command -v cargo-fuzz >/dev/null 2>&1; then
  say "installing cargo-fuzz (about 2 minutes)"
  cargo install cargo-fuzz --locked || say "cargo-fuzz could not be installed; the fuzz smoke run will be skipped"
fi
say "tools ready"
