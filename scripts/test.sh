#!/usr/bin/env bash
# Runs every check and test: formatting, clippy (native and wasm), native unit/integration/
# property/doc tests, the check command, the benchmark, wasm-bindgen-test DOM tests in
# headless Chromium, the release build and its download-size budget, and the browser
# end-to-end suite with axe.
# Installs whatever is missing first (scripts/setup.sh), so it works on a fresh machine.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
export PATH="$HOME/.cargo/bin:$PWD/tests/e2e/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
export CARGO_TERM_COLOR=never

passed=0
failed=0
failures=()
start=$(date +%s)
step() {
  local name="$1"
  shift
  local t0
  t0=$(date +%s)
  printf '\n==> %s\n' "$name"
  if "$@"; then
    passed=$((passed + 1))
    printf '==> %s: ok (%ss)\n' "$name" "$(($(date +%s) - t0))"
  else
    failed=$((failed + 1))
    failures+=("$name")
    printf '==> %s: FAILED (%ss)\n' "$name" "$(($(date +%s) - t0))"
  fi
}

check_demo_output() {
  # The check command on the demo: valid, and it lists the Hart split.
  local out
  out=$(cargo run -q -p pmap-cli --bin pmap-check -- demo/hampshire.json) || return 1
  grep -q '"valid":true' <<<"$out" && grep -q 'Hart is split between 2 integrated care boards' <<<"$out"
}

step "rustfmt" cargo fmt --all -- --check
step "clippy (native, all targets)" cargo clippy --workspace --all-targets -- -D warnings
step "clippy (wasm32)" cargo clippy -p partnership-map --target wasm32-unknown-unknown --all-targets -- -D warnings
step "clippy (wasm32, test hooks)" cargo clippy -p partnership-map --target wasm32-unknown-unknown --all-targets --features test-hooks -- -D warnings
step "native tests (core, layout, cli, doc-tests, property tests)" cargo test -p pmap-core -p pmap-layout -p pmap-cli
step "check command on the demo" check_demo_output
step "benchmark: national coterminosity" cargo bench -p pmap-core --bench coterminosity -- --quick
step "benchmark: large clustered maps" cargo bench -p pmap-core --bench scale -- --quick
step "benchmark: grouping search (native, up to 64 districts)" cargo bench -p pmap-core --bench regions -- --quick
# A short smoke run of each importer fuzz target (the 10-million-execution campaign is run by
# hand; see fuzz/README.md). Skipped, and said so, where nightly or cargo-fuzz is missing.
step "fuzz smoke (importers)" env FUZZ_SECONDS="${FUZZ_SECONDS:-15}" bash scripts/fuzz-smoke.sh
step "wasm-bindgen-test in headless Chromium" cargo test -p partnership-map --target wasm32-unknown-unknown
step "release build (trunk)" trunk build --release
# The download (wasm + glue + loader, brotli): fails over the budget (docs/benchmarks.md, Size).
step "download size budget" node scripts/size.mjs dist 550
step "benchmark: grouping search in wasm (quick)" node scripts/bench-grouping-wasm.mjs --quick
# The test build adds the deliberate-panic hooks (feature test-hooks) that the crash tests
# need; the release build above never has them.
step "test build with test hooks (trunk)" trunk build --release --features test-hooks --dist dist-test
step "browser end-to-end (playwright + axe)" node --test --test-concurrency=1 --test-timeout=300000 tests/e2e/
# The layout and rendering benchmark against d3-force, graphology and cytoscape, 500 bodies
# only (the full run, 500 / 5k / 20k, is `node bench/bench.mjs`; docs/benchmarks.md).
step "benchmark: layout and rendering vs peers (quick)" bash -c 'cd bench && npm ci --no-audit --no-fund --silent && node bench.mjs --quick' 

printf '\nAll steps took %ss.\n' "$(($(date +%s) - start))"
if [ "$failed" -gt 0 ]; then
  printf 'Failed: %s\n' "${failures[*]}"
fi
printf 'steps: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
