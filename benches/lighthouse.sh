#!/usr/bin/env bash
# Prints Lighthouse's four scores (performance, accessibility, best practices, SEO) for the
# start page, a signed-in question page and "check your answers", with mobile emulation and
# Lighthouse's default throttling, in Debian's Chromium. A deploy build on a loopback port of
# its own with a throw-away data directory. Figures only: nothing here passes or fails.
#   benches/lighthouse.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
source benches/portal.sh

ensure_wasm_target
ensure_wasm_bindgen
ensure_node_modules
ensure_chromium
if [ ! -x benches/lighthouse/node_modules/.bin/lighthouse ]; then
  say "Installing Lighthouse"
  (cd benches/lighthouse && npm ci --no-audit --no-fund)
fi
build_assets >/dev/null
cargo build --profile deploy --features ssr --bin portal 2>/dev/null

create_applicants lighthouse@example.fi
start_portal "${BENCH_PORT:-3204}"
sign_in_with_draft lighthouse@example.fi

echo "== Lighthouse $(benches/lighthouse/node_modules/.bin/lighthouse --version), mobile, default throttling"
printf '%-28s %12s %14s %15s %6s\n' page performance accessibility 'best practices' SEO
for entry in "start page|$site/?lang=fi" "question page (birth)|$application/steps/birth" "check your answers|$application/check"; do
  name=${entry%%|*}
  url=${entry#*|}
  CHROME_PATH=/usr/bin/chromium benches/lighthouse/node_modules/.bin/lighthouse "$url" \
    --quiet --output=json --output-path="$data/report.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-background-networking" \
    --extra-headers="{\"Cookie\": \"$cookie\", \"Accept-Language\": \"fi\"}" \
    --only-categories=performance,accessibility,best-practices,seo >"$data/lighthouse.log" 2>&1 || { echo "$name: Lighthouse failed:"; grep -iv "^ *at " "$data/lighthouse.log" | tail -8; continue; }
  node -e '
    const report = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
    const score = (id) => Math.round(report.categories[id].score * 100);
    const line = [process.argv[2].padEnd(28), String(score("performance")).padStart(12),
      String(score("accessibility")).padStart(14), String(score("best-practices")).padStart(15),
      String(score("seo")).padStart(6)];
    console.log(line.join(" "));
    const failed = Object.values(report.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary").map((a) => a.id);
    if (failed.length) console.log(`${"".padEnd(28)} not passed: ${failed.join(", ")}`);
  ' "$data/report.json" "$name"
done
