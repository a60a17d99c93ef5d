#!/usr/bin/env python3
"""Viewers of an HLS film, as players behave: each fetches the master playlist, then its
rendition's media playlist, then the init segment and every segment in order, and starts
over from the master when the film ends. No pacing: each viewer fetches as fast as it is
answered, on its own keep-alive connection.

  viewers.py URLS_FILE VIEWERS SECONDS [--warm MIN,SLICE,MAX] [--pid SERVER_PID]
  viewers.py --probe MASTER_URL SECONDS   (the playlist probe alone; run by the above)

URLS_FILE holds master playlist URLs, one a line (one per fan; fewer lines than VIEWERS are
reused in turn; a line beyond VIEWERS is the probe's own fan). Viewer i watches rendition i modulo the number of renditions, so the ladder
is watched evenly. Every fourth viewer is a fan looking for where they left off: it fetches
the playlists, the init segment and one segment (a later one each time round) and starts over,
so the playlists are asked for often enough for their p99 to mean something. First an unmeasured warm-up, as bench/run's warm_wrk does it: at least MIN
seconds, then slices of SLICE s until two in a row are no more than 3 % faster than the best
before them, at most MAX s (the rates per slice go to stderr): a JIT on two busy cores can
take most of a minute to compile the serving path. Then prints one JSON line: body bytes received
in SECONDS, requests by kind, errors, and playlist latencies (p50, p99, max in ms); with
--pid, also the CPU seconds that process and its children (nginx's workers) used in those
SECONDS, beside the client's own: on a busy machine CPU per byte is steadier than bytes/s.

Playlist latency is the probe's: a separate process, one more player, fetching the master and
then a media playlist, one request at a time, PROBE_RATE pairs a second, while the viewers run.
Timed inside the viewers' own event loop, an answer also waits for 64 busy viewers' callbacks
(nginx's playlists measured 77 ms at p99 that way): the probe's figure is what a player sees of
the server. The viewers' own timings are kept beside it as viewer_playlist_*.

Bodies are counted in a reused buffer (asyncio's BufferedProtocol), never copied, so the
client costs little CPU next to the server it measures.
"""
import argparse
import asyncio
import http.client
import json
import os
import subprocess
import sys
import time
import urllib.parse

BUFFER = 1024 * 1024
PROBE_RATE = 10


class Totals:
    def __init__(self):
        self.bytes = 0
        self.segments = 0
        self.playlists = 0
        self.errors = 0
        self.playlist_ms = []
        self.segment_ms = []

    def reset(self):
        self.__init__()


class Connection(asyncio.BufferedProtocol):
    """One keep-alive HTTP/1.1 connection; one request at a time."""

    def __init__(self, totals):
        self.totals = totals
        self.buffer = memoryview(bytearray(BUFFER))
        self.transport = None
        self.waiter = None
        self.closed = asyncio.get_running_loop().create_future()

    def connection_made(self, transport):
        self.transport = transport

    def connection_lost(self, exc):
        if self.waiter and not self.waiter.done():
            self.waiter.set_exception(ConnectionError("the server closed the connection"))
        if not self.closed.done():
            self.closed.set_result(None)

    def get_buffer(self, sizehint):
        return self.buffer

    def request(self, path, host, keep):
        self.head = bytearray()
        self.status = 0
        self.left = None  # body bytes still to come; None while reading the head
        self.chunked = False
        self.keep = keep
        self.body = bytearray()
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: bench-viewer\r\n\r\n".encode())
        return self.waiter

    def buffer_updated(self, n):
        data = self.buffer[:n]
        if self.left is None:
            self.head += data
            end = self.head.find(b"\r\n\r\n")
            if end < 0:
                return
            lines = bytes(self.head[:end]).decode("latin-1").split("\r\n")
            self.status = int(lines[0].split(" ")[1])
            headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
            self.chunked = headers.get("transfer-encoding", "").lower() == "chunked"
            self.left = 0 if self.chunked else int(headers.get("content-length", "0"))
            rest = bytes(self.head[end + 4:])
            self.head = None
            self.take(rest, len(rest))
        else:
            self.take(data, n)

    def take(self, data, n):
        if self.chunked:
            # Only small answers (playlists) come chunked: keep them whole and look for the end.
            self.body += data
            if self.body.endswith(b"0\r\n\r\n"):
                self.body = dechunk(bytes(self.body))
                self.totals.bytes += len(self.body)
                self.waiter.set_result(self.status)
            return
        self.left -= n
        self.totals.bytes += n
        if self.keep:
            self.body += data
        if self.left <= 0 and not self.waiter.done():
            self.waiter.set_result(self.status)


def dechunk(raw):
    out, i = bytearray(), 0
    while True:
        eol = raw.index(b"\r\n", i)
        size = int(raw[i:eol].split(b";")[0], 16)
        if size == 0:
            return bytes(out)
        out += raw[eol + 2:eol + 2 + size]
        i = eol + 2 + size + 2


class Viewer:
    def __init__(self, number, master_url, totals):
        self.number = number
        self.master_url = master_url
        self.totals = totals
        parts = urllib.parse.urlsplit(master_url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.conn = None

    async def get(self, url, kind):
        parts = urllib.parse.urlsplit(url)
        path = parts.path + ("?" + parts.query if parts.query else "")
        for attempt in (1, 2):
            if self.conn is None or self.conn.closed.done():
                loop = asyncio.get_running_loop()
                _, self.conn = await loop.create_connection(lambda: Connection(self.totals), self.host, self.port)
            started = time.perf_counter()
            try:
                status = await self.conn.request(path, f"{self.host}:{self.port}", kind == "playlist")
            except ConnectionError:
                self.conn = None
                if attempt == 2:
                    raise
                continue
            ms = (time.perf_counter() - started) * 1000
            if status != 200:
                self.totals.errors += 1
                raise RuntimeError(f"{kind} {path[:80]} answered {status}")
            if kind == "playlist":
                self.totals.playlists += 1
                self.totals.playlist_ms.append(ms)
                return self.conn.body.decode()
            self.totals.segments += 1
            self.totals.segment_ms.append(ms)
            return None

    async def watch(self):
        resumes = 0
        while True:
            master = await self.get(self.master_url, "playlist")
            variants = uris(master)
            media_url = urllib.parse.urljoin(self.master_url, variants[self.number % len(variants)])
            media = await self.get(media_url, "playlist")
            for line in media.splitlines():
                if line.startswith("#EXT-X-MAP:"):
                    init = line.split('URI="', 1)[1].split('"', 1)[0]
                    await self.get(urllib.parse.urljoin(media_url, init), "segment")
            segments = uris(media)
            if self.number % 4 == 3:
                segments = [segments[resumes % len(segments)]]
                resumes += 1
            for uri in segments:
                await self.get(urllib.parse.urljoin(media_url, uri), "segment")


def uris(playlist):
    return [line.strip() for line in playlist.splitlines() if line.strip() and not line.startswith("#")]


def percentile(values, p):
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def cpu_seconds(pid):
    """User + system CPU of a process and its children (live ones: nginx's workers), in seconds."""
    if pid is None:
        return 0.0
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            pids = [pid] + [int(p) for p in f.read().split()]
    except OSError:
        pids = [pid]
    ticks = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


async def warm_up(totals, least, piece, most):
    spent, best, flat, rates = 0.0, 0.0, 0, []
    while True:
        before = totals.bytes
        await asyncio.sleep(piece)
        spent += piece
        rate = (totals.bytes - before) / piece
        rates.append(f"{rate / 2**20:.0f}")
        flat = flat + 1 if rate <= best * 1.03 else 0
        best = max(best, rate)
        if (spent >= least and flat >= 2) or spent >= most:
            print(f"warm-up {spent:.0f} s, MiB/s per slice: {' '.join(rates)}", file=sys.stderr)
            return


def probe(master_url, seconds):
    """The playlist probe: sequential master + media playlist fetches on one keep-alive connection."""
    parts = urllib.parse.urlsplit(master_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
    times, errors, n = [], 0, 0

    def fetch(url):
        nonlocal errors
        u = urllib.parse.urlsplit(url)
        started = time.perf_counter()
        conn.request("GET", u.path + ("?" + u.query if u.query else ""), headers={"User-Agent": "bench-probe"})
        answer = conn.getresponse()
        body = answer.read()
        times.append((time.perf_counter() - started) * 1000)
        if answer.status != 200:
            errors += 1
        return body.decode()

    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        due = time.perf_counter() + 1 / PROBE_RATE
        variants = uris(fetch(master_url))
        if variants:
            fetch(urllib.parse.urljoin(master_url, variants[n % len(variants)]))
        n += 1
        time.sleep(max(0.0, due - time.perf_counter()))
    return {"answers": len(times), "errors": errors, "p50_ms": percentile(times, 50), "p99_ms": percentile(times, 99),
            "max_ms": max(times, default=None)}


async def run(urls, viewers, warm, seconds, server_pid):
    totals = Totals()
    tasks = [asyncio.create_task(Viewer(i, urls[i % len(urls)], totals).watch()) for i in range(viewers)]
    await warm_up(totals, *warm)
    totals.reset()
    probe_url = urls[viewers] if len(urls) > viewers else urls[0]
    prober = await asyncio.create_subprocess_exec(sys.executable, os.path.abspath(__file__), "--probe", probe_url,
                                                  str(seconds), stdout=subprocess.PIPE)
    started = time.perf_counter()
    server_cpu, client_cpu = cpu_seconds(server_pid), time.process_time()
    await asyncio.sleep(seconds)
    elapsed = time.perf_counter() - started
    server_cpu, client_cpu = cpu_seconds(server_pid) - server_cpu, time.process_time() - client_cpu
    snapshot = dict(vars(totals))
    probed = json.loads((await prober.communicate())[0])
    failed = [t for t in tasks if t.done() and t.exception()]
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return {
        "viewers": viewers, "seconds": round(elapsed, 3), "bytes": snapshot["bytes"],
        "bytes_per_s": snapshot["bytes"] / elapsed, "segments": snapshot["segments"],
        "playlists": snapshot["playlists"], "errors": snapshot["errors"] + len(failed) + probed["errors"],
        "failed_viewers": [str(t.exception())[:200] for t in failed][:3],
        "playlist_p50_ms": probed["p50_ms"], "playlist_p99_ms": probed["p99_ms"], "playlist_max_ms": probed["max_ms"],
        "probe_playlists": probed["answers"],
        "viewer_playlist_p50_ms": percentile(snapshot["playlist_ms"], 50),
        "viewer_playlist_p99_ms": percentile(snapshot["playlist_ms"], 99),
        "segment_p50_ms": percentile(snapshot["segment_ms"], 50), "segment_p99_ms": percentile(snapshot["segment_ms"], 99),
        "server_cpu_s": round(server_cpu, 2), "client_cpu_s": round(client_cpu, 2),
    }


def main(argv):
    if len(argv) == 4 and argv[1] == "--probe":
        print(json.dumps(probe(argv[2], float(argv[3]))))
        return
    parser = argparse.ArgumentParser(usage=__doc__)
    parser.add_argument("urls")
    parser.add_argument("viewers", type=int)
    parser.add_argument("seconds", type=float)
    parser.add_argument("--warm", default="1,1,1")
    parser.add_argument("--pid", type=int)
    args = parser.parse_args(argv[1:])
    with open(args.urls, encoding="utf-8") as f:
        urls = [line.strip() for line in f if line.strip()]
    warm = [float(x) for x in args.warm.split(",")]
    print(json.dumps(asyncio.run(run(urls, args.viewers, warm, args.seconds, args.pid))))


if __name__ == "__main__":
    main(sys.argv)
