#!/usr/bin/env bash
# Prints login latency (each login hashes a password with Argon2id) and the latency of an
# ordinary page loaded at the same time, against a release build on a loopback port of its own
# with a throw-away data directory.
#   benches/logins.sh                    # 40 accounts × 5 logins, 4 logins and 4 page loads at a time
#   ACCOUNTS=20 benches/logins.sh
#   PORTAL_BIN=/path/to/portal benches/logins.sh   # another build of the portal
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"

ensure_node_modules
cargo build --release --features ssr --bin portal 2>/dev/null
portal=${PORTAL_BIN:-target/release/portal}

accounts=${ACCOUNTS:-40}
port=${BENCH_PORT:-3201}
data=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; rm -rf "$data"' EXIT
export PORTAL_DATA_DIR=$data PORTAL_LOG=warn
password='tuulinen lokakuun aamu'
for n in $(seq "$accounts"); do
  echo "$password" | "$portal" admin create-account applicant "bench-$n@example.fi" >/dev/null
done
# One client sends every login here: lift the per-client limit (the per-account one stays).
PORTAL_BIND=127.0.0.1:$port PORTAL_CLIENT_ATTEMPTS_PER_MINUTE=100000 "$portal" >/dev/null &
pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done

echo "== Logins on $(nproc) cores ($accounts accounts, 5 logins each)"
node benches/logins.mjs "http://127.0.0.1:$port" "$accounts" "$password"
