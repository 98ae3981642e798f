"""Writes a valid one-page PDF of exactly SIZE bytes (a stream of random bytes) to PATH: the
upload benchmark's and the multi-instance test's large attachment.
   python3 scripts/big-pdf.py SIZE PATH"""
import os
import sys

size, path = int(sys.argv[1]), sys.argv[2]
head = b"%PDF-1.4\n"
objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>"]
tail_room = 400
stream_len = size - len(head) - sum(len(o) + 20 for o in objects) - 60 - tail_room
body, offsets = head, []
for i, o in enumerate(objects):
    offsets.append(len(body))
    body += b"%d 0 obj\n%s\nendobj\n" % (i + 1, o)
offsets.append(len(body))
body += b"4 0 obj\n<< /Length %d >>\nstream\n" % stream_len + os.urandom(stream_len) + b"\nendstream\nendobj\n"
xref = len(body)
body += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
body += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
body += b"%" + b"x" * (size - len(body) - 2) + b"\n"
open(path, "wb").write(body)
