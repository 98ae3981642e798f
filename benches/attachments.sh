#!/usr/bin/env bash
# Prints what uploading attachments costs the portal against its targets, and fails when one is
# missed: its resident memory idle, the peak while one 20 MB PDF is uploaded and while twenty
# are uploaded at once (by twenty applicants), and the upload throughput (sent, checked by
# parsing, stored, row written, redirected), with the files kept on the local disk and again in
# an S3-compatible object store (s3s-fs, scripts/s3.sh).
# Release build on a loopback port, throw-away data directory; curl sends the forms. The peak
# is the kernel's high-water mark (VmHWM), reset before each measurement (clear_refs).
#   benches/attachments.sh
#   ROUNDS=3 benches/attachments.sh      # single uploads timed per storage (default 5)
#   PORTAL_BIN=/path/to/portal benches/attachments.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
source benches/portal.sh
source scripts/s3.sh

cargo build --profile deploy --features ssr --bin portal 2>/dev/null
port=${BENCH_PORT:-3212}
rounds=${ROUNDS:-5}
trap 'stop_s3; stop_nginx "$data/nginx"; kill $pids 2>/dev/null; rm -rf "$data"' EXIT

# A valid one-page PDF of 20,000,000 bytes (a stream of random bytes): the default limit is
# 20 MiB per file.
python3 scripts/big-pdf.py 20000000 "$data/big.pdf"
bytes=$(stat -c %s "$data/big.pdf")

# The kernel's kB (KiB) in MB.
mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }'; }
status_of() { awk -v f="$1" '$1 == f ":" { print $2 }' "/proc/$pid/status"; }

# Signs in applicant N with a new work-permit draft: $data/jar-N holds the cookie, $data/app-N
# the draft's address.
applicant_with_draft() {
  sign_in_with_draft "bench$1@example.fi"
  mv "$jar" "$data/jar-$1"
  echo "$application" >"$data/app-$1"
}

# Uploads the big file as applicant N; fails unless the portal took it (303 back to the page,
# no error).
upload() {
  local app code
  app=$(cat "$data/app-$1")
  code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$data/jar-$1" -c "$data/jar-$1" \
    -H "origin: $site" -H 'sec-fetch-site: same-origin' \
    -F "file=@$data/big.pdf;type=application/pdf;filename=passi.pdf" "$app/attachments/passport-copy")
  [ "${code%% *}" = 303 ] || { echo "upload $1 answered $code" >&2; return 1; }
  # The page it was sent back to says the file was added (not refused).
  curl -s -b "$data/jar-$1" -H 'accept-language: en' "$app/attachments" | grep -q 'The files were added' ||
    { echo "upload $1 was refused" >&2; return 1; }
}

# One storage: starts the portal, measures, stops it. Prints its figures against the targets:
# the peak above the resident memory just before, for one file and for twenty at once (memory
# bounded to 2× the file, and to 160 MB for twenty), all twenty accepted, and one upload at
# 100 MB/s or more.
measure() {
  local name=$1 n start end base
  rm -rf "$data/portal-data" && mkdir -p "$data/portal-data"
  export PORTAL_DATA_DIR=$data/portal-data
  create_applicants $(seq -f 'bench%g@example.fi' 0 20)
  start_portal "$port"
  for n in $(seq 0 20); do applicant_with_draft "$n"; done
  figure "$name: idle, applicants signed in" "$(mb "$(status_of VmRSS)")" MB
  echo 5 >"/proc/$pid/clear_refs"
  base=$(status_of VmRSS)
  start=$(date +%s.%N)
  for _ in $(seq "$rounds"); do upload 0; done
  end=$(date +%s.%N)
  figure "$name: one upload, peak above before" "$(mb $(($(status_of VmHWM) - base)))" MB '<=' $((2 * bytes / 1000000))
  figure "$name: one upload, throughput" \
    "$(awk -v b="$bytes" -v n="$rounds" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", b * n / (e - s) / 1e6 }')" MB/s '>=' 100
  echo 5 >"/proc/$pid/clear_refs"
  base=$(status_of VmRSS)
  start=$(date +%s.%N)
  local uploads= accepted=0
  for n in $(seq 1 20); do upload "$n" & uploads="$uploads $!"; done
  for u in $uploads; do wait "$u" && accepted=$((accepted + 1)); done
  end=$(date +%s.%N)
  figure "$name: twenty at once, peak above before" "$(mb $(($(status_of VmHWM) - base)))" MB '<=' 160
  figure "$name: twenty at once, accepted" "$accepted" files '>=' 20
  figure "$name: twenty at once, throughput" \
    "$(awk -v b="$bytes" -v s="$start" -v e="$end" 'BEGIN { printf "%.0f", b * 20 / (e - s) / 1e6 }')" MB/s
  kill "$pid"
  wait "$pid" 2>/dev/null
  pids=
}

say "Uploading a $((bytes / 1000000)) MB PDF: $rounds one after another, then twenty at once by twenty applicants"
measure "file system"
start_s3 >/dev/null
for setting in $PORTAL_TEST_S3; do export "${setting?}"; done
export PORTAL_ATTACHMENTS_S3_PREFIX=bench/
measure "object store"
[ "$figures_missed" = 0 ] || { echo "$figures_missed figure(s) missed the target" >&2; exit 1; }
