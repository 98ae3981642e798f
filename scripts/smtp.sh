# Sourced after scripts/setup.sh by the tests: a real SMTP server, aiosmtpd from PyPI, in a
# virtual environment kept between runs. The integration tests' portals send their mail to the
# one `start_smtp` runs, which keeps every message in a maildir that the tests read back; the
# test of mail waiting for its server (tests/integration/sending.rs) starts and stops one of its
# own, on a port it chose.

AIOSMTPD_VERSION=1.4.6
AIOSMTPD_VENV=${XDG_CACHE_HOME:-$HOME/.cache}/portal/aiosmtpd-$AIOSMTPD_VERSION

# Installs aiosmtpd if needed and exports PORTAL_TEST_AIOSMTPD: the Python that runs it.
ensure_aiosmtpd() {
  if [ ! -x "$AIOSMTPD_VENV/bin/aiosmtpd" ]; then
    say "Installing aiosmtpd $AIOSMTPD_VERSION (an SMTP server) from PyPI"
    python3 -m venv "$AIOSMTPD_VENV"
    "$AIOSMTPD_VENV/bin/pip" install -q "aiosmtpd==$AIOSMTPD_VERSION"
  fi
  export PORTAL_TEST_AIOSMTPD="$AIOSMTPD_VENV/bin/python"
}

DKIMPY_VERSION=1.1.8
DKIMPY_VENV=${XDG_CACHE_HOME:-$HOME/.cache}/portal/dkimpy-$DKIMPY_VERSION

# Installs dkimpy (a DKIM verifier from PyPI, independent of the portal's signing code) if
# needed and exports PORTAL_TEST_DKIMPY: the Python that has it (tests/integration/dkim.rs).
ensure_dkimpy() {
  if [ ! -f "$DKIMPY_VENV/installed" ]; then
    say "Installing dkimpy $DKIMPY_VERSION (a DKIM verifier) from PyPI"
    python3 -m venv "$DKIMPY_VENV"
    "$DKIMPY_VENV/bin/pip" install -q "dkimpy==$DKIMPY_VERSION" "dnspython==2.9.2"
    touch "$DKIMPY_VENV/installed"
  fi
  export PORTAL_TEST_DKIMPY="$DKIMPY_VENV/bin/python"
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
