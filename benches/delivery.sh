#!/usr/bin/env bash
# Prints how fast sent applications reach the case backend (deploy build, loopback, SQLite or
# PostgreSQL, the project's case-backend simulator answering at once):
#   - latency: from "Send" (the application's sent_at) to the backend's receipt recorded at the
#     portal (received_at, just after the simulator stored the case), p50 and p99, with COUNT
#     applications sent one after another as applicants press "Send";
#   - throughput: a backlog of COUNT queued deliveries (sent while no backend was configured)
#     drained by one instance's worker (PORTAL_JOB_CONCURRENCY, 4).
#   benches/delivery.sh
#   COUNT=500 DB=postgres benches/delivery.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
source scripts/postgres.sh
source scripts/instances.sh
source scripts/delivery.sh

cargo build --profile deploy --features ssr --bin portal --bin case-backend-sim 2>/dev/null
portal=target/deploy/portal
sim=target/deploy/case-backend-sim
count=${COUNT:-200}
work=$(mktemp -d)
trap 'kill ${pid:-} ${sim_pid:-} 2>/dev/null; stop_postgres; rm -rf "$work"' EXIT
use_database
export PORTAL_DATA_DIR=$work/data PORTAL_LOG=warn PORTAL_CLIENT_ATTEMPTS_PER_MINUTE=100000
password='tuulinen lokakuun aamu'
"$portal" admin create-account applicant sender@example.fi <<<"$password" >/dev/null
port=$(free_port)
site=http://127.0.0.1:$port
export PORTAL_BIND=127.0.0.1:$port PORTAL_PUBLIC_URL=$site
start() {
  "$portal" >>"$work/portal.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -fs "$site/readyz" >/dev/null && return; sleep 0.1; done
  echo "the portal did not start" >&2; exit 1
}
now_ms() { python3 -c 'import time; print(int(time.time() * 1000))'; }

# Latency: each application sent as an applicant presses "Send", the backend answering at once.
start_simulator none
start
seed_paid_applications sender@example.fi "$count"
sign_in sender@example.fi "$site" "$password"
while read -r id; do send_one "$id" "$site" || { echo "could not send $id" >&2; exit 1; }; done <"$work/applications"
wait_received "$count" 120 || { echo "not all received: $(delivery_counts)" >&2; exit 1; }
read -r p50 p99 max <<<"$(send_to_receipt_ms)"

# Throughput: a backlog sent while no backend was configured, drained after a restart with one.
stop() {
  kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
}
stop
(unset PORTAL_CASE_BACKEND_URL PORTAL_CASE_BACKEND_SECRET; start; echo "$pid" >"$work/pid")
pid=$(cat "$work/pid")
seed_paid_applications sender@example.fi "$count"
sign_in sender@example.fi "$site" "$password"
while read -r id; do send_one "$id" "$site" || { echo "could not send $id" >&2; exit 1; }; done <"$work/applications"
stop
started=$(now_ms)
start
wait_received "$((count * 2))" 300 || { echo "the backlog was not drained: $(delivery_counts)" >&2; exit 1; }
last=$(sql -c "SELECT MAX(received_at) FROM applications")
read -r stored keys <<<"$(simulator_counts)"

echo "Send → received, $count applications sent one after another: p50 $p50 ms, p99 $p99 ms, max $max ms"
python3 - "$count" "$started" "$last" "$stored" "$keys" <<'PY'
import sys
count, started, last, stored, keys = map(int, sys.argv[1:])
seconds = (last - started) / 1000
print(f"Backlog of {count} deliveries drained in {seconds:.2f} s after the start: {count / seconds:.0f} deliveries/s")
print(f"The simulator holds {stored} cases under {keys} idempotency keys")
PY
