#!/usr/bin/env python3
"""Writes a valid PDF of about SIZE bytes for the stamped-book figure.

  bigpdf.py FILE SIZE PAGES

PAGES pages of text, then one stream of random bytes (an embedded attachment no page
shows) that brings the file to SIZE, with a classic cross-reference table: what a writer's
long, image-heavy book looks like to the stamping code, which never reads the big stream.
"""
import os
import sys


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    path, size, pages = argv[1], int(argv[2]), int(argv[3])
    offsets = []
    with open(path, "wb") as f:
        def obj(body):
            offsets.append(f.tell())
            f.write(f"{len(offsets)} 0 obj\n".encode() + body + b"\nendobj\n")

        f.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        first_page = 4
        kids = " ".join(f"{first_page + 2 * i} 0 R" for i in range(pages))
        obj(b"<< /Type /Catalog /Pages 2 0 R >>")
        obj(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
        obj(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        for i in range(pages):
            text = f"BT /F1 12 Tf 72 720 Td (Benchmark book, page {i + 1}) Tj ET".encode()
            obj(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                f"/Contents {first_page + 2 * i + 1} 0 R >>".encode())
            obj(f"<< /Length {len(text)} >>\nstream\n".encode() + text + b"\nendstream")
        rest = max(0, size - f.tell() - 200 - 20 * (len(offsets) + 2))
        offsets.append(f.tell())
        f.write(f"{len(offsets)} 0 obj\n<< /Length {rest} >>\nstream\n".encode())
        chunk = os.urandom(1 << 20)
        left = rest
        while left > 0:
            n = min(left, len(chunk))
            f.write(chunk[:n])
            left -= n
        f.write(b"\nendstream\nendobj\n")
        xref = f.tell()
        f.write(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
        for off in offsets:
            f.write(f"{off:010d} 00000 n \n".encode())
        f.write(f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())


if __name__ == "__main__":
    main(sys.argv)
