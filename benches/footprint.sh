#!/usr/bin/env bash
# Prints the portal's footprint: browser bundle size, the server's memory at idle and after
# load, and page latency. Builds what it needs (release), runs the server on a loopback port
# of its own with a throw-away data directory, and stops it afterwards.
#   benches/footprint.sh            # 2000 requests per page, 8 at a time
#   REQUESTS=500 benches/footprint.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"

ensure_wasm_target
ensure_wasm_bindgen
ensure_node_modules
build_assets >/dev/null
cargo build --release --features ssr --bin portal 2>/dev/null

port=${BENCH_PORT:-3200}
data=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; rm -rf "$data"' EXIT
PORTAL_BIND=127.0.0.1:$port PORTAL_DATA_DIR=$data PORTAL_LOG=warn target/release/portal >/dev/null &
pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done

rss() { awk '/VmRSS/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$pid/status"; }
bundle=$(sed -n 's/^bundle=//p' target/site/manifest.txt)
wasm=target/site/pkg/${bundle}_bg.wasm
js=target/site/pkg/$bundle.js

echo "== Browser bundle"
printf 'WebAssembly: %s KiB raw, %s KiB gzip\n' $(( $(stat -c %s "$wasm") / 1024 )) $(( $(stat -c %s "$wasm.gz") / 1024 ))
printf 'JavaScript glue: %s KiB raw, %s KiB gzip\n' $(( $(stat -c %s "$js") / 1024 )) $(( $(stat -c %s "$js.gz") / 1024 ))
echo "== Server memory"
echo "idle after start: $(rss)"
node benches/latency.mjs "http://127.0.0.1:$port" "${REQUESTS:-2000}" "${CONCURRENCY:-8}"
sleep 1
echo "idle after the load: $(rss)"
