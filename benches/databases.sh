#!/usr/bin/env bash
# The question page and a step save on SQLite and on PostgreSQL, with one instance and with two
# behind nginx, in one run on this machine: benches/forms.sh four times, against a PostgreSQL
# server of this script's own (scripts/postgres.sh), then one table.
#   benches/databases.sh                  # 5 s per page measurement, 1000 saves
#   SECONDS_EACH=10 REQUESTS=2000 benches/databases.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
source scripts/postgres.sh
export SECONDS_EACH=${SECONDS_EACH:-5} REQUESTS=${REQUESTS:-1000}
start_postgres
trap stop_postgres EXIT
results=$(mktemp)
run=0
for database in sqlite postgres; do
  for instances in 1 2; do
    run=$((run + 1))
    url=
    if [ "$database" = postgres ]; then
      "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U portal "bench_$run"
      url=postgres://portal@127.0.0.1:$PG_PORT/bench_$run
    fi
    say "$database, $instances instance(s)"
    INSTANCES=$instances BENCH_PORT=$((3300 + run * 20)) benches/forms.sh $url | tee -a /dev/stderr |
      awk -v label="$database $instances" '/^summary/ { $1 = label; print }' >>"$results"
  done
done
echo
echo "== $(nproc) cores; page: the signed-in question page, wrk 8 connections, ${SECONDS_EACH} s; save: a step, 4 at a time, $REQUESTS saves"
printf '%-10s %-10s %12s %12s %12s %12s %12s\n' database instances 'page req/s' 'page p50 ms' 'page p99 ms' 'save p50 ms' 'save p99 ms'
awk '{ printf "%-10s %-10s %12s %12s %12s %12s %12s\n", $1, $2, $3, $4, $5, $6, $7 }' "$results"
rm -f "$results"
