#!/usr/bin/env bash
# Runs every benchmark, one after another, and prints one table of the figures they measure
# against their targets (`figure`, scripts/setup.sh), with each benchmark's outcome. Each
# benchmark's whole output is kept in the log directory printed at the end. Fails when a
# benchmark failed (a budget missed, a server that never became ready) or a figure missed its
# target. Takes the better part of an hour on two cores.
#   benches/all.sh
#   BENCHES="footprint attachments databases" benches/all.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
BENCH_FIGURES=$(mktemp)
export BENCH_FIGURES
logs=$(mktemp -d)
failed=0
for bench in ${BENCHES:-footprint forms databases attachments upload-bombs abuse logins payments delivery events lighthouse}; do
  say "benches/$bench.sh (log: $logs/$bench.log)"
  if "benches/$bench.sh" >"$logs/$bench.log" 2>&1; then
    outcome=ran
  else
    outcome=FAILED
    failed=$((failed + 1))
  fi
  printf '%s\t(the benchmark)\t%s\t\t\t\n' "$bench" "$outcome" >>"$BENCH_FIGURES"
done
echo
echo "== Every benchmark on $(nproc) cores, $(date -u +%Y-%m-%d)"
printf '%-13s %-52s %10s %-8s %-10s %s\n' benchmark figure value unit target verdict
awk -F'\t' '{ printf "%-13s %-52s %10s %-8s %-10s %s\n", $1, $2, $3, $4, $5, $6 }' "$BENCH_FIGURES"
missed=$(awk -F'\t' '$6 == "MISSED"' "$BENCH_FIGURES" | wc -l)
rm -f "$BENCH_FIGURES"
echo "logs: $logs"
[ "$failed" = 0 ] && [ "$missed" = 0 ] || { echo "$failed benchmark(s) failed, $missed figure(s) missed" >&2; exit 1; }
