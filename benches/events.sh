#!/usr/bin/env bash
# Prints how fast the portal takes the case backend's events (deploy build, loopback, SQLite or
# PostgreSQL), with COUNT applications sent and received first (through the simulator):
#   - throughput: 3 × COUNT signed events (identity visit, in processing, received again)
#     posted by 8 clients at once, as a backend catching up would: events applied per second;
#   - event → page: for each of COUNT applications, the time from posting its event until the
#     applicant's page shows it (the post answered, then the page asked for), p50 and p99.
#   benches/events.sh
#   COUNT=500 DB=postgres benches/events.sh
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
start_simulator none
"$portal" >>"$work/portal.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -fs "$site/readyz" >/dev/null && break; sleep 0.1; done

seed_paid_applications sender@example.fi "$count"
sign_in sender@example.fi "$site" "$password"
while read -r id; do send_one "$id" "$site" || { echo "could not send $id" >&2; exit 1; }; done <"$work/applications"
wait_received "$count" 120 || { echo "not all received: $(delivery_counts)" >&2; exit 1; }
sql -c "SELECT public_id, case_id FROM applications WHERE case_id IS NOT NULL" >"$work/cases"

python3 - "$site" "$PORTAL_CASE_BACKEND_SECRET" "$work/cases" "$password" "${DB:-sqlite}" <<'PY'
import hashlib, hmac, http.client, json, secrets, statistics, sys, threading, time, urllib.parse
site, secret, cases_file, password, db = sys.argv[1:]
host, port = urllib.parse.urlparse(site).hostname, urllib.parse.urlparse(site).port
cases = [line.split("|") for line in open(cases_file).read().split()]

def post_event(connection, application, case, kind, extra=None):
    event = {"contract": 1, "event_id": "EV-" + secrets.token_hex(8), "application_id": application,
             "case_id": case, "type": kind, "occurred_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    event.update(extra or {})
    body = json.dumps(event).encode()
    now = str(int(time.time()))
    signature = "v1=" + hmac.new(secret.encode(), now.encode() + b"." + body, hashlib.sha256).hexdigest()
    connection.request("POST", "/case-backend/v1/events", body, {
        "content-type": "application/json", "idempotency-key": event["event_id"],
        "portal-timestamp": now, "portal-signature": signature})
    response = connection.getresponse()
    response.read()
    assert response.status == 200, response.status

# Throughput: 8 clients, 3 events per application.
visit = {"identity_visit": {"service_point": "helsinki", "by": "2027-03-01"}}
work = [(a, c, "identity-visit-needed", visit) for a, c in cases] + [(a, c, "received", None) for a, c in cases]
work += [(a, c, "received", None) for a, c in cases]
lock = threading.Lock()
def client():
    connection = http.client.HTTPConnection(host, port)
    while True:
        with lock:
            if not work:
                return
            item = work.pop()
        try:
            post_event(connection, *item)
        except (http.client.HTTPException, ConnectionError):
            connection = http.client.HTTPConnection(host, port)
            post_event(connection, *item)
started = time.perf_counter()
threads = [threading.Thread(target=client) for _ in range(8)]
for thread in threads: thread.start()
for thread in threads: thread.join()
elapsed = time.perf_counter() - started
print(f"{db}: {3 * len(cases)} events applied in {elapsed:.2f} s by 8 clients: {3 * len(cases) / elapsed:.0f} events/s")

# Event → page: the applicant's page asked for once the event is answered.
def connect():
    return http.client.HTTPConnection(host, port)
page = connect()
form = urllib.parse.urlencode({"email": "sender@example.fi", "password": password})
page.request("POST", "/login", form, {"content-type": "application/x-www-form-urlencoded",
                                       "origin": site, "sec-fetch-site": "same-origin"})
response = page.getresponse(); response.read()
cookie = "; ".join(value.split(";")[0] for value in response.msg.get_all("set-cookie"))
backend = connect()
times = []
for application, case in cases:
    started = time.perf_counter()
    post_event(backend, application, case, "in-processing")
    page.request("GET", f"/applications/{application}/sent", headers={"cookie": cookie, "accept-language": "en"})
    response = page.getresponse()
    html = response.read().decode()
    assert response.status == 200, (response.status, response.getheader("location"))
    assert 'id="sent-processing" class="pt-timeline__step pt-timeline__step--now"' in html, html[:2000]
    times.append((time.perf_counter() - started) * 1000)
times.sort()
pct = lambda p: times[min(len(times) - 1, int(len(times) * p / 100))]
print(f"{db}: event → the applicant's page showing it, {len(times)} applications: "
      f"p50 {pct(50):.1f} ms, p99 {pct(99):.1f} ms, max {times[-1]:.1f} ms")
PY
