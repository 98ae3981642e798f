#!/usr/bin/env bash
# Prints the portal's footprint against its budgets, and fails when one is missed: the server's
# memory idle after start and after a login, the browser bundle (raw, gzip, brotli), what the
# first visit of a question page transfers, then the memory after load and page latency. Builds
# what it needs (the deploy build), runs the server on a loopback port of its own with a throw-away data
# directory, and stops it afterwards.
#   benches/footprint.sh            # 2000 requests per page, 8 at a time
#   REQUESTS=500 benches/footprint.sh
#   PORTAL_BIN=/path/to/portal benches/footprint.sh   # another build of the server
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
source benches/portal.sh

ensure_wasm_target
ensure_wasm_bindgen
ensure_node_modules
build_assets >/dev/null
cargo build --profile deploy --features ssr --bin portal 2>/dev/null

create_applicants footprint@example.fi
start_portal "${BENCH_PORT:-3200}"

mib() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status"; }
kib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

echo "== Server memory (resident)"
figure 'idle after start' "$(mib)" MiB '<=' 20
sign_in_with_draft footprint@example.fi
figure 'idle after a login' "$(mib)" MiB '<=' 24

echo "== Browser bundle"
bundle_budgets

echo "== First visit of a question page, signed in (bytes on the wire; the browser accepts br and gzip)"
page=$application/steps/birth
wire() { curl -s -o /dev/null -b "$jar" -H "accept-encoding: $2" -w '%{size_download}' "$1"; }
html_gzip=$(wire "$page" gzip)
figure 'HTML of the "birth" step, gzip' "$(kib "$html_gzip")" KiB '<=' 30
figure 'HTML of the "birth" step, raw' "$(kib "$(wire "$page" identity)")" KiB
assets=0
for asset in $(curl -s --compressed -b "$jar" "$page" | grep -o 'href="/pkg/[^"]*"' | cut -d'"' -f2 | sort -u); do
  assets=$((assets + $(wire "$site$asset" 'br, gzip')))
done
figure 'its script, WebAssembly and stylesheet' "$(kib "$assets")" KiB '<=' 300
figure 'first visit with the HTML' "$(kib $((assets + html_gzip)))" KiB

echo "== Under load"
node benches/latency.mjs "$site" "${REQUESTS:-2000}" "${CONCURRENCY:-8}"
figure 'resident after the load' "$(mib)" MiB
[ "$figures_missed" = 0 ] || { echo "$figures_missed figure(s) missed the target" >&2; exit 1; }
