#!/usr/bin/env bash
# Prints the portal's footprint: browser bundle size (raw, gzip, brotli) against its budget,
# what the first visit of a question page transfers, the server's memory at idle and after
# load, and page latency. Builds what it needs (release), runs the server on a loopback port
# of its own with a throw-away data directory, and stops it afterwards.
#   benches/footprint.sh            # 2000 requests per page, 8 at a time
#   REQUESTS=500 benches/footprint.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
source benches/portal.sh

ensure_wasm_target
ensure_wasm_bindgen
ensure_node_modules
build_assets >/dev/null
cargo build --release --features ssr --bin portal 2>/dev/null

create_applicants footprint@example.fi
start_portal "${BENCH_PORT:-3200}"

rss() { awk '/VmRSS/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$pid/status"; }
bundle=$(sed -n 's/^bundle=//p' target/site/manifest.txt)
wasm=target/site/pkg/${bundle}_bg.wasm
js=target/site/pkg/$bundle.js

kib() { awk -v b="$1" 'BEGIN { printf "%.1f KiB", b / 1024 }'; }
echo "== Browser bundle (budget: WebAssembly ≤ 250 KiB gzip)"
for file in "$wasm" "$js" "target/site/pkg/$(sed -n 's/^stylesheet=//p' target/site/manifest.txt)"; do
  printf '%-40s %10s raw %10s gzip %10s brotli\n' "${file##*/}" "$(kib "$(stat -c %s "$file")")" \
    "$(kib "$(stat -c %s "$file.gz")")" "$(kib "$(stat -c %s "$file.br")")"
done

echo "== First visit of a question page, signed in (bytes on the wire; the browser accepts br and gzip)"
sign_in_with_draft footprint@example.fi
page=$application/steps/birth
wire() { curl -s -o /dev/null -b "$jar" -H "accept-encoding: $2" -w '%{size_download}' "$1"; }
html_gzip=$(wire "$page" gzip)
printf '%-40s %10s gzip (budget ≤ 30 KiB), %s raw\n' 'HTML of the "birth" step' "$(kib "$html_gzip")" \
  "$(kib "$(wire "$page" identity)")"
assets=0
for asset in $(curl -s --compressed -b "$jar" "$page" | grep -o 'href="/pkg/[^"]*"' | cut -d'"' -f2 | sort -u); do
  bytes=$(wire "$site$asset" 'br, gzip')
  assets=$((assets + bytes))
  printf '%-40s %10s\n' "${asset#/pkg/}" "$(kib "$bytes")"
done
printf '%-40s %10s (budget ≤ 300 KiB)\n' 'script + WebAssembly + CSS' "$(kib "$assets")"
printf '%-40s %10s\n' 'with the HTML' "$(kib $((assets + html_gzip)))"

echo "== Server memory"
echo "idle after start: $(rss)"
node benches/latency.mjs "$site" "${REQUESTS:-2000}" "${CONCURRENCY:-8}"
sleep 1
echo "idle after the load: $(rss)"
