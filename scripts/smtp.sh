# Sourced after scripts/setup.sh by the tests: a real SMTP server, aiosmtpd from PyPI, in a
# virtual environment kept between runs. The integration tests' portals send their mail to the
# one `start_smtp` runs, which keeps every message in a maildir that the tests read back; the
# test of mail waiting for its server (tests/integration/sending.rs) starts and stops one of its
# own, on a port it chose.

AIOSMTPD_VERSION=1.4.6
AIOSMTPD_VENV=${XDG_CACHE_HOME:-$HOME/.cache}/portal/aiosmtpd-$AIOSMTPD_VERSION

# A virtual environment of its own for the pinned PyPI packages `$@` (what it is for: `$1`),
# kept between runs in `$2`, made once: prints the Python that has them.
python_with() {
  local what=$1 venv=$2
  shift 2
  if [ ! -f "$venv/installed" ]; then
    say "Installing $* ($what) from PyPI" >&2
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install -q "$@" >&2
    touch "$venv/installed"
  fi
  echo "$venv/bin/python"
}

# Installs aiosmtpd if needed and exports PORTAL_TEST_AIOSMTPD: the Python that runs it.
ensure_aiosmtpd() {
  PORTAL_TEST_AIOSMTPD=$(python_with "an SMTP server" "$AIOSMTPD_VENV" "aiosmtpd==$AIOSMTPD_VERSION")
  export PORTAL_TEST_AIOSMTPD
}

DKIMPY_VERSION=1.1.8
DKIMPY_VENV=${XDG_CACHE_HOME:-$HOME/.cache}/portal/dkimpy-$DKIMPY_VERSION

# Installs dkimpy (a DKIM verifier from PyPI, independent of the portal's signing code) if
# needed and exports PORTAL_TEST_DKIMPY: the Python that has it (tests/integration/dkim.rs).
ensure_dkimpy() {
  PORTAL_TEST_DKIMPY=$(python_with "a DKIM verifier" "$DKIMPY_VENV" "dkimpy==$DKIMPY_VERSION" "dnspython==2.9.2")
  export PORTAL_TEST_DKIMPY
}

# Starts aiosmtpd on 127.0.0.1 at a free port, keeping messages in a maildir, and exports
# PORTAL_TEST_SMTP (its address) and PORTAL_TEST_MAILDIR.
start_smtp() {
  ensure_aiosmtpd
  ensure_dkimpy
  SMTP_DIR=$(mktemp -d /tmp/portal-smtp.XXXXXX)
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$PORTAL_TEST_AIOSMTPD" -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$SMTP_DIR/maildir" \
    >"$SMTP_DIR/aiosmtpd.log" 2>&1 &
  SMTP_PID=$!
  for _ in $(seq 300); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1).close()" 2>/dev/null && break
    sleep 0.1
  done
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1).close()" \
    || { cat "$SMTP_DIR/aiosmtpd.log" >&2; return 1; }
  export PORTAL_TEST_SMTP="127.0.0.1:$port" PORTAL_TEST_MAILDIR="$SMTP_DIR/maildir"
  say "aiosmtpd $AIOSMTPD_VERSION (SMTP) is running at 127.0.0.1:$port, keeping mail in $SMTP_DIR/maildir"
}

stop_smtp() {
  [ -n "${SMTP_DIR:-}" ] || return 0
  kill "$SMTP_PID" 2>/dev/null || true
  wait "$SMTP_PID" 2>/dev/null || true
  rm -rf "$SMTP_DIR"
  SMTP_DIR=
  unset PORTAL_TEST_SMTP PORTAL_TEST_MAILDIR
}
