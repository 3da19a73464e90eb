#!/usr/bin/env bash
# Rebuilds demo/hampshire.json, demo/england.json and the successions table from the ONS lookups in ../shared/data/ons (or $PMAP_ONS_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run -q -p pmap-cli --bin pmap-demo -- --successions crates/pmap-core/data/successions.csv
cargo run -q -p pmap-cli --bin pmap-demo -- demo/hampshire.json
cargo run -q -p pmap-cli --bin pmap-demo -- --england demo/england.json
