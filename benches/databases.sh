#!/usr/bin/env bash
# The question page and step saves on SQLite and on PostgreSQL, with one instance and with two
# behind nginx, in one run on this machine: benches/forms.sh for each, against a PostgreSQL
# server of this script's own (scripts/postgres.sh), then one table. With PORTAL_BIN_BEFORE,
# each is measured with that build too ("before") beside this tree's deploy build ("after").
# Fails when this build misses a target: the page at 4,500 req/s on SQLite and 3,000 on
# PostgreSQL, and 2,000 saves/s by 32 applicants on PostgreSQL (one instance).
#   benches/databases.sh                  # 5 s per page measurement, 1000 saves
#   SECONDS_EACH=10 REQUESTS=2000 benches/databases.sh
#   PORTAL_BIN_BEFORE=/tmp/old/portal benches/databases.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
source scripts/postgres.sh
export SECONDS_EACH=${SECONDS_EACH:-5} REQUESTS=${REQUESTS:-1000}
cargo build --profile deploy --features ssr --bin portal 2>/dev/null
builds="after=$ROOT/target/deploy/portal"
[ -n "${PORTAL_BIN_BEFORE:-}" ] && builds="before=$PORTAL_BIN_BEFORE $builds"
start_postgres
trap stop_postgres EXIT
results=$(mktemp)
run=0
for database in sqlite postgres; do
  for instances in 1 2; do
    for build in $builds; do
      run=$((run + 1))
      url=
      if [ "$database" = postgres ]; then
        "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U portal "bench_$run"
        url=postgres://portal@127.0.0.1:$PG_PORT/bench_$run
      fi
      say "$database, $instances instance(s), ${build%%=*}"
      PORTAL_BIN=${build#*=} INSTANCES=$instances BENCH_PORT=$((3300 + run * 20)) benches/forms.sh $url |
        tee -a /dev/stderr | awk -v label="$database $instances ${build%%=*}" '/^summary/ { $1 = label; print }' >>"$results"
    done
  done
done
echo
echo "== $(nproc) cores; page: the signed-in question page, wrk 8 connections, ${SECONDS_EACH} s; saves: $REQUESTS steps saved by 8 and by 32 applicants at once"
printf '%-9s %-4s %-7s %10s %8s %8s | %9s %8s %8s | %9s %8s %8s\n' database inst build 'page req/s' p50 p99 'saves/s 8' p50 p99 'saves/s 32' p50 p99
awk '{ printf "%-9s %-4s %-7s %10s %8s %8s | %9s %8s %8s | %9s %8s %8s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 }' "$results"
echo "== Targets (this build, one instance)"
read -r _ _ _ sqlite_page _ < <(awk '$1 == "sqlite" && $2 == 1 && $3 == "after"' "$results")
read -r _ _ _ pg_page _ _ _ _ _ pg_saves _ < <(awk '$1 == "postgres" && $2 == 1 && $3 == "after"' "$results")
figure 'SQLite: the question page' "$sqlite_page" 'req/s' '>=' 4500
figure 'PostgreSQL: the question page' "$pg_page" 'req/s' '>=' 3000
figure 'PostgreSQL: saves by 32 applicants' "$pg_saves" 'saves/s' '>=' 2000
rm -f "$results"
[ "$figures_missed" = 0 ] || { echo "$figures_missed figure(s) missed the target" >&2; exit 1; }
