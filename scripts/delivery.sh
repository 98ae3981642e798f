# Sourced after scripts/setup.sh, scripts/postgres.sh and scripts/instances.sh by the delivery
# test (scripts/delivery-test.sh) and benchmark (benches/delivery.sh): the database, the
# case-backend simulator, paid applications made directly in the database, "Send" for each as
# the applicant's browser posts it, and waiting until the simulator holds them all. Expects
# $work (a scratch directory) and $portal and $sim (binaries).

# A PostgreSQL server of its own (DB=postgres) or an SQLite file in $work: exports
# PORTAL_DATABASE_URL.
use_database() {
  if [ "${DB:-sqlite}" = postgres ]; then
    start_postgres
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U portal portal
    export PORTAL_DATABASE_URL=postgres://portal@127.0.0.1:$PG_PORT/portal
  else
    export PORTAL_DATABASE_URL=sqlite://$work/portal.db
  fi
}

# `-c STATEMENT` or `-f FILE` on the portal's database (psql's options); prints the rows.
sql() {
  case $PORTAL_DATABASE_URL in
    postgres://*) "$PG_BIN/psql" "$PORTAL_DATABASE_URL" -Atq -v ON_ERROR_STOP=1 "$@" ;;
    *)
      local file=${PORTAL_DATABASE_URL#sqlite://}
      file=${file%%\?*}
      python3 - "$file" "$@" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
args = sys.argv[2:]
text = open(args[1]).read() if args[0] == "-f" else args[1]
if args[0] == "-f":
    db.executescript(text)
else:
    for row in db.execute(text):
        print("|".join("" if v is None else str(v) for v in row))
db.commit()
PY
      ;;
  esac
}

# Starts the simulator on a free port with FAULT (and RATE for flaky); sets $sim_url and
# exports the portal's PORTAL_CASE_BACKEND_*.
start_simulator() {
  local port
  port=$(free_port)
  CASE_SIM_BIND=127.0.0.1:$port CASE_SIM_SECRET=delivery-test-shared-secret CASE_SIM_FAULT=$1 \
    "$sim" >"$work/sim.log" 2>&1 &
  sim_pid=$!
  sim_url=http://127.0.0.1:$port
  for _ in $(seq 100); do curl -fs "$sim_url/stats.json" >/dev/null && break; sleep 0.1; done
  [ -n "${2:-}" ] && curl -fs -o /dev/null --data "mode=$1&rate=$2" "$sim_url/control/fault"
  export PORTAL_CASE_BACKEND_URL=$sim_url PORTAL_CASE_BACKEND_SECRET=delivery-test-shared-secret
}

# Makes COUNT work-permit applications of EMAIL's account declared and paid, ready to send;
# writes their public ids to $work/applications.
seed_paid_applications() {
  local email=$1 count=$2
  python3 - "$email" "$count" "$work/applications" >"$work/seed.sql" <<'PY'
import secrets, sys, time
email, count, ids_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
now = int(time.time())
ids = [secrets.token_hex(10) for _ in range(count)]
batch = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(5))
user = f"(SELECT id FROM users WHERE email = '{email}')"
for n, public_id in enumerate(ids):
    reference = "%s-%05d" % (batch, n)
    print("INSERT INTO applications (public_id, user_id, kind, version, state, answers, reference, created_at, updated_at, expires_at)"
          f" VALUES ('{public_id}', {user}, 'first-work', 1, 'ready-to-pay', '{{\"values\":{{\"service-point\":\"helsinki\"}},\"items\":{{}},\"done\":[]}}', '{reference}', {now}, {now}, {now + 86400});")
    print("INSERT INTO payments (public_id, application_id, state, amount_cents, currency, reference, fee_category, provider, transaction_id, created_at, updated_at, expires_at, paid_at)"
          f" SELECT '{secrets.token_hex(10)}', id, 'paid', 75000, 'EUR', '{reference}', 'first-employed', 'paytrail', '{secrets.token_hex(8)}', {now}, {now}, {now + 3600}, {now}"
          f" FROM applications WHERE public_id = '{public_id}';")
open(ids_file, "w").write("\n".join(ids) + "\n")
PY
  sql -f "$work/seed.sql"
}

# Signs EMAIL in through SITE with curl; the session is in $work/cookies.
sign_in() {
  jar=$work/cookies
  curl -s -o /dev/null -c "$jar" -b "$jar" -H "origin: $2" -H 'sec-fetch-site: same-origin' \
    --data-urlencode "email=$1" --data-urlencode "password=$3" "$2/login"
}

# "Send" for the application ID through SITE, as its browser posts it; true on the 303 to its
# confirmation (after a send that was cut off, pressing it again lands there too).
send_one() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -m 10 -b "$jar" -H "origin: $2" \
    -H 'sec-fetch-site: same-origin' --data "" "$2/applications/$1/send")
  [[ $code == "303 "*"/applications/$1/sent" ]]
}

# Counts: sent applications, received ones, delivery jobs not done, dead ones.
delivery_counts() {
  sql -c "SELECT (SELECT COUNT(*) FROM applications WHERE state = 'sent'),
                (SELECT COUNT(*) FROM applications WHERE received_at IS NOT NULL),
                (SELECT COUNT(*) FROM job_queue WHERE kind = 'delivery' AND state <> 'done'),
                (SELECT COUNT(*) FROM job_queue WHERE kind = 'delivery' AND state = 'dead')"
}

# The simulator's figures: stored cases, distinct idempotency keys, duplicates answered.
simulator_counts() {
  curl -fs "$sim_url/cases.json" | python3 -c 'import json, sys; cases = json.load(sys.stdin); print(len(cases), len({c["idempotency_key"] for c in cases}))'
}

# Waits (at most SECONDS) until COUNT applications are received; false if they are not.
wait_received() {
  local count=$1 seconds=$2
  for _ in $(seq $((seconds * 4))); do
    [ "$(delivery_counts | cut -d'|' -f2)" = "$count" ] && return 0
    sleep 0.25
  done
  return 1
}

# The time from "Send" (sent_at) to the receipt recorded at the portal (received_at), over the
# received applications: "p50 p99 max", in milliseconds.
send_to_receipt_ms() {
  sql -c "SELECT received_at - sent_at FROM applications WHERE received_at IS NOT NULL ORDER BY 1" | python3 -c '
import sys
ms = [int(line) for line in sys.stdin if line.strip()]
pct = lambda p: ms[min(len(ms) - 1, int(len(ms) * p / 100))]
print(pct(50), pct(99), ms[-1])'
}
