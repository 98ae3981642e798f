# Sourced by the benchmark scripts after scripts/setup.sh: a portal of their own on a loopback
# port (or two behind nginx), with a throw-away data directory (removed, with the servers
# started, on exit), and an applicant signed in with curl.
source scripts/nginx.sh

# The build to measure: the deploy build, or another one (e.g. an older commit's).
portal=${PORTAL_BIN:-target/deploy/portal}
BENCH_PASSWORD='tuulinen lokakuun aamu'
data=$(mktemp -d)
pids=
trap 'stop_nginx "$data/nginx"; kill $pids 2>/dev/null; rm -rf "$data"' EXIT
# Every applicant of a benchmark signs in from 127.0.0.1: the per-client limit is lifted.
export PORTAL_DATA_DIR=$data PORTAL_LOG=warn PORTAL_CLIENT_ATTEMPTS_PER_MINUTE=100000

# Creates an applicant account for each address given, with $BENCH_PASSWORD.
create_applicants() {
  for email; do echo "$BENCH_PASSWORD" | "$portal" admin create-account applicant "$email" >/dev/null; done
}

# Waits (up to 10 s) until URL answers; fails when it never does.
wait_for() {
  for _ in $(seq 100); do curl -fs "$1" >/dev/null && return; sleep 0.1; done
  echo "$1 never answered" >&2
  return 1
}

# Starts the portal on 127.0.0.1:PORT (with the PORTAL_* variables exported) and waits until it
# is ready; sets $site and $pid.
start_portal() {
  site=http://127.0.0.1:$1
  PORTAL_BIND=127.0.0.1:$1 "$portal" >/dev/null &
  pid=$!
  pids="$pids $pid"
  wait_for "$site/readyz" || { echo "the portal on port $1 never became ready" >&2; exit 1; }
}

# Starts two instances (on PORT+10 and PORT+11, sharing the database and the data directory)
# behind nginx on 127.0.0.1:PORT, as docs/deployment.md deploys them; sets $site to nginx.
start_two_behind_nginx() {
  local front=127.0.0.1:$1
  export PORTAL_PUBLIC_URL=http://$front PORTAL_TRUSTED_PROXIES=127.0.0.1
  PORTAL_INSTANCE=a start_portal $(($1 + 10))
  local a=${site#http://}
  PORTAL_INSTANCE=b start_portal $(($1 + 11))
  start_nginx "$data/nginx" "$front" "$a" "${site#http://}"
  site=http://$front
}

# A form post as the browser of $jar sends it.
form_post() {
  curl -s -o /dev/null -c "$jar" -b "$jar" -H "origin: $site" -H 'sec-fetch-site: same-origin' "$@"
}

# Signs EMAIL in and starts a work-permit draft: sets $jar (the cookie file), $cookie (the
# session cookie alone, for other clients) and $application (the draft's address).
sign_in_with_draft() {
  jar=$data/cookies
  form_post --data-urlencode "email=$1" --data-urlencode "password=$BENCH_PASSWORD" "$site/login"
  local names
  names=$(form_post -w '%{redirect_url}' -X POST "$site/apply/first-work")
  application=${names%/steps/names}
  cookie=$(awk -F'\t' 'NF == 7 && $6 ~ /session$/ { print $6 "=" $7 }' "$jar")
}
