#!/usr/bin/env bash
# Prints how fast the portal renders a signed-in question page (the work permit's "birth" step:
# a date, three radios, three country lists) at 8 and 32 connections, beside a bare axum server
# that serves the same page's saved bytes (benches/ceiling.rs) in the same run, and their ratio;
# then saving a step (check, write to the database, redirect) by 8 and by 32 applicants at
# once: saves per second, p50 and p99. Deploy builds on loopback ports of their own, with a
# throw-away data directory; wrk makes the load. The last line, `summary …`, is what
# benches/databases.sh collects.
#   benches/forms.sh                  # SQLite, one instance, 10 s per measurement
#   benches/forms.sh postgres://portal@127.0.0.1:5432/bench   # on that (empty) database
#   INSTANCES=2 benches/forms.sh      # two instances behind nginx (docs/deployment.md)
#   SECONDS_EACH=5 benches/forms.sh
#   PORTAL_BIN=/path/to/portal benches/forms.sh   # another build of the portal, e.g. an older one
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
source benches/portal.sh

ensure_wrk
cargo build --profile deploy --features ssr --bin portal --example ceiling --example saves 2>/dev/null
port=${BENCH_PORT:-3202}
ceiling_port=$((port + 1))
[ -n "${1:-}" ] && export PORTAL_DATABASE_URL=$1
# The applicant whose page is loaded, and the ones who save steps at once (benches/saves.rs).
create_applicants bench@example.fi $(seq -f 'bench%g@example.fi' 1 32)
if [ "${INSTANCES:-1}" = 2 ]; then start_two_behind_nginx "$port"; else start_portal "$port"; fi

# Signed in, with a draft: the page as an applicant sees it.
sign_in_with_draft bench@example.fi
page=$application/steps/birth
curl -s -b "$jar" -H 'accept-language: fi' "$page" >"$data/page.html"
target/deploy/examples/ceiling "$data/page.html" "127.0.0.1:$ceiling_port" &
pids="$pids $!"
wait_for "http://127.0.0.1:$ceiling_port/"

# Requests/s, p50 and p99 (ms) of one wrk run: URL CONNECTIONS.
measure() {
  wrk -t2 -c"$2" -d"${SECONDS_EACH:-10}s" --latency -H "cookie: $cookie" -H 'accept-language: fi' "$1" |
    awk '
      function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
      /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
      /Non-2xx/ { bad = $NF }
      END { if (bad) { print "error: " bad " responses were not 2xx" > "/dev/stderr"; exit 1 }
            printf "%.0f %.2f %.2f\n", rps, p50, p99 }'
}

echo "== The question page on $(nproc) cores, ${INSTANCES:-1} instance(s) on $(database=${PORTAL_DATABASE_URL:-sqlite:}; echo "${database%%:*}") ($(wc -c <"$data/page.html") bytes of HTML), wrk 2 threads"
printf '%-12s %-10s %10s %10s %10s\n' connections server 'requests/s' 'p50 ms' 'p99 ms'
for connections in 8 32; do
  read -r rps p50 p99 < <(measure "$page" "$connections")
  [ "$connections" = 8 ] && page_figures="$rps $p50 $p99"
  read -r ceiling_rps ceiling_p50 ceiling_p99 < <(measure "http://127.0.0.1:$ceiling_port/" "$connections")
  printf '%-12s %-10s %10s %10s %10s\n' "$connections" portal "$rps" "$p50" "$p99"
  printf '%-12s %-10s %10s %10s %10s\n' "$connections" ceiling "$ceiling_rps" "$ceiling_p50" "$ceiling_p99"
  awk -v a="$rps" -v b="$ceiling_rps" 'BEGIN { printf "%-12s portal / ceiling: %.2f\n", "", a / b }'
done

echo "== Saving a step, by 8 and by 32 applicants at once"
target/deploy/examples/saves "$site" bench "$BENCH_PASSWORD" "${REQUESTS:-1000}" | tee "$data/saves" | grep -v '^saves '
# The page at 8 connections: requests/s, p50, p99; saves by 8 and by 32 at once: saves/s, p50,
# p99 (ms).
awk -v page="$page_figures" '/^saves 8 / { s8 = $3 " " $4 " " $5 } /^saves 32 / { s32 = $3 " " $4 " " $5 }
  END { print "summary", page, s8, s32 }' "$data/saves"
