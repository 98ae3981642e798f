# Sourced by scripts/run.sh and scripts/test.sh: installs what the build needs, only when it is
# missing (each install takes minutes on two cores), and builds the browser assets.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_wasm_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown && return
  say "Adding the Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
}

# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate in Cargo.lock.
ensure_wasm_bindgen() {
  local want have
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  have=$(command -v wasm-bindgen >/dev/null && wasm-bindgen --version | awk '{ print $2 }' || true)
  [ "$have" = "$want" ] && return
  say "Installing wasm-bindgen-cli $want (about 5 minutes, once)"
  # Not --locked: its lock file names a webpki-roots release the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$want"
}

# Playwright's runner, axe and binaryen's wasm-opt, at the versions of package-lock.json.
# Playwright never downloads a browser here: the tests use Debian's Chromium.
ensure_node_modules() {
  local stamp=end2end/node_modules/.package-lock.json
  if [ -f "$stamp" ] && [ "$stamp" -nt end2end/package-lock.json ]; then return; fi
  say "Installing the npm tools (Playwright runner, axe, binaryen)"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
}

# A Debian package, installed when its command is missing.
ensure_debian() {
  local command=$1 package=$2
  command -v "$command" >/dev/null && return
  say "Installing $package from Debian"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" ||
    { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package"; }
}

ensure_chromium() { ensure_debian chromium chromium; }

# nm, to look into the library as it is deployed (scripts/test.sh).
ensure_nm() { ensure_debian nm binutils; }

# wrk, the HTTP load generator of the benchmarks.
ensure_wrk() { ensure_debian wrk wrk; }

build_assets() {
  say "Building the browser assets"
  scripts/build-assets.sh
}


# One measured figure, against its target when it has one: `figure NAME VALUE UNIT [<=|>= LIMIT]`
# prints a line; a figure that misses its target is counted in $figures_missed (the caller
# fails when it is not 0). With BENCH_FIGURES set (benches/all.sh), the figure is also added
# to that file, tab-separated, for one table of every benchmark.
figures_missed=0
figure() {
  local name=$1 value=$2 unit=$3 op=${4:-} limit=${5:-} verdict=
  if [ -n "$op" ]; then
    if awk -v v="$value" -v l="$limit" -v op="$op" 'BEGIN { exit !((op == "<=" && v <= l) || (op == ">=" && v >= l)) }'; then
      verdict=met
    else
      verdict=MISSED
      figures_missed=$((figures_missed + 1))
    fi
  fi
  printf '%-52s %10s %-6s %s\n' "$name" "$value" "$unit" "${op:+(target $op $limit $unit: $verdict)}"
  if [ -n "${BENCH_FIGURES:-}" ]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(basename "$0" .sh)" "$name" "$value" "$unit" "${op:+$op $limit}" "$verdict" \
      >>"$BENCH_FIGURES"
  fi
}

# The browser bundle of target/site against its budgets (WebAssembly ≤ 250 KiB gzip; script,
# WebAssembly and stylesheet as a browser that accepts brotli fetches them ≤ 300 KiB): its
# figures, each counted in $figures_missed when over. The test command checks the assets it
# builds; benches/footprint.sh reports them with the rest.
bundle_budgets() {
  local bundle wasm js css
  bundle=$(sed -n 's/^bundle=//p' target/site/manifest.txt)
  wasm=target/site/pkg/${bundle}_bg.wasm
  js=target/site/pkg/$bundle.js
  css=target/site/pkg/$(sed -n 's/^stylesheet=//p' target/site/manifest.txt)
  files_kib() { awk -v b="$(cat "$@" | wc -c)" 'BEGIN { printf "%.1f", b / 1024 }'; }
  figure 'WebAssembly, gzip' "$(files_kib "$wasm.gz")" KiB '<=' 250
  figure 'WebAssembly, brotli' "$(files_kib "$wasm.br")" KiB
  figure 'script, brotli' "$(files_kib "$js.br")" KiB
  figure 'stylesheet, brotli' "$(files_kib "$css.br")" KiB
  figure 'script + WebAssembly + stylesheet, brotli' "$(files_kib "$js.br" "$wasm.br" "$css.br")" KiB '<=' 300
}
