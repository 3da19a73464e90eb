#!/usr/bin/env bash
# Rebuilds demo/hampshire.json from the ONS lookups in ../shared/data/ons (or $PMAP_ONS_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run -q -p pmap-cli --bin pmap-demo -- demo/hampshire.json
