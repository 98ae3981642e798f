# Sourced after scripts/setup.sh by the tests that run several portal instances
# (scripts/instances-test.sh, scripts/delivery-test.sh) and by benches/delivery.sh.

# A free TCP port on 127.0.0.1.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Starts the instance NAME (with the PORTAL_* variables exported) on 127.0.0.1:${port[NAME]},
# its log in $work/instance-NAME.log, and waits until it is ready; sets $pid_NAME and adds it
# to $pids. Expects $portal, $work, the array `port` and a `fail` function. The instance keeps
# its default name (host and port), as a deployment that sets none does.
start_instance() {
  PORTAL_BIND=127.0.0.1:${port[$1]} PORTAL_DATA_DIR=$work/data-$1 PORTAL_INSTANCE=instance-$1 \
    "$portal" >>"$work/instance-$1.log" 2>&1 &
  pids="$pids $!"
  eval "pid_$1=$!"
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:${port[$1]}/readyz" >/dev/null && return; sleep 0.1; done
  fail "instance $1 did not start"
}
