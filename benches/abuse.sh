#!/usr/bin/env bash
# Prints the server's memory and database size while anyone floods it with oversized forms:
# anonymous logins whose e-mail value is 1.5 MB (the probe that once took the server from
# 16 to 289 MiB). What a session or a rate-limit key keeps is bounded, so both stay flat.
# Builds the deploy server, runs it on a loopback port of its own with a throw-away data
# directory, and stops it afterwards.
#   benches/abuse.sh                 # 3000 requests, 4 at a time
#   REQUESTS=1000 benches/abuse.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
source benches/portal.sh

cargo build --profile deploy --features ssr --bin portal 2>/dev/null

# The per-client limit lifted: every request comes from 127.0.0.1 here.
export PORTAL_CLIENT_ATTEMPTS_PER_MINUTE=1000000
start_portal "${BENCH_PORT:-3201}"

node benches/abuse.mjs "$site" "$pid" "$data" "${REQUESTS:-3000}" "${CONCURRENCY:-4}"
