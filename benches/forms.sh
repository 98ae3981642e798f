#!/usr/bin/env bash
# Prints the latency of rendering an application's question page and of saving a step (check,
# write to SQLite, redirect), against a release build on a loopback port of its own with a
# throw-away data directory.
#   benches/forms.sh                 # 2000 page loads and 1000 saves, 4 at a time
#   REQUESTS=500 benches/forms.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"

ensure_node_modules
cargo build --release --features ssr --bin portal 2>/dev/null

port=${BENCH_PORT:-3202}
data=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; rm -rf "$data"' EXIT
export PORTAL_DATA_DIR=$data PORTAL_LOG=warn
password='tuulinen lokakuun aamu'
echo "$password" | target/release/portal admin create-account applicant bench@example.fi >/dev/null
PORTAL_BIND=127.0.0.1:$port target/release/portal >/dev/null &
pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done

echo "== Application pages on $(nproc) cores"
node benches/forms.mjs "http://127.0.0.1:$port" bench@example.fi "$password" "${REQUESTS:-2000}"
