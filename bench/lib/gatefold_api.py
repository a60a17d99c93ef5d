#!/usr/bin/env python3
"""Sets up throwaway data in a running Gatefold for the benchmark.

  gatefold_api.py artist BASE ADMIN_TOKEN          -> prints the artist's API token
  gatefold_api.py release BASE API_TOKEN TITLE     -> prints the new release id (free, kind other)
  gatefold_api.py purchase BASE API_TOKEN RELEASE  -> records a gift purchase and prints one
                                                      line per file: NAME<TAB>SIZE<TAB>URL
  gatefold_api.py paths BASE API_TOKEN RELEASE NAME N -> records N purchases (N fans) and prints
                                                      the /d/ path of file NAME in each, one a line
  gatefold_api.py music BASE API_TOKEN TITLE FORMATS -> prints the id of a new free music release
  gatefold_api.py no-previews BASE API_TOKEN RELEASE -> sets every track's preview to "none"
                                                      offering FORMATS (comma-separated ids)
  gatefold_api.py formats BASE API_TOKEN RELEASE FORMATS -> offers FORMATS ("all" for every one)
  gatefold_api.py publish BASE API_TOKEN RELEASE     -> publishes the release
  gatefold_api.py status BASE API_TOKEN RELEASE      -> prints "ready", "building", "checking" or
                                                      "failed: ..." for the formats on offer
  gatefold_api.py albums BASE API_TOKEN RELEASE      -> records a gift purchase and prints one
                                                      line per album: FORMAT<TAB>SIZE<TAB>URL
  gatefold_api.py book BASE API_TOKEN TITLE        -> prints the new release id (free, kind book)
  gatefold_api.py stamps-ready BASE API_TOKEN RELEASE SECONDS -> waits until every book file is
                                                      prepared for stamping; prints the seconds it took
  gatefold_api.py stamping BASE API_TOKEN RELEASE on|off -> turns stamping on or off for every book file
  gatefold_api.py film BASE API_TOKEN TITLE        -> prints the new release id (free, kind film)
  gatefold_api.py film-ready BASE API_TOKEN RELEASE SECONDS -> waits until the film is packaged for
                                                      streaming (GET /film has a stream); prints the seconds it took
  gatefold_api.py watch-urls BASE API_TOKEN RELEASE N -> records N purchases (N fans) and prints each
                                                      one's HLS master playlist URL (streams[] of kind hls)

Files themselves are uploaded with curl (PUT /api/releases/{id}/files/{name}) so the
upload can be timed the way a fan's or artist's client would see it.
"""
import json
import sys
import time
import urllib.error
import urllib.request
import uuid


def call(method, url, token, body):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.load(response)
    except urllib.error.HTTPError as e:
        sys.exit(f"{method} {url} answered {e.code}: {e.read().decode(errors='replace')[:500]}")


def main(argv):
    if len(argv) == 4 and argv[1] == "artist":
        suffix = uuid.uuid4().hex[:8]
        artist = call("POST", f"{argv[2]}/api/artists", argv[3], {
            "name": f"Bench Artist {suffix}", "email": f"bench-{suffix}@example.com",
            "password": uuid.uuid4().hex})
        print(artist["apiToken"])
    elif len(argv) == 5 and argv[1] == "release":
        release = call("POST", f"{argv[2]}/api/releases", argv[3], {"title": argv[4], "kind": "other", "pricing": "free"})
        print(release["id"])
    elif len(argv) == 5 and argv[1] == "purchase":
        purchase = call("POST", f"{argv[2]}/api/releases/{argv[4]}/purchases", argv[3], {
            "email": f"fan-{uuid.uuid4().hex[:8]}@example.com", "source": "gift"})
        if purchase.get("status") != "confirmed" or not purchase.get("downloads"):
            sys.exit(f"the purchase has no download links: {json.dumps(purchase)[:500]}")
        for d in purchase["downloads"]:
            print(f"{d['name']}\t{d['size']}\t{d['url']}")
    elif len(argv) == 7 and argv[1] == "paths":
        for _ in range(int(argv[6])):
            purchase = call("POST", f"{argv[2]}/api/releases/{argv[4]}/purchases", argv[3], {
                "email": f"fan-{uuid.uuid4().hex[:8]}@example.com", "source": "gift"})
            url = next(d["url"] for d in purchase["downloads"] if d["name"] == argv[5])
            print("/d/" + url.split("/d/", 1)[1])
    elif len(argv) == 6 and argv[1] == "music":
        release = call("POST", f"{argv[2]}/api/releases", argv[3], {"title": argv[4], "kind": "music", "pricing": "free",
                                                                   "formats": argv[5].split(",")})
        print(release["id"])
    elif len(argv) == 5 and argv[1] == "no-previews":
        for track in call("GET", f"{argv[2]}/api/releases/{argv[4]}/previews", argv[3], None)["tracks"]:
            call("PUT", f"{argv[2]}/api/releases/{argv[4]}/tracks/{track['fileId']}/preview", argv[3], {"mode": "none"})
    elif len(argv) == 6 and argv[1] == "formats":
        call("PATCH", f"{argv[2]}/api/releases/{argv[4]}", argv[3],
             {"formats": None if argv[5] == "all" else argv[5].split(",")})
    elif len(argv) == 5 and argv[1] == "publish":
        call("POST", f"{argv[2]}/api/releases/{argv[4]}/publish", argv[3], {})
    elif len(argv) == 5 and argv[1] == "status":
        print(format_status(call("GET", f"{argv[2]}/api/releases/{argv[4]}/formats", argv[3], None)))
    elif len(argv) == 5 and argv[1] == "albums":
        purchase = call("POST", f"{argv[2]}/api/releases/{argv[4]}/purchases", argv[3], {
            "email": f"fan-{uuid.uuid4().hex[:8]}@example.com", "source": "gift"})
        for a in purchase.get("albums") or []:
            print(f"{a['format']}\t{a.get('size') or 0}\t{a['url']}")
    elif len(argv) == 5 and argv[1] == "book":
        release = call("POST", f"{argv[2]}/api/releases", argv[3], {"title": argv[4], "kind": "book", "pricing": "free"})
        print(release["id"])
    elif len(argv) == 6 and argv[1] == "stamps-ready":
        start = time.monotonic()
        while True:
            files = call("GET", f"{argv[2]}/api/releases/{argv[4]}/stamping", argv[3], None)["files"]
            failed = [f for f in files if f["status"] == "failed"]
            if failed:
                sys.exit(f"a book file cannot be stamped: {failed}")
            if files and all(f["status"] in ("ready", "off") for f in files):
                print(f"{time.monotonic() - start:.2f}")
                return
            if time.monotonic() - start > float(argv[5]):
                sys.exit(f"the book files were not prepared within {argv[5]} s: {files}")
            time.sleep(0.2)
    elif len(argv) == 6 and argv[1] == "stamping":
        url = f"{argv[2]}/api/releases/{argv[4]}/stamping"
        files = call("GET", url, argv[3], None)["files"]
        call("PATCH", url, argv[3], {"files": {f["fileId"]: argv[5] == "on" for f in files}})
    elif len(argv) == 5 and argv[1] == "film":
        release = call("POST", f"{argv[2]}/api/releases", argv[3], {"title": argv[4], "kind": "film", "pricing": "free"})
        print(release["id"])
    elif len(argv) == 6 and argv[1] == "film-ready":
        start = time.monotonic()
        while True:
            film = call("GET", f"{argv[2]}/api/releases/{argv[4]}/film", argv[3], None)
            if film.get("stream"):
                print(f"{time.monotonic() - start:.2f}")
                return
            packaging = film.get("packaging") or {}
            if packaging.get("state") in ("failed", "dead"):
                sys.exit(f"the film could not be packaged: {packaging}")
            if time.monotonic() - start > float(argv[5]):
                sys.exit(f"the film was not packaged within {argv[5]} s: {packaging}")
            time.sleep(0.2)
    elif len(argv) == 6 and argv[1] == "watch-urls":
        for _ in range(int(argv[5])):
            purchase = call("POST", f"{argv[2]}/api/releases/{argv[4]}/purchases", argv[3], {
                "email": f"fan-{uuid.uuid4().hex[:8]}@example.com", "source": "gift"})
            hls = [s["url"] for s in purchase.get("streams") or [] if s["kind"] == "hls"]
            if not hls:
                sys.exit(f"the purchase has no film stream: {json.dumps(purchase)[:500]}")
            print(hls[0])
    else:
        sys.exit(__doc__)


def format_status(formats):
    """The state of everything on offer: checks of the masters first, then every format's tracks."""
    tracks = formats.get("tracks", [])
    if any(t.get("check", {}).get("state") in (None, "checking", "unchecked") for t in tracks):
        return "checking"
    offered = [f for f in formats["formats"] if f["status"] != "unavailable"]
    failed = [f["format"] for f in offered if f["status"] == "failed"]
    if failed:
        return "failed: " + ",".join(failed)
    return "ready" if all(f["status"] == "ready" for f in offered) else "building"


if __name__ == "__main__":
    main(sys.argv)
