#!/usr/bin/env python3
"""Signed URLs for the references the benchmark measures Gatefold against.

  sign.py s3 URL ACCESS_KEY SECRET_KEY [SECONDS]   a presigned S3 GET URL (SigV4, us-east-1)
  sign.py nginx PATH SECRET [SECONDS]              PATH?md5=..&expires=.. for nginx secure_link

The nginx form matches `secure_link_md5 "$secure_link_expires$uri SECRET"` in the
benchmark's nginx configuration.
"""
import base64
import datetime
import hashlib
import hmac
import sys
import time
import urllib.parse


def s3_presign(url, access_key, secret_key, seconds, region="us-east-1", method="GET"):
    parts = urllib.parse.urlsplit(url)
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    day = now.strftime("%Y%m%d")
    scope = f"{day}/{region}/s3/aws4_request"
    query = {
        "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
        "X-Amz-Credential": f"{access_key}/{scope}",
        "X-Amz-Date": amz_date,
        "X-Amz-Expires": str(seconds),
        "X-Amz-SignedHeaders": "host",
    }
    canonical_query = "&".join(
        f"{urllib.parse.quote(k, safe='-_.~')}={urllib.parse.quote(v, safe='-_.~')}" for k, v in sorted(query.items()))
    path = urllib.parse.quote(parts.path or "/", safe="/-_.~")
    canonical = "\n".join([method, path, canonical_query, f"host:{parts.netloc}\n", "host", "UNSIGNED-PAYLOAD"])
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = ("AWS4" + secret_key).encode()
    for piece in (day, region, "s3", "aws4_request"):
        key = hmac.new(key, piece.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    return f"{parts.scheme}://{parts.netloc}{path}?{canonical_query}&X-Amz-Signature={signature}"


def nginx_link(path, secret, seconds):
    expires = int(time.time()) + seconds
    digest = hashlib.md5(f"{expires}{path} {secret}".encode()).digest()
    md5 = base64.urlsafe_b64encode(digest).decode().rstrip("=")
    return f"{path}?md5={md5}&expires={expires}"


def main(argv):
    if len(argv) >= 5 and argv[1] == "s3":
        print(s3_presign(argv[2], argv[3], argv[4], int(argv[5]) if len(argv) > 5 else 3600))
    elif len(argv) >= 4 and argv[1] == "nginx":
        print(nginx_link(argv[2], argv[3], int(argv[4]) if len(argv) > 4 else 3600))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
