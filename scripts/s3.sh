# Sourced after scripts/setup.sh by the tests and benchmarks: an S3-compatible server of their
# own, moto in server mode from PyPI (in a virtual environment kept between runs), listening
# on 127.0.0.1 at a free port, with a bucket made for the portal, stopped on exit. Moto checks
# signatures only in an Authorization header, not in presigned URLs (the form the portal signs
# in, which S3 and the S3-compatible servers verify), so it runs without authentication here.

MOTO_VERSION=5.2.5
MOTO_VENV=${XDG_CACHE_HOME:-$HOME/.cache}/portal/moto-$MOTO_VERSION

ensure_moto() {
  [ -x "$MOTO_VENV/bin/moto_server" ] && return
  say "Installing moto $MOTO_VERSION (an S3-compatible server) from PyPI"
  python3 -m venv "$MOTO_VENV"
  "$MOTO_VENV/bin/pip" install -q "moto[server]==$MOTO_VERSION"
}

# Starts moto and exports PORTAL_TEST_S3: the PORTAL_ATTACHMENTS_S3_* settings that reach it,
# as NAME=VALUE words.
start_s3() {
  ensure_moto
  S3_DIR=$(mktemp -d /tmp/portal-s3.XXXXXX)
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$MOTO_VENV/bin/moto_server" -H 127.0.0.1 -p "$port" >"$S3_DIR/moto.log" 2>&1 &
  S3_PID=$!
  for _ in $(seq 300); do
    curl -s -o /dev/null "http://127.0.0.1:$port/moto-api/" && break
    sleep 0.1
  done
  curl -sf -o /dev/null -X PUT "http://127.0.0.1:$port/portal-test" || { cat "$S3_DIR/moto.log" >&2; return 1; }
  export PORTAL_TEST_S3="PORTAL_ATTACHMENTS_S3_URL=http://127.0.0.1:$port PORTAL_ATTACHMENTS_S3_BUCKET=portal-test PORTAL_ATTACHMENTS_S3_ACCESS_KEY=portal PORTAL_ATTACHMENTS_S3_SECRET_KEY=portal-test-secret"
  say "moto $MOTO_VERSION (S3) is running at http://127.0.0.1:$port with bucket portal-test"
}

stop_s3() {
  [ -n "${S3_DIR:-}" ] || return 0
  kill "$S3_PID" 2>/dev/null || true
  wait "$S3_PID" 2>/dev/null || true
  rm -rf "$S3_DIR"
  S3_DIR=
}
