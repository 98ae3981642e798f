#!/usr/bin/env bash
# Prints the portal's resident memory while upload bombs arrive four at a time (four
# applicants at once, each kind in turn): a 7000 × 7000 PNG in one colour turned a quarter by
# its eXIf orientation (205 KB that decodes to 196 MB, twice), a 4 MB PDF of sixteen object
# streams that inflate to 250 MiB each, and, unless BOMBS says otherwise, an upright 7000 × 7000
# RGB PNG (accepted: it fits one check's budget, and is decoded and encoded again). For each:
# the peak above idle (the kernel's high-water mark, VmHWM, reset before each kind) and what
# each upload got (the refusal's Finnish message, or "added"). The growth checked is the
# peak above where each kind started: memory the allocator kept from the kind before is not
# this kind's (the peak above the first idle is printed too).
#   benches/upload-bombs.sh                        deploy build
#   PORTAL_BIN=target/debug/portal MAX_GROWTH_MB=300 BOMBS="png-turned pdf" benches/upload-bombs.sh
#                                                  the test command's check: fails when a kind's
#                                                  peak grows more than 300 MB above its start, or an upload
#                                                  was neither refused with a message nor added
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
source benches/portal.sh

[ -n "${PORTAL_BIN:-}" ] || cargo build --profile deploy --features ssr --bin portal 2>/dev/null
port=${BENCH_PORT:-3213}
bombs=${BOMBS:-png-turned pdf png-upright}

python3 - "$data" <<'PY'
import struct, sys, zlib
out = sys.argv[1]

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

def png(path, width, height, channels, orientation):
    head = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6 if channels == 4 else 2, 0, 0, 0))
    exif = b"MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01" + struct.pack(">H", orientation) + b"\x00" * 6
    pixels, row = zlib.compressobj(9), b"\x00" + bytes([30, 90, 200, 255][:channels]) * width
    data = b"".join(pixels.compress(row) for _ in range(height)) + pixels.flush()
    open(path, "wb").write(head + chunk(b"eXIf", exif) + chunk(b"IDAT", data) + chunk(b"IEND", b""))

png(f"{out}/png-turned", 7000, 7000, 4, 6)
png(f"{out}/png-upright", 7000, 7000, 3, 1)

# Sixteen object streams of 250 MiB of zeros each, in a one-page PDF.
zeros, block = zlib.compressobj(9), bytes(1 << 20)
bomb = b"".join(zeros.compress(block) for _ in range(250)) + zeros.flush()
objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"]
objects += [b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(bomb) + bomb + b"\nendstream"
            for _ in range(16)]
body, offsets = b"%PDF-1.5\n", []
for n, o in enumerate(objects):
    offsets.append(len(body)); body += b"%d 0 obj\n%s\nendobj\n" % (n + 1, o)
xref = len(body)
body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
open(f"{out}/pdf", "wb").write(body)
PY

status_of() { awk -v f="$1" '$1 == f ":" { print $2 }' "/proc/$pid/status"; }

# Uploads the bomb KIND as applicant N; prints what the attachments page then says.
upload() {
  local jar=$data/jar-$2 app
  app=$(cat "$data/app-$2")
  local name=passi.pdf
  [ "$1" = pdf ] || name=passi.png
  curl -s -o /dev/null -b "$jar" -c "$jar" -H "origin: $site" -H 'sec-fetch-site: same-origin' \
    -F "file=@$data/$1;filename=$name" "$app/attachments/passport-copy"
  curl -s -b "$jar" -H 'accept-language: fi' "$app/attachments" | python3 -c '
import re, sys
page = sys.stdin.read()
refused = re.search(r"pt-error-summary__list\">\s*<li><a[^>]*>([^<]+)<", page)
print(refused.group(1).strip() if refused else ("added" if "Tiedostot lisättiin" in page else "neither refused nor added"))'
}

export PORTAL_ATTACHMENT_CHECKS=${PORTAL_ATTACHMENT_CHECKS:-2}
create_applicants bomb1@example.fi bomb2@example.fi bomb3@example.fi bomb4@example.fi
start_portal "$port"
for n in 1 2 3 4; do
  sign_in_with_draft "bomb$n@example.fi"
  mv "$jar" "$data/jar-$n"
  echo "$application" >"$data/app-$n"
done
idle=$(status_of VmRSS)
say "Upload bombs, four at a time: the portal idle at $((idle / 1024)) MB"
failed=
for kind in $bombs; do
  echo 5 >"/proc/$pid/clear_refs"
  # What the allocator kept of the kinds before counts as where this one starts.
  start=$(status_of VmRSS)
  uploads=
  for n in 1 2 3 4; do
    upload "$kind" "$n" >"$data/outcome-$n" &
    uploads="$uploads $!"
  done
  wait $uploads
  peak=$(status_of VmHWM)
  growth=$(((peak - start) / 1024))
  printf '%-12s %5s KB sent each: peak %4d MB, %4d MB above idle, %4d MB above its start; each: %s\n' \
    "$kind" "$(($(stat -c %s "$data/$kind") / 1024))" "$((peak / 1024))" "$(((peak - idle) / 1024))" "$growth" \
    "$(sort "$data"/outcome-* | uniq -c | sed 's/^ *//' | paste -sd';')"
  if [ -n "${MAX_GROWTH_MB:-}" ]; then
    [ "$growth" -le "$MAX_GROWTH_MB" ] || failed="$failed $kind grew $growth MB;"
    grep -q "neither" "$data"/outcome-* && failed="$failed $kind: an upload neither refused nor added;"
  fi
  # The next kind starts from a clean slate: the files added are deleted with their drafts.
  rm -f "$data"/outcome-*
done
[ -z "$failed" ] || { echo "FAILED:$failed" >&2; exit 1; }
