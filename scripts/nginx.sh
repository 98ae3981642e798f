# Sourced after scripts/setup.sh: Debian's nginx in front of two portal instances, with the
# deployment's configuration (docs/deployment/nginx.conf) filled in. Used by the multi-instance
# test and the benchmarks.

# Starts nginx with its files under PREFIX, listening on LISTEN (address:port) and passing to
# the instances at A and B (address:port each).
start_nginx() {
  local prefix=$1 listen=$2 a=$3 b=$4
  ensure_debian nginx nginx
  mkdir -p "$prefix"
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@LISTEN@|$listen|" -e "s|@INSTANCE_A@|$a|" -e "s|@INSTANCE_B@|$b|" \
    docs/deployment/nginx.conf >"$prefix/nginx.conf"
  nginx -p "$prefix" -c "$prefix/nginx.conf"
  for _ in $(seq 50); do curl -fs "http://$listen/healthz" >/dev/null && return; sleep 0.1; done
  echo "nginx did not answer on $listen" >&2
  return 1
}

stop_nginx() {
  local prefix=$1
  [ -f "$prefix/nginx.pid" ] && nginx -p "$prefix" -c "$prefix/nginx.conf" -s quit 2>/dev/null || true
}
