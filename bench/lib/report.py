#!/usr/bin/env python3
"""Turns bench/run's measurements into the table it prints and bench/results.json.

  report.py MEASUREMENTS.tsv RESULTS.json

Each measurement line is KEY<TAB>VALUE; a key may repeat (one line per repetition), and
wrk runs are stored as one JSON object. Speeds are in bytes per second; the table shows MiB/s.
"""
import json
import statistics
import sys

MIB = 1024 * 1024


def load(path):
    values = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("\t")
            values.setdefault(key, []).append(value)
    return values


class Measurements:
    def __init__(self, values):
        self.values = values

    def text(self, key, default=None):
        return self.values.get(key, [default])[-1]

    def number(self, key):
        v = self.text(key)
        return float(v) if v not in (None, "") else None

    def samples(self, key):
        return [float(v) for v in self.values.get(key, [])]

    def median(self, key):
        s = self.samples(key)
        return statistics.median(s) if s else None

    def wrk(self, key):
        v = self.text(key)
        return json.loads(v) if v else None


def wrk_rate(w):
    """Good answers per second (wrk counts non-2xx/3xx answers as status errors)."""
    if not w or not w["duration_us"]:
        return None
    return (w["requests"] - w["status_errors"]) / (w["duration_us"] / 1e6)


def wrk_errors(w):
    return w["connect_errors"] + w["read_errors"] + w["write_errors"] + w["status_errors"] + w["timeouts"] if w else 0


def ratio(a, b):
    return a / b if a is not None and b else None


def mib(v):
    return "n/a" if v is None else f"{v / MIB:,.0f} MiB/s" if v / MIB >= 100 else f"{v / MIB:,.1f} MiB/s"


def fmt_ratio(r):
    return "n/a" if r is None else f"{r:.3f}x" if r < 0.1 else f"{r:.2f}x"


def size(n):
    return f"{n // (1024 * MIB)} GiB" if n % (1024 * MIB) == 0 else f"{n // MIB} MiB"


def book_figures(m, add):
    """Phase 5: a stamped PDF, each fan's first click and the same purchase's file with stamping off."""
    book = m.number("meta_book_size")
    if book is None:
        return
    name = f"{size(round(book / MIB) * MIB)} PDF"
    stamped, plain = m.samples("book_stamped_ttfb"), m.samples("book_plain_ttfb")
    p50 = statistics.median(stamped) if stamped else None
    plain50 = statistics.median(plain) if plain else None
    add("book_ttfb", f"time to first byte, stamped {name}, a new fan's first click (p50 of {len(stamped)})",
        "n/a" if p50 is None else f"{p50 * 1000:,.0f} ms", "n/a" if plain50 is None else f"unstamped {plain50 * 1000:,.0f} ms",
        None, "p50 <= 1 s", p50 is not None and p50 <= 1.0, noise_key="book_download",
        stamped_seconds=stamped, unstamped_seconds=plain, prepare_seconds=m.number("book_prepare_seconds"))
    g, ref = m.median("book_stamped_speed"), m.median("book_plain_speed")
    r = ratio(g, ref)
    add("book_download", f"one stamped {name} download, stream, local store", mib(g), f"unstamped {mib(ref)}", r,
        ">= 0.70x", r is not None and r >= 0.70 and 0 not in m.samples("book_stamped_speed"), noise_key="book_download",
        stamped_bytes_per_s=m.samples("book_stamped_speed"), unstamped_bytes_per_s=m.samples("book_plain_speed"))
    n, done, ok = (int(m.number(k) or 0) for k in ("book_many_n", "book_many_complete", "book_many_verified"))
    oom, alive = int(m.number("book_many_oom") or 0), int(m.number("book_many_alive") or 0)
    add("book_many", f"{n} stamped {name} downloads at once, one fan each, -Xmx{m.text('meta_stress_xmx')}",
        f"{done}/{n} complete, {ok}/2 verified, {'no OOM' if oom == 0 else 'OutOfMemoryError'}, "
        f"{m.number('book_many_seconds') or 0:.1f} s", "-", None, "all complete and verify",
        n > 0 and done == n and ok == 2 and oom == 0 and alive == 1)


def figures(m):
    big, small, stress_size = int(m.number("meta_big")), int(m.number("meta_small")), int(m.number("meta_stress_size"))
    conns = int(m.number("meta_connections"))
    out = []

    def add(fid, figure, gatefold, reference, r, target, passed, noise_key=None, **details):
        noise = m.samples(f"other_cpu_{noise_key or fid}")
        other = max(noise) if noise else None  # the worst of the repetitions
        out.append({"id": fid, "figure": figure, "gatefold": gatefold, "reference": reference,
                    "ratio": None if r is None else round(r, 3), "target": target,
                    "pass": bool(passed), "other_cpu_pct": None if other is None else int(other),
                    "details": details})

    # Link resolution: rate and latency.
    gw, nw, ew = m.wrk("link_gf"), m.wrk("link_ng"), m.wrk("link_empty")
    g_rate, n_rate, e_rate = wrk_rate(gw), wrk_rate(nw), wrk_rate(ew)
    r = ratio(g_rate, n_rate)
    # For reading the figure: the same Gatefold answering its emptiest route (GET /health/live).
    empty = "" if e_rate is None or g_rate is None else f" ({g_rate / e_rate:.2f}x of its empty route's {e_rate:,.0f}/s)"
    add("link_rate", f"link resolutions/s, GET /d/ -> 302 (S3 redirect), {conns} conns, {conns} links",
        "n/a" if g_rate is None else f"{g_rate:,.0f}/s{empty}", "n/a" if n_rate is None else f"nginx {n_rate:,.0f}/s",
        r, ">= 0.30x", r is not None and r >= 0.30 and wrk_errors(gw) == 0, noise_key="link",
        gatefold_wrk=gw, nginx_wrk=nw, empty_route_wrk=ew)
    if gw and nw:
        g_lat = f"p50 {gw['p50_us'] / 1000:.1f} / p99 {gw['p99_us'] / 1000:.1f} ms"
        n_lat = f"nginx p50 {nw['p50_us'] / 1000:.2f} / p99 {nw['p99_us'] / 1000:.2f} ms"
        p99_ok = gw["p99_us"] < 25_000
    else:
        g_lat, n_lat, p99_ok = "n/a", "n/a", False
    add("link_latency", f"link resolution latency, {conns} conns", g_lat, n_lat, None, "p99 < 25 ms", p99_ok,
        noise_key="link")

    # Link resolution on PostgreSQL instead of H2 (phase 5): its own nginx figure, measured beside it.
    pw, pnw = m.wrk("link_pg_gf"), m.wrk("link_pg_ng")
    p_rate, pn_rate = wrk_rate(pw), wrk_rate(pnw)
    r = ratio(p_rate, pn_rate)
    h2 = "" if p_rate is None or g_rate is None else f" ({p_rate / g_rate:.2f}x of H2's {g_rate:,.0f}/s)"
    add("link_pg_rate", f"link resolutions/s on PostgreSQL, GET /d/ -> 302 (S3 redirect), {conns} conns",
        "n/a" if p_rate is None else f"{p_rate:,.0f}/s{h2}", "n/a" if pn_rate is None else f"nginx {pn_rate:,.0f}/s",
        r, ">= 0.20x", r is not None and r >= 0.20 and wrk_errors(pw) == 0, noise_key="link_pg",
        gatefold_wrk=pw, nginx_wrk=pnw)
    if pw and pnw:
        p_lat = f"p50 {pw['p50_us'] / 1000:.1f} / p99 {pw['p99_us'] / 1000:.1f} ms"
        pn_lat = f"nginx p50 {pnw['p50_us'] / 1000:.2f} / p99 {pnw['p99_us'] / 1000:.2f} ms"
        p99_pg_ok = pw["p99_us"] < 25_000
    else:
        p_lat, pn_lat, p99_pg_ok = "n/a", "n/a", False
    add("link_pg_latency", f"link resolution latency on PostgreSQL, {conns} conns", p_lat, pn_lat, None, "p99 < 25 ms",
        p99_pg_ok, noise_key="link_pg")

    def speed_pair(fid, figure, gkey, rkey, rname, target):
        g, ref = m.median(gkey), m.median(rkey)
        r = ratio(g, ref)
        ok = r is not None and r >= target and 0 not in m.samples(gkey)
        add(fid, figure, mib(g), f"{rname} {mib(ref)}", r, f">= {target:.2f}x", ok,
            gatefold_bytes_per_s=m.samples(gkey), reference_bytes_per_s=m.samples(rkey))

    def wrk_pair(fid, figure, gkey, rkey, rname, target):
        gw, rw = m.wrk(gkey), m.wrk(rkey)
        g = wrk_rate(gw) * small if gw else None
        ref = wrk_rate(rw) * small if rw else None
        r = ratio(g, ref)
        ok = r is not None and r >= target and wrk_errors(gw) == 0
        add(fid, figure, mib(g), f"{rname} {mib(ref)}", r, f">= {target:.2f}x", ok, gatefold_wrk=gw, reference_wrk=rw)

    speed_pair("download_local", f"one {size(big)} download, stream, local store", "download_local_gf",
               "download_local_ng", "nginx sendfile", 0.70)
    speed_pair("download_s3", f"one {size(big)} download, stream, through S3", "download_s3_gf",
               "download_s3_s3", "S3Proxy direct", 0.90)
    wrk_pair("many_local", f"{conns} x {size(small)} downloads, stream, local store", "many_local_gf",
             "many_local_ng", "nginx", 0.60)
    wrk_pair("many_s3", f"{conns} x {size(small)} downloads, stream, through S3", "many_s3_gf",
             "many_s3_s3", "S3Proxy direct", 0.90)
    # Behind nginx as reverse proxy (phase 6): no target, the ratio is what operators will see.
    pg, pr = m.wrk("many_proxy_gf"), m.wrk("many_proxy_ng")
    g, ref = (wrk_rate(pg) * small if pg else None), (wrk_rate(pr) * small if pr else None)
    add("many_proxy", f"{conns} x {size(small)} downloads through nginx -> Gatefold (local store)", mib(g),
        f"nginx sendfile {mib(ref)}", ratio(g, ref), "report", g is not None and wrk_errors(pg) == 0,
        gatefold_wrk=pg, reference_wrk=pr)
    g, ref = m.median("download_proxy_gf"), m.median("download_proxy_ng")
    add("download_proxy", f"one {size(big)} download through nginx -> Gatefold (local store)", mib(g),
        f"nginx sendfile {mib(ref)}", ratio(g, ref), "report", g is not None and 0 not in m.samples("download_proxy_gf"),
        gatefold_bytes_per_s=m.samples("download_proxy_gf"), reference_bytes_per_s=m.samples("download_proxy_ng"))
    speed_pair("upload_local", f"one {size(big)} upload (PUT), local store", "upload_local_gf",
               "upload_local_s3", "S3Proxy PUT", 0.80)
    speed_pair("upload_s3", f"one {size(big)} upload (PUT), S3", "upload_s3_gf",
               "upload_s3_s3", "S3Proxy PUT", 0.80)

    n = int(m.number("stress_n") or 0)
    exact, sampled, sha_ok = (int(m.number(k) or 0) for k in ("stress_exact_size", "stress_sampled", "stress_sha_ok"))
    oom, alive = int(m.number("stress_oom") or 0), int(m.number("stress_alive") or 0)
    hwm = m.number("stress_hwm_kib")
    secs = m.number("stress_seconds") or 0
    rate = (m.number("stress_bytes") or 0) / secs if secs else None
    passed = n > 0 and exact == n and sha_ok == sampled and oom == 0 and alive == 1
    add("many_big", f"{n} x {size(stress_size)} at once, stream, local store, -Xmx{m.text('meta_stress_xmx')}",
        f"{exact}/{n} ok, {sha_ok}/{sampled} sha ok, {'no OOM' if oom == 0 else 'OutOfMemoryError'}, "
        f"peak RSS {'n/a' if hwm is None else f'{hwm / 1024:,.0f} MiB'}, {mib(rate)}",
        "-", None, "all complete, no OOM", passed,
        seconds=secs, peak_rss_kib=hwm, peak_threads=m.number("stress_peak_threads"), server_alive=bool(alive),
        oom_lines=oom)

    book_figures(m, add)

    colds = m.samples("cold_start_seconds")
    cold = m.median("cold_start_seconds")
    idle = m.median("idle_rss_kib")
    add("cold_start", f"cold start to /health/ready, fresh data dir (median of {len(colds)})",
        "n/a" if cold is None else f"{cold:.2f} s ({', '.join(f'{c:.2f}' for c in colds)}), idle RSS {idle / 1024:,.0f} MiB",
        "-", None, "< 2 s", cold is not None and cold < 2.0,
        seconds=colds, idle_rss_kib=m.samples("idle_rss_kib"), s3_start_seconds=m.number("s3_start_seconds"))
    music_figures(m, add)
    film_figures(m, add)
    # bench/run --only: leave out the figures of the phases that did not run.
    only = set((m.text("meta_only") or "1,2,3,4,5,6,7,8,9").split(","))
    return [row for row in out if PHASE_OF[row["id"]] in only]


def music_figures(m, add):
    """Phase 5: formats through the job queue, one album zip, many album zips at once."""
    tracks, secs, workers = (int(m.number(k) or 0) for k in ("music_tracks", "music_track_seconds", "music_workers"))
    gf, ref = m.number("music_transcode_gf_seconds"), m.number("music_transcode_ref_seconds")
    r = None if not gf or not ref else ref / gf
    add("music_transcode", f"{tracks} x {secs} s masters into 9 formats, {workers} at once (job queue vs shell loop of ffmpeg)",
        "n/a" if gf is None else f"{gf:.1f} s", "n/a" if ref is None else f"shell loop {ref:.1f} s", r, ">= 0.90x",
        r is not None and r >= 0.90)
    g, z = m.median("album_zip_gf"), m.median("album_zip_ng")
    r = ratio(g, z)
    valid = m.number("album_zip_valid") == 1
    add("album_zip", f"one {size(int(m.number('album_zip_size') or 0))} album zip (WAV originals), local store",
        mib(g) + ("" if valid else ", unzip -t FAILED"), f"nginx sendfile {mib(z)}", r, ">= 0.70x",
        valid and r is not None and r >= 0.70 and 0 not in m.samples("album_zip_gf"),
        gatefold_bytes_per_s=m.samples("album_zip_gf"), reference_bytes_per_s=m.samples("album_zip_ng"))
    n, ok = int(m.number("many_zips_n") or 0), int(m.number("many_zips_ok") or 0)
    oom, alive = int(m.number("many_zips_oom") or 0), int(m.number("many_zips_alive") or 0)
    hwm = m.number("many_zips_hwm_kib")
    add("many_zips", f"{n} x {size(int(m.number('many_zips_size') or 0))} album zips at once, -Xmx{m.text('meta_stress_xmx')}",
        f"{ok}/{n} ok, {'no OOM' if oom == 0 else 'OutOfMemoryError'}, peak RSS "
        f"{'n/a' if hwm is None else f'{hwm / 1024:,.0f} MiB'}, {m.number('many_zips_seconds') or 0:.1f} s",
        "-", None, "all complete and identical, no OOM", n > 0 and ok == n and oom == 0 and alive == 1)


def film_figures(m, add):
    """Phase 9: a film packaged for HLS by the job queue, and many viewers of it at once."""
    secs = int(m.number("film_seconds") or 0)
    gf, ref = m.number("film_package_gf_seconds"), m.number("film_package_ref_seconds")
    r = None if not gf or not ref else ref / gf
    # For reading on a busy machine: the CPU the ffmpeg runs took on each side (the same work should take the same).
    gcpu, rcpu = m.number("film_package_gf_cpu"), m.number("film_package_ref_cpu")
    add("film_package", f"a {secs} s 1080p film packaged for HLS (ladder, trailer, progressive copy; job queue vs shell)",
        "n/a" if gf is None else f"{gf:.1f} s" + ("" if gcpu is None else f" (ffmpeg CPU {gcpu:.1f} s)"),
        "n/a" if ref is None else f"shell {ref:.1f} s" + ("" if rcpu is None else f" (CPU {rcpu:.1f} s)"), r, ">= 0.90x",
        r is not None and r >= 0.90, master_bytes=m.number("film_master_bytes"), gatefold_ffmpeg_cpu_s=gcpu,
        shell_ffmpeg_cpu_s=rcpu)
    gv, nv = [json.loads(v) for v in m.values.get("film_view_gf", [])], [json.loads(v) for v in m.values.get("film_view_ng", [])]
    g = statistics.median(v["bytes_per_s"] for v in gv) if gv else None
    ref = statistics.median(v["bytes_per_s"] for v in nv) if nv else None
    r = ratio(g, ref)
    errors = sum(v["errors"] for v in gv)
    viewers, rungs = (gv or nv or [{"viewers": 0}])[0]["viewers"], int(m.number("film_renditions") or 0)
    # For reading on a busy machine: each server's CPU seconds per GiB it sent.
    per_gib = lambda runs: statistics.median(v["server_cpu_s"] / max(1, v["bytes"]) * 2**30 for v in runs) if runs else None
    gc, nc = per_gib(gv), per_gib(nv)
    add("film_view", f"{viewers} viewers, playlists and 6 s segments of {rungs} renditions, stream, local store",
        mib(g) + (f", {errors} errors" if errors else "") + ("" if gc is None else f" ({gc:.2f} CPU s/GiB)"),
        f"nginx {mib(ref)}" + ("" if nc is None else f" ({nc:.2f} CPU s/GiB)"), r, ">= 0.70x",
        r is not None and r >= 0.70 and errors == 0, gatefold_runs=gv, nginx_runs=nv)
    gp = statistics.median(v["playlist_p99_ms"] for v in gv) if gv else None
    g50 = statistics.median(v["playlist_p50_ms"] for v in gv) if gv else None
    np99 = statistics.median(v["playlist_p99_ms"] for v in nv) if nv else None
    n50 = statistics.median(v["playlist_p50_ms"] for v in nv) if nv else None
    count = sum(v["playlists"] for v in gv)
    add("film_playlist_latency", f"playlist answers (master and media, rewritten per viewer) under the same load",
        "n/a" if gp is None else f"p50 {g50:.1f} / p99 {gp:.1f} ms ({count} answers)",
        "n/a" if np99 is None else f"nginx p50 {n50:.1f} / p99 {np99:.1f} ms", None, "p99 < 25 ms",
        gp is not None and gp < 25, noise_key="film_view")


PHASE_OF = {"film_package": "9", "film_view": "9", "film_playlist_latency": "9", "music_transcode": "5", "album_zip": "5", "many_zips": "5", "book_ttfb": "6", "book_download": "6",
            "book_many": "6", "cold_start": "1", "upload_local": "1", "many_local": "1", "download_local": "1", "many_big": "2",
            "upload_s3": "3", "link_rate": "3", "link_latency": "3", "many_s3": "4", "download_s3": "4",
            "link_pg_rate": "7", "link_pg_latency": "7", "many_proxy": "8", "download_proxy": "8"}


NOISY_PCT = 25


def other_cpu(pct):
    """CPU share other programs took during the figure; above NOISY_PCT the figure is not trustworthy."""
    if pct is None:
        return "n/a"
    return f"{pct}% NOISY" if pct > NOISY_PCT else f"{pct}%"


def table(rows, header):
    cols = ["figure", "Gatefold", "reference", "ratio", "target", "result", "other CPU"]
    cells = [[r["figure"], r["gatefold"], r["reference"], fmt_ratio(r["ratio"]) if r["ratio"] is not None else "-",
              r["target"], "pass" if r["pass"] else "FAIL", other_cpu(r["other_cpu_pct"])] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    line = lambda vals: "| " + " | ".join(v.ljust(w) for v, w in zip(vals, widths)) + " |"
    return "\n".join([header, line(cols), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(c) for c in cells])


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    m = Measurements(load(argv[1]))
    rows = figures(m)
    quick = m.text("meta_quick") == "1"
    meta = {
        "date": m.text("meta_date"), "quick": quick, "server_java": m.text("meta_server_java"),
        "nproc": int(m.number("meta_nproc")), "mem_total_gib": round(m.number("meta_mem_total_kib") / 1024 / 1024, 1),
        "cpu_busy_before_pct": int(m.number("meta_busy_before")), "cpu_busy_after_pct": int(m.number("meta_busy_after")),
        "seconds": round(m.number("meta_seconds"), 1), "commit": m.text("meta_commit"),
    }
    header = (f"Gatefold benchmark{' (QUICK: smaller sizes, shorter runs)' if quick else ''} — {meta['date']}, "
              f"server {meta['server_java']}, {meta['nproc']} cores, {meta['mem_total_gib']} GiB, "
              f"CPUs {meta['cpu_busy_before_pct']}% busy before / {meta['cpu_busy_after_pct']}% after, "
              f"{meta['seconds']:.0f} s, commit {meta['commit']}")
    text = table(rows, header)
    passed = sum(r["pass"] for r in rows)
    text += f"\n{passed}/{len(rows)} figures meet their targets."
    noisy = [r["id"] for r in rows if (r["other_cpu_pct"] or 0) > NOISY_PCT]
    if noisy:
        text += (f"\nOther programs used more than {NOISY_PCT}% of the CPUs during: {', '.join(noisy)};"
                 " run again on a quiet machine before trusting those figures.")
    print(text)
    with open(argv[2], "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "figures": rows, "table": text}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv)
