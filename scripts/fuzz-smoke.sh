#!/usr/bin/env bash
# Runs each fuzz target for about 20 seconds (FUZZ_SECONDS to change). Needs nightly and
# cargo-fuzz; exits 0 without running when either is missing, so it can sit in the test
# command. Fails on the first crash, hang or out-of-memory.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs="${FUZZ_SECONDS:-20}"
if ! rustup toolchain list 2>/dev/null | grep -q nightly || ! command -v cargo-fuzz >/dev/null; then
  echo "fuzz-smoke: nightly or cargo-fuzz missing; skipped"
  exit 0
fi
cargo +nightly fuzz build -O -s none
for t in json_map csv_template ons_lookup; do
  mkdir -p ".work/$t" "artifacts/$t"
  echo "fuzz-smoke: $t for ${secs}s"
  cargo +nightly fuzz run -O -s none "$t" ".work/$t" "corpus/$t" -- \
    -jobs=1 -rss_limit_mb=2048 -timeout=10 -max_total_time="$secs" -print_final_stats=1 \
    -artifact_prefix="artifacts/$t/" 2>&1 | grep -E "stat::number_of_executed_units|ERROR|panicked|Done" || true
  # libFuzzer writes an artifact for every failure it finds.
  if compgen -G "artifacts/$t/*" >/dev/null; then
    echo "fuzz-smoke: $t failed; see fuzz/artifacts/$t/" >&2
    exit 1
  fi
done
