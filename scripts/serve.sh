#!/usr/bin/env bash
# Installs whatever is missing, builds the widget and serves the demo map on
# http://127.0.0.1:${PORT:-8080}/ with the strict Content-Security-Policy hosts use.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/tests/e2e/node_modules/.bin:$PATH"
trunk build --release
exec node tests/e2e/server.mjs dist "${PORT:-8080}"
