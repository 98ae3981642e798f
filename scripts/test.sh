#!/usr/bin/env bash
# Installs what is missing, then runs every check and test: formatting, lints (server and
# browser builds), Rust unit and integration tests on SQLite with files on disk and again on a
# PostgreSQL server and an S3-compatible object store of their own (the scale-out set-up, the
# store checking every signature), mail through a real SMTP server throughout, two
# instances behind nginx, and the browser tests in Chromium (the portal wired to the
# case-backend simulator).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source scripts/postgres.sh
source scripts/clamd.sh
source scripts/s3.sh
source scripts/smtp.sh

# A build from a clean clone gains nothing from incremental state, which here took more disk
# than the build itself.
export CARGO_INCREMENTAL=0
# The tests' databases and data directories go under target/, emptied at every run.
export TMPDIR="$ROOT/target/test-tmp"
rm -rf "$TMPDIR" && mkdir -p "$TMPDIR"

ensure_wasm_target
ensure_wasm_bindgen
ensure_node_modules
ensure_chromium
ensure_nm

say "Formatting and lints"
cargo fmt --check
# The tests use the library's test support (`test-support`); the build that is deployed has none.
cargo clippy --all-targets --features ssr,test-support -- -D warnings
cargo clippy --lib --bins --features ssr -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown --features hydrate -- -D warnings

# A real clamd with a signature the tests wrote, for the malware-scanning tests; a real SMTP
# server (aiosmtpd) that every test portal's mail goes through, read back from its maildir.
start_clamd
start_smtp
trap 'stop_clamd; stop_smtp; stop_postgres; stop_s3' EXIT
# The servers each pass started: a test that needs one of them fails, rather than skips,
# when it does not find it (server::test_servers).
export PORTAL_TEST_SERVERS="clamd smtp"
say "Rust unit and integration tests on SQLite"
# --show-output: the figures the tests measure (the message check's answer times for hits and
# misses, the guesses it refused) are printed in the log.
cargo test --features ssr,test-support -- --show-output

# The same tests again, each test on a new database of a real PostgreSQL server, its files in
# the object store under a prefix of its own.
start_postgres
start_s3
export PORTAL_TEST_SERVERS="clamd smtp postgres s3"
say "Rust unit and integration tests on PostgreSQL, attachments in the object store"
cargo test --features ssr,test-support -- --show-output
unset PORTAL_TEST_SERVERS
stop_postgres
stop_s3
unset PORTAL_TEST_POSTGRES PORTAL_TEST_S3
stop_clamd
stop_smtp
unset PORTAL_TEST_CLAMD

build_assets
# The bundle's budgets, on the assets just built (benches/footprint.sh reports the same on a
# release build; the page-weight budget is a browser test, end2end/tests/page-weight-with-js.spec.ts).
say "The browser bundle against its budgets"
bundle_budgets
[ "$figures_missed" = 0 ] || { echo "the browser bundle is over its budget" >&2; exit 1; }
say "Building the server for the browser tests and the multi-instance test"
cargo build --features ssr --bin portal --bin case-backend-sim
# Built as it is deployed, the library holds none of the tests' support (`test-support`): its
# symbols are looked for in the library itself, which keeps every function it compiled (a
# binary would have dropped the unused ones either way). With the feature on, 22 are found.
cargo build --features ssr --lib
if nm -C target/debug/libportal.rlib | grep -E 'content::samples|Mailer::memory|Clock::advance|queue::run_until_idle|db::scratch'; then
  echo "the tests' support is in the library as it is deployed" >&2
  exit 1
fi

# Upload bombs four at a time: each refused with its message or taken within its limits, each
# kind's peak at most 300 MB above where it started.
PORTAL_BIN=target/debug/portal MAX_GROWTH_MB=300 benches/upload-bombs.sh

scripts/instances-test.sh
# 200 applications sent to a flaky case backend while the portal is killed and restarted: one
# instance on SQLite, then two on PostgreSQL behind nginx.
scripts/delivery-test.sh
DB=postgres INSTANCES=2 scripts/delivery-test.sh

say "Browser tests (Chromium, with and without JavaScript)"
cd end2end
npx playwright test
