#!/usr/bin/env bash
# Prints login latency (each login hashes a password with Argon2id) and the latency of an
# ordinary page loaded at the same time, against a deploy build on a loopback port of its own
# with a throw-away data directory.
#   benches/logins.sh                    # 40 accounts × 5 logins, 4 logins and 4 page loads at a time
#   ACCOUNTS=20 benches/logins.sh
#   PORTAL_BIN=/path/to/portal benches/logins.sh   # another build of the portal
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
source benches/portal.sh

ensure_node_modules
cargo build --profile deploy --features ssr --bin portal 2>/dev/null

accounts=${ACCOUNTS:-40}
create_applicants $(seq -f 'bench-%g@example.fi' "$accounts")
# One client sends every login here: lift the per-client limit (the per-account one stays).
export PORTAL_CLIENT_ATTEMPTS_PER_MINUTE=100000
start_portal "${BENCH_PORT:-3201}"

echo "== Logins on $(nproc) cores ($accounts accounts, 5 logins each)"
node benches/logins.mjs "$site" "$accounts" "$BENCH_PASSWORD"
