# Sourced after scripts/setup.sh by the tests and benchmarks: an S3-compatible server of their
# own that checks every request's signature (SigV4, in the header or as a presigned URL, and a
# presigned URL's expiry), listening on 127.0.0.1 at a free port, with a bucket made for the
# portal, stopped on exit. The server is s3s-fs from crates.io (objects as files in a
# directory), built once into the cache like wasm-bindgen.

S3S_FS_VERSION=0.14.1
S3S_FS_ROOT=${XDG_CACHE_HOME:-$HOME/.cache}/portal/s3s-fs-$S3S_FS_VERSION

ensure_s3s_fs() {
  [ -x "$S3S_FS_ROOT/bin/s3s-fs" ] && return
  say "Building s3s-fs $S3S_FS_VERSION (an S3-compatible server) from crates.io, once"
  cargo install s3s-fs --version "$S3S_FS_VERSION" --locked --features binary --root "$S3S_FS_ROOT"
}

# Starts s3s-fs and exports PORTAL_TEST_S3: the PORTAL_ATTACHMENTS_S3_* settings that reach it,
# as NAME=VALUE words.
start_s3() {
  ensure_s3s_fs
  S3_DIR=$(mktemp -d /tmp/portal-s3.XXXXXX)
  # A bucket of s3s-fs is a directory under its root.
  mkdir -p "$S3_DIR/root/portal-test"
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$S3S_FS_ROOT/bin/s3s-fs" --host 127.0.0.1 --port "$port" --access-key portal --secret-key portal-test-secret \
    "$S3_DIR/root" >"$S3_DIR/s3s-fs.log" 2>&1 &
  S3_PID=$!
  # Ready when it answers at all: an unsigned request is refused (403), which is the point.
  for _ in $(seq 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/portal-test")" = 403 ] && break
    sleep 0.1
  done
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/portal-test")" = 403 ] \
    || { cat "$S3_DIR/s3s-fs.log" >&2; return 1; }
  export PORTAL_TEST_S3="PORTAL_ATTACHMENTS_S3_URL=http://127.0.0.1:$port PORTAL_ATTACHMENTS_S3_BUCKET=portal-test PORTAL_ATTACHMENTS_S3_ACCESS_KEY=portal PORTAL_ATTACHMENTS_S3_SECRET_KEY=portal-test-secret"
  say "s3s-fs $S3S_FS_VERSION (S3, signatures checked) is running at http://127.0.0.1:$port with bucket portal-test"
}

stop_s3() {
  [ -n "${S3_DIR:-}" ] || return 0
  kill "$S3_PID" 2>/dev/null || true
  wait "$S3_PID" 2>/dev/null || true
  rm -rf "$S3_DIR"
  S3_DIR=
}
