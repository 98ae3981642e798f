# Sourced after scripts/setup.sh by the tests: a real SMTP server for the test of mail going out
# once the mail server is back (tests/integration/sending.rs): aiosmtpd from PyPI, in a
# virtual environment kept between runs. The test starts and stops it itself, on a port it
# chose, so this only installs it and says where it is.

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
