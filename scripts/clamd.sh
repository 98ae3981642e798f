# Sourced after scripts/setup.sh by the tests: a ClamAV daemon of their own. Debian's
# clamav-daemon is installed when missing; nothing is downloaded: the daemon's only signature
# database is one the script writes (a custom .ndb signature that matches the test string
# PORTAL-TEST-MALWARE), it listens on 127.0.0.1 at a free port, and is stopped on exit.

# The string the test signature matches, as the tests put it in a file.
CLAMD_TEST_STRING=PORTAL-TEST-MALWARE

# Starts clamd and exports PORTAL_TEST_CLAMD (its host:port).
start_clamd() {
  ensure_debian clamd clamav-daemon
  CLAMD_DIR=$(mktemp -d /tmp/portal-clamd.XXXXXX)
  mkdir -p "$CLAMD_DIR/db"
  printf 'PortalTestSignature:0:*:%s\n' "$(printf %s "$CLAMD_TEST_STRING" | od -An -tx1 | tr -d ' \n')" >"$CLAMD_DIR/db/portal.ndb"
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  {
    echo "DatabaseDirectory $CLAMD_DIR/db"
    echo "TCPAddr 127.0.0.1"
    echo "TCPSocket $port"
    echo "Foreground yes"
    echo "LogFile $CLAMD_DIR/clamd.log"
    [ "$(id -u)" = 0 ] && echo "User root"
  } >"$CLAMD_DIR/clamd.conf"
  clamd -c "$CLAMD_DIR/clamd.conf" >/dev/null 2>&1 &
  CLAMD_PID=$!
  for _ in $(seq 300); do
    if python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1).sendall(b'zPING\0')" 2>/dev/null; then
      export PORTAL_TEST_CLAMD=127.0.0.1:$port
      say "clamd $(clamd --version | awk '{ print $2 }') is running at $PORTAL_TEST_CLAMD with a test signature"
      return
    fi
    sleep 0.1
  done
  echo "clamd did not start:" >&2
  cat "$CLAMD_DIR/clamd.log" >&2
  return 1
}

stop_clamd() {
  [ -n "${CLAMD_DIR:-}" ] || return 0
  kill "$CLAMD_PID" 2>/dev/null || true
  wait "$CLAMD_PID" 2>/dev/null || true
  rm -rf "$CLAMD_DIR"
  CLAMD_DIR=
}
