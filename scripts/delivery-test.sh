#!/usr/bin/env bash
# Every sent application reaches the case backend exactly once in effect, whatever fails:
# COUNT (200) paid applications are sent while the case-backend simulator is flaky (half its
# deliveries fail: 500, 503, a reset, stored with the answer cut off, or a second slow) and the
# portal is killed (kill -9) and started again several times, each time while it holds a
# delivery in flight. Then every application must be received, the simulator must hold exactly
# COUNT cases under COUNT distinct idempotency keys, no delivery may be left queued or dead,
# and p99 from Send to receipt must be under 10 s. The faults and the kills must have hit:
# the simulator counts faults and duplicates (answers lost, so sent again), and the kills cut
# off deliveries in flight (rows a killed instance left claimed).
#   scripts/delivery-test.sh                      one instance on SQLite
#   DB=postgres INSTANCES=2 scripts/delivery-test.sh
#                                                 two instances on PostgreSQL behind nginx,
#                                                 killed in turn
# Uses the debug build (scripts/test.sh builds it) unless PORTAL_BIN names another.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source scripts/postgres.sh
source scripts/nginx.sh
source scripts/instances.sh
source scripts/delivery.sh

portal=${PORTAL_BIN:-target/debug/portal}
sim=$(dirname "$portal")/case-backend-sim
[ -x "$portal" ] && [ -x "$sim" ] || cargo build --features ssr --bin portal --bin case-backend-sim
count=${COUNT:-200}
instances=${INSTANCES:-1}
work=$(mktemp -d)
pids=
cleanup() {
  stop_nginx "$work/nginx"
  kill $pids ${sim_pid:-} 2>/dev/null || true
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAILED: $*" >&2
  for log in "$work"/instance-*.log "$work/sim.log"; do echo "--- $log" >&2; tail -n 20 "$log" >&2; done
  exit 1
}

use_database
export PORTAL_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
export PORTAL_LOG=info PORTAL_CLIENT_ATTEMPTS_PER_MINUTE=10000
# Quick retries and a short time limit, so that the faults are many and the test is short.
export PORTAL_CASE_BACKEND_TIMEOUT_SECONDS=2
export PORTAL_JOB_RETRY_FIRST_MS=100 PORTAL_JOB_RETRY_LONGEST_SECONDS=2
# A slow answer takes a second: within the time limit, long enough to be in flight at a kill.
export CASE_SIM_SLOW_SECONDS=1

say "Sending $count applications to a flaky case backend, $instances instance(s) on ${DB:-sqlite}, killed with -9 and restarted"
password='tuulinen lokakuun aamu'
PORTAL_DATA_DIR=$work/setup "$portal" admin create-account applicant sender@example.fi <<<"$password" >/dev/null
start_simulator flaky 1.0

declare -A port
names=(a b)
names=("${names[@]:0:$instances}")
for name in "${names[@]}"; do port[$name]=$(free_port); done
if [ "$instances" = 2 ]; then
  front=127.0.0.1:$(free_port)
  export PORTAL_PUBLIC_URL=http://$front PORTAL_TRUSTED_PROXIES=127.0.0.1
  start_instance a
  start_instance b
  start_nginx "$work/nginx" "$front" "127.0.0.1:${port[a]}" "127.0.0.1:${port[b]}"
  site=http://$front
else
  site=http://127.0.0.1:${port[a]}
  export PORTAL_PUBLIC_URL=$site
  start_instance a
fi
seed_paid_applications sender@example.fi "$count"
sign_in sender@example.fi "$site" "$password"

# The applicant presses "Send" for each; a press that meets a killed instance is pressed again.
(
  while read -r id; do
    for try in $(seq 100); do send_one "$id" "$site" && break; sleep 0.2; done
    [ "$try" = 100 ] && echo "$id" >>"$work/unsent"
    sleep 0.02
  done <"$work/applications"
) &
sender=$!

# The deliveries instance NAME holds: claimed by it and running.
held_by() {
  sql -c "SELECT COUNT(*) FROM job_queue WHERE kind = 'delivery' AND state = 'running' AND claimed_by = 'instance-$1'"
}

# Meanwhile the instances are killed outright, in turn, and started again: each when it holds
# a delivery (waiting at most 5 s for one), and what it still holds once dead is what the kill
# cut off in flight.
in_flight=0
for round in 1 2 3 4 5; do
  sleep 1
  name=${names[$((round % instances))]}
  for _ in $(seq 100); do [ "$(held_by "$name")" -gt 0 ] && break; sleep 0.05; done
  eval "kill -9 \$pid_$name"
  wait "$(eval echo "\$pid_$name")" 2>/dev/null || true
  cut=$(held_by "$name")
  in_flight=$((in_flight + cut))
  echo "  killed instance $name (round $round) with $cut deliveries in flight"
  sleep 0.3
  start_instance "$name"
done
wait "$sender"
[ -s "$work/unsent" ] && fail "$(wc -l <"$work/unsent") applications could not be sent"
[ "$in_flight" -gt 0 ] || fail "no kill cut off a delivery in flight"

wait_received "$count" 180 || fail "not every application was received: $(delivery_counts)"
read -r stored keys <<<"$(simulator_counts)"
counts=$(delivery_counts)
[ "$counts" = "$count|$count|0|0" ] || fail "sent|received|not done|dead = $counts"
[ "$stored" = "$count" ] && [ "$keys" = "$count" ] || fail "the simulator holds $stored cases under $keys keys"
say "All $count received once: $(curl -fs "$sim_url/stats.json")"
read -r faults duplicates <<<"$(curl -fs "$sim_url/stats.json" | python3 -c 'import json, sys; c = json.load(sys.stdin)["counts"]; print(c["faults"], c["duplicates"])')"
[ "$faults" -gt 0 ] && [ "$duplicates" -gt 0 ] || fail "the faults did not hit: $faults faults, $duplicates duplicates"
echo "Hit: $faults faults at the backend, $duplicates deliveries sent again after a lost answer, $in_flight cut off by kills"
# A restarted instance takes back the deliveries it held when it was killed, at once: none
# waits for a lease to run out.
read -r p50 p99 max <<<"$(send_to_receipt_ms)"
echo "Send → received under kill -9: p50 $p50 ms, p99 $p99 ms, max $max ms"
[ "$p99" -lt 10000 ] || fail "p99 from Send to receipt is $p99 ms, not under 10 s"
