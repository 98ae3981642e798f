#!/usr/bin/env bash
# Two portal processes on one PostgreSQL behind Debian's nginx (docs/deployment/nginx.conf), as
# docs/deployment.md describes, checked the way a user and an attacker meet them:
#   - a user logs in through one instance and goes on through the other;
#   - a 15 MB attachment passes nginx, a form body over nginx's small limit does not;
#   - wrong passwords sent through both count against one allowance;
#   - the draft-expiry job runs once, on one of the two;
#   - one instance restarting (SIGTERM, then started again) loses no request.
# Uses the debug build (scripts/test.sh builds it) unless PORTAL_BIN names another.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source scripts/postgres.sh
source scripts/nginx.sh
source scripts/instances.sh

portal=${PORTAL_BIN:-target/debug/portal}
[ -x "$portal" ] || cargo build --features ssr --bin portal
work=$(mktemp -d)
pids=
cleanup() {
  stop_nginx "$work/nginx"
  kill $pids 2>/dev/null || true
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAILED: $*" >&2
  for log in "$work"/instance-*.log "$work/nginx/access.log"; do echo "--- $log" >&2; tail -n 30 "$log" >&2; done
  exit 1
}

start_postgres
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U portal portal
psql_portal() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U portal -d portal -Atq -c "$1"; }

nginx_port=$(free_port)
site=http://127.0.0.1:$nginx_port
# What every instance shares: the database, the key of secrets at rest and of the rate limits'
# keyed hashes, the public address, and which proxy to believe.
export PORTAL_DATABASE_URL=postgres://portal@127.0.0.1:$PG_PORT/portal
export PORTAL_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
export PORTAL_PUBLIC_URL=$site PORTAL_TRUSTED_PROXIES=127.0.0.1 PORTAL_LOG=info
# The per-client limit well above this test's tries: it checks the per-account one.
export PORTAL_CLIENT_ATTEMPTS_PER_MINUTE=1000

say "Two instances on one PostgreSQL behind nginx"
password='tuulinen lokakuun aamu'
PORTAL_DATA_DIR=$work/setup "$portal" admin create-account applicant maria@example.fi <<<"$password" >/dev/null
# A draft whose 90 days are over, for the expiry job to delete.
psql_portal "INSERT INTO applications (public_id, user_id, kind, version, answers, created_at, updated_at, expires_at)
             SELECT 'expired-draft', id, 'first-work', 1, '{}', 1, 1, 1 FROM users WHERE email = 'maria@example.fi'"

declare -A port
port[a]=$(free_port)
port[b]=$(free_port)
start_instance a
start_instance b

start_nginx "$work/nginx" "127.0.0.1:$nginx_port" "127.0.0.1:${port[a]}" "127.0.0.1:${port[b]}" || fail "nginx did not start"

jar=$work/cookies
post() { curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$jar" -b "$jar" -H "origin: $site" -H 'sec-fetch-site: same-origin' "$@"; }
get() { curl -s -o "$work/page.html" -w '%{http_code}' -b "$jar" -H 'accept-language: en' "$site$1"; }
# The instance that answered the last request through nginx.
last_upstream() { tail -n 1 "$work/nginx/access.log" | awk '{ print $4 }'; }

# 1. Log in through one instance, go on through the other.
answer=$(post --data-urlencode email=maria@example.fi --data-urlencode "password=$password" "$site/login")
[ "$answer" = "303 $site/account" ] || fail "login answered $answer"
login_by=$(last_upstream)
served_by=
for _ in 1 2 3 4; do
  [ "$(get /account)" = 200 ] && grep -q maria@example.fi "$work/page.html" || fail "the session was not known on $(last_upstream)"
  served_by="$served_by $(last_upstream)"
done
case "$served_by" in *"$login_by"*) ;; *) fail "no page came from the instance that logged in ($login_by)" ;; esac
[ "$(echo "$served_by" | tr ' ' '\n' | sort -u | grep -c .)" = 2 ] || fail "the pages came from one instance only:$served_by"
echo "logged in through $login_by; signed-in pages from$served_by"

# 1b. Attachments as large as the limits allow pass nginx (15 MB here); another body over
# nginx's small limit for forms is refused by nginx before it reaches an instance.
python3 scripts/big-pdf.py 15000000 "$work/big.pdf"
draft=$(post -X POST "$site/apply/first-work")
draft=${draft#303 }
draft=${draft%/steps/names}
answer=$(post -F "file=@$work/big.pdf;filename=passi.pdf" "$draft/attachments/passport-copy")
[ "$answer" = "303 $draft/attachments" ] || fail "a 15 MB upload through nginx answered $answer"
[ "$(get "${draft#$site}/attachments")" = 200 ] && grep -q 'The files were added' "$work/page.html" ||
  fail "the 15 MB file was not added"
head -c 3000000 /dev/zero | tr '\0' x >"$work/big-form"
answer=$(post --data-binary "@$work/big-form" -H 'content-type: application/x-www-form-urlencoded' "$site/login")
[ "${answer%% *}" = 413 ] || fail "a 3 MB form through nginx answered $answer"
echo "a 15 MB attachment passed nginx; a 3 MB form did not"

# 2. Wrong passwords through both instances count against one allowance: five, then 429.
: >"$work/tries"
for try in 1 2 3 4 5 6 7; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "origin: $site" -H 'sec-fetch-site: same-origin' \
    --data-urlencode email=maria@example.fi --data-urlencode password=wrong "$site/login")
  echo "$try $status $(last_upstream)" >>"$work/tries"
done
awk '$1 <= 5 && $2 != 303 { exit 1 } $1 > 5 && $2 != 429 { exit 1 }' "$work/tries" ||
  fail "the tries were not counted across instances: $(tr '\n' ';' <"$work/tries")"
[ "$(awk '$1 <= 5 { print $3 }' "$work/tries" | sort -u | grep -c .)" = 2 ] ||
  fail "the five tries did not go through both instances: $(tr '\n' ';' <"$work/tries")"
echo "wrong passwords: $(awk '{ printf "%s→%s ", $3, $2 }' "$work/tries")"

# 3. The expiry job ran once, on one instance, and the draft is gone.
read -r runs ran_by < <(psql_portal "SELECT runs, last_run_by FROM scheduled_jobs WHERE name = 'delete-expired-drafts'" | tr '|' ' ')
[ "$runs" = 1 ] || fail "the expiry job ran $runs times"
logged=$(grep -l 'delete-expired-drafts' "$work"/instance-*.log | wc -l)
[ "$logged" = 1 ] || fail "$logged instances logged the expiry job"
[ "$(psql_portal "SELECT COUNT(*) FROM applications WHERE public_id = 'expired-draft'")" = 0 ] || fail "the expired draft is still there"
echo "the expiry job ran once, on instance $ran_by"

# 4. A rolling restart: instance a stops (SIGTERM: it finishes what it is serving) and comes
# back; meanwhile every page is served by b.
kill -TERM "$pid_a"
wait "$pid_a" 2>/dev/null || true
grep -q stopped "$work/instance-a.log" || fail "instance a did not stop gracefully"
for _ in 1 2 3 4; do
  [ "$(get /account)" = 200 ] || fail "a page was lost while instance a was down"
done
start_instance a
for _ in 1 2 3 4; do
  [ "$(get /account)" = 200 ] || fail "a page was lost after instance a came back"
done
echo "instance a restarted; no request lost"
say "Two instances behind nginx: all checks passed"
