#!/usr/bin/env bash
# Installs what is missing, builds the portal (release) and runs it on 127.0.0.1:3000 with its
# SQLite database under ./data, wired to the project's case-backend simulator on
# 127.0.0.1:3400 (docs/case-backend.md), so that a sent application can be seen arriving there.
# Any PORTAL_* variable (docs/configuration.md) overrides; CASE_SIM_BIND moves the simulator.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

ensure_wasm_target
ensure_wasm_bindgen
ensure_node_modules
build_assets
say "Building the server"
cargo build --release --features ssr --bin portal --bin case-backend-sim
export PORTAL_DATA_DIR=${PORTAL_DATA_DIR:-$ROOT/data}
mkdir -p "$PORTAL_DATA_DIR"
say "Demonstration accounts"
target/release/portal admin seed-demo

# The simulator and the portal share a secret of this data directory's own.
secret_file="$PORTAL_DATA_DIR/case-backend.secret"
[ -s "$secret_file" ] || (umask 077 && openssl rand -hex 32 >"$secret_file")
export CASE_SIM_BIND=${CASE_SIM_BIND:-127.0.0.1:3400}
export CASE_SIM_SECRET=$(cat "$secret_file")
export PORTAL_CASE_BACKEND_URL=${PORTAL_CASE_BACKEND_URL:-http://$CASE_SIM_BIND}
export PORTAL_CASE_BACKEND_SECRET=${PORTAL_CASE_BACKEND_SECRET:-$CASE_SIM_SECRET}
# Where the simulator's case handler sends events about the cases (its page has the buttons).
export CASE_SIM_PORTAL_URL=${CASE_SIM_PORTAL_URL:-http://${PORTAL_BIND:-127.0.0.1:3000}}
say "Starting the case-backend simulator"
target/release/case-backend-sim &
sim=$!
trap 'kill $sim 2>/dev/null; wait $sim 2>/dev/null' EXIT
say "Starting the portal"
target/release/portal
