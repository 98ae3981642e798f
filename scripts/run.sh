#!/usr/bin/env bash
# Installs what is missing, builds the portal (release) and runs it on 127.0.0.1:3000 with its
# SQLite database under ./data. Any PORTAL_* variable (docs/configuration.md) overrides.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

ensure_wasm_target
ensure_wasm_bindgen
ensure_node_modules
build_assets
say "Building the server"
cargo build --release --features ssr --bin portal
export PORTAL_DATA_DIR=${PORTAL_DATA_DIR:-$ROOT/data}
say "Demonstration accounts"
target/release/portal admin seed-demo
say "Starting the portal"
exec target/release/portal
