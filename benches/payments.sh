#!/usr/bin/env bash
# Prints the server time of each payment step, from the portal's own request log (deploy
# build, loopback, SQLite, the built-in test provider on the same server): "Pay" (the portal
# signs an order, the test provider checks and stores it and answers signed, the attempt is
# written, 303 to the provider's page), the browser's return (signature checked, attempt and
# application locked, paid, 303), and the provider's callback (the same checks; it comes from
# the test provider right after the choice, so it is often the first to apply). COUNT
# applications (default 100) are made ready to pay directly in the database, then each is
# paid with curl as a browser would.
#   benches/payments.sh
#   COUNT=300 benches/payments.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
source benches/portal.sh

cargo build --profile deploy --features ssr --bin portal 2>/dev/null
port=${BENCH_PORT:-3222}
count=${COUNT:-100}
export PORTAL_LOG=info PORTAL_LOG_FORMAT=json
create_applicants payer@example.fi
log=$data/portal.log
site=http://127.0.0.1:$port
PORTAL_BIND=127.0.0.1:$port "$portal" >"$log" 2>&1 &
pid=$!
pids="$pids $pid"
wait_for "$site/readyz"

# COUNT work-permit applications of the applicant, declared and waiting for their fee.
python3 - "$data/portal.db" "$count" >"$data/applications" <<'PY'
import secrets, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
user = db.execute("SELECT id FROM users WHERE email = 'payer@example.fi'").fetchone()[0]
now = int(time.time())
for i in range(int(sys.argv[2])):
    db.execute(
        "INSERT INTO applications (public_id, user_id, kind, version, state, answers, reference, created_at, updated_at, expires_at)"
        " VALUES (?, ?, 'first-work', 1, 'ready-to-pay', '{\"values\":{},\"items\":{},\"done\":[]}', ?, ?, ?, ?)",
        (secrets.token_hex(10), user, "B%04d-%05d" % (i // 100000, i), now, now, now + 86400))
db.commit()
for (public_id,) in db.execute("SELECT public_id FROM applications"):
    print(public_id)
PY


jar=$data/cookies
form_post --data-urlencode "email=payer@example.fi" --data-urlencode "password=$BENCH_PASSWORD" "$site/login"
say "Paying $count applications with the test provider"
while read -r application; do
  provider=$(form_post -w "%{redirect_url}" --data "" "$site/applications/$application/payment")
  [ -n "$provider" ] || { echo "no provider page for $application" >&2; exit 1; }
  back=$(form_post -w '%{redirect_url}' --data-urlencode choice=ok "$provider")
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" "$back")
  [ "$code" = 303 ] || { echo "the return answered $code" >&2; exit 1; }
done <"$data/applications"
sleep 1
paid=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT COUNT(*) FROM payments WHERE state = 'paid'\").fetchone()[0])" "$data/portal.db")

# Server time per step (µs), from the request log's finished requests.
python3 - "$log" "$count" "$paid" <<'PY'
import json, re, sys
steps = {"Pay (order, 303 to the provider)": re.compile(r"^POST /applications/[^/]+/payment$"),
         "return (browser back)": re.compile(r"^GET /payments/[^/]+/return$"),
         "callback (provider)": re.compile(r"^GET /payments/[^/]+/callback$"),
         "test provider: take the order": re.compile(r"^POST /test-provider/payments$")}
times = {name: [] for name in steps}
for line in open(sys.argv[1]):
    try:
        entry = json.loads(line)
    except ValueError:
        continue
    fields, span = entry.get("fields", {}), entry.get("span", {})
    if fields.get("message") != "finished processing request":
        continue
    what = f"{span.get('method')} {span.get('path')}"
    latency = int(str(fields.get("latency", "0")).split()[0])
    for name, pattern in steps.items():
        if pattern.match(what):
            times[name].append(latency)
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))] / 1000
print(f"{int(sys.argv[3])} of {sys.argv[2]} applications paid")
print(f"{'step':36} {'n':>5} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
for name, values in times.items():
    if values:
        print(f"{name:36} {len(values):5} {pct(values, 50):8.2f} {pct(values, 99):8.2f} {max(values) / 1000:8.2f}")
PY
