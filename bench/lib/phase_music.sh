# Phase 5 of bench/run, sourced by it: music formats through the job queue and album zips.
#   music_transcode: every format of an album made by Gatefold's job queue, against the same
#                    ffmpeg encodes run by a shell loop with as many at once (time, ratio ref/gf)
#   album_zip:       one album zip of about the big file's size (WAV masters, original format),
#                    against nginx sending the same zip, prebuilt, with sendfile (speed ratio)
#   many_zips:       many album zips at once from a server at -Xmx$STRESS_XMX: all complete,
#                    sizes exact, sampled checksums equal, no OutOfMemoryError
# MUSIC_JVM_OPTS (from the caller's shell) adds JVM options to the formats server only, for profiling, e.g.
#   MUSIC_JVM_OPTS=-XX:StartFlightRecording=filename=/tmp/music.jfr bench/run --only 5
# Uses bench/run's helpers: say, die, rec, now, calc, start_gatefold, stop_gatefold, cpu_mark,
# cpu_note, download, proc_kib, PIDS and the settings at its top.

FFMPEG=$(tool ffmpeg)
[ -n "$FFMPEG" ] || die "phase 5 needs ffmpeg (apt-get install -y ffmpeg)"
MUSIC="$WORK/music"
mkdir -p "$MUSIC/masters" "$MUSIC/reference" "$MUSIC/zip" "$MUSIC/many"
WORKERS=$(nproc)
if [ "$QUICK" = 1 ]; then
    TRACKS=4; TRACK_SECONDS=20; ZIP_TRACKS=4; MANY_N=20; MANY_TRACK_SECONDS=12
else
    TRACKS=10; TRACK_SECONDS=120; ZIP_TRACKS=8; MANY_N=100; MANY_TRACK_SECONDS=48
fi
# The ffmpeg commands Gatefold runs for a 16-bit stereo 44.1 kHz master (media.Transcoder's command,
# media.EncodeRecipe's codec arguments): the tags come from a metadata file (empty for MP3, WAV and
# AIFF, whose ID3 tag Gatefold writes itself afterwards), and only the allowed demuxers read the master.
# Each line: format id | extension | tags (ff: in the metadata file, id3: not) | codec arguments.
MUSIC_RECIPES=(
    "mp3-v0|mp3|id3|-c:a libmp3lame -q:a 0 -id3v2_version 0 -write_id3v1 0 -f mp3"
    "mp3-320|mp3|id3|-c:a libmp3lame -b:a 320k -id3v2_version 0 -write_id3v1 0 -f mp3"
    "aac|m4a|ff|-c:a aac -b:a 256k -f ipod"
    "vorbis|ogg|ff|-c:a libvorbis -q:a 6 -f ogg"
    "opus|opus|ff|-c:a libopus -b:a 160k -ar 48000 -f opus"
    "flac|flac|ff|-c:a flac -sample_fmt s16 -f flac"
    "alac|m4a|ff|-c:a alac -sample_fmt s16p -f ipod"
    "wav|wav|id3|-c:a pcm_s16le -fflags +bitexact -f wav"
    "aiff|aiff|id3|-c:a pcm_s16be -f aiff"
)
# media.Probe.AUDIO_DEMUXERS
MUSIC_DEMUXERS=wav,aiff,flac,mp3,mov,ogg

# master FILE SECONDS SEED: pink noise in stereo, harder to encode than a tone.
master() {
    "$FFMPEG" -nostdin -v error -y -f lavfi -i "anoisesrc=d=$2:c=pink:r=44100:a=0.3:s=$3" -ac 2 -c:a pcm_s16le "$1" \
        || die "ffmpeg could not make $1"
}

# noise_master FILE SECONDS: random samples (white noise) in 24-bit 192 kHz stereo, for the album
# zip, whose figure is about bytes, not encoding: drawing a gigabyte of pink noise took about a
# minute of the run, and at CD resolution a gigabyte is 100 minutes of music whose checks and
# library streams the server then makes in the background of the figure (hi-res, 15 minutes).
noise_master() {
    head -c "$(( $2 * 192000 * 6 ))" /dev/urandom \
        | "$FFMPEG" -nostdin -v error -y -f s24le -ar 192000 -ac 2 -i pipe:0 -c:a pcm_s24le "$1" \
        || die "ffmpeg could not make $1"
}

# wait_formats RELEASE TIMEOUT -> waits until every format on offer is ready; dies if one fails
wait_formats() {
    local state deadline=$(( $(date +%s) + $2 ))
    while :; do
        state=$(python3 "$LIB/gatefold_api.py" status "$GF" "$API_TOKEN" "$1")
        case "$state" in
            ready) return 0 ;;
            failed*) die "Gatefold could not make a format: $state (see $GF_LOG)" ;;
        esac
        [ "$(date +%s)" -lt "$deadline" ] || die "formats of $1 still '$state' after $2 s"
        sleep 0.2
    done
}

# media_idle TIMEOUT -> waits until no media job is queued or running here. One process at
# nice 19 reads the admin metrics (a few ms of the server's time, against tens for the formats
# status) every 0.5 s (at 0.2 s, answering was a good share of the server's own CPU during the encodes): a wait that starts a python per poll and asks for the whole status takes
# a good share of the CPU from the encodes it waits for, which the shell loop's xargs never does.
media_idle() {
    nice -n 19 python3 - "$GF/metrics" "$ADMIN_TOKEN" "$1" <<'PY' || die "the media jobs did not finish within $1 s (see $GF_LOG)"
import re, sys, time, urllib.request
url, token, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
busy = re.compile(r'^gatefold_job_queue_depth\{lane="media",state="(?:queued|running)"\} (\S+)$', re.M)
end = time.monotonic() + timeout
while True:
    text = urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": "Bearer " + token}), timeout=30).read().decode()
    if sum(float(v) for v in busy.findall(text)) == 0:
        break
    if time.monotonic() > end:
        sys.exit(1)
    time.sleep(0.5)
PY
}

# stored_derived -> how many derived files (formats, previews) the music server's local store holds
stored_derived() {
    nice -n 19 find "$WORK/gf-music/store/blobs" -path '*/derived/*' -type f | wc -l
}

# wait_stored COUNT TIMEOUT -> waits until the store holds COUNT derived files, looking at its folder
# every 0.2 s at nice 19: asking the server (its metrics, its formats status) made it answer and
# compile the answering code meanwhile, a good share of its own CPU during the encodes
wait_stored() {
    local deadline=$(( $(date +%s) + $2 ))
    while [ "$(stored_derived)" -lt "$1" ]; do
        [ "$(date +%s)" -lt "$deadline" ] || die "the store held fewer than $1 derived files after $2 s (see $GF_LOG)"
        sleep 0.2
    done
}

# wait_built RELEASE TIMEOUT -> waits until the media lane is idle and every format on offer is ready
wait_built() {
    local state deadline=$(( $(date +%s) + $2 ))
    while :; do
        media_idle "$2"
        state=$(python3 "$LIB/gatefold_api.py" status "$GF" "$API_TOKEN" "$1")
        case "$state" in
            ready) return 0 ;;
            failed*) die "Gatefold could not make a format: $state (see $GF_LOG)" ;;
        esac
        [ "$(date +%s)" -lt "$deadline" ] || die "formats of $1 still '$state' after $2 s"
        sleep 0.2
    done
}

# music_release TITLE FILES... -> the id of a new published release of these masters, in the
# original format only and without previews: previews are a figure of their own, and made in the
# background they took half a minute of the run and CPU from the figures measured meanwhile.
music_release() {
    local release
    release=$(python3 "$LIB/gatefold_api.py" music "$GF" "$API_TOKEN" "$1" original)
    shift
    upload_tracks "$release" "$@"
    python3 "$LIB/gatefold_api.py" no-previews "$GF" "$API_TOKEN" "$release"
    python3 "$LIB/gatefold_api.py" publish "$GF" "$API_TOKEN" "$release"
    echo "$release"
}

# upload_tracks RELEASE FILES... (PUT each, fails unless 201)
upload_tracks() {
    local release=$1 f code name
    shift
    for f in "$@"; do
        name=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$(basename "$f")")
        code=$(curl -sS -T "$f" -H "Authorization: Bearer $API_TOKEN" -H "Content-Type: audio/wav" -H "Expect:" \
            -o "$WORK/put.json" -w '%{http_code}' "$GF/api/releases/$release/files/$name") || true
        [ "$code" = 201 ] || { cat "$WORK/put.json" >&2; die "uploading $(basename "$f") answered $code"; }
    done
}

# album_url RELEASE FORMAT -> the album link of a new gift purchase
album_url() {
    python3 "$LIB/gatefold_api.py" albums "$GF" "$API_TOKEN" "$1" | awk -F'\t' -v f="$2" '$1 == f { print $3; exit }'
}

# fetch_ready URL -> waits until the album answers 200 (a zip being made answers 202 first)
fetch_ready() {
    local code i
    for i in $(seq 600); do
        code=$(curl -sS -o /dev/null -w '%{http_code}' -r 0-0 "$1") || true
        [ "$code" = 206 ] || [ "$code" = 200 ] && return 0
        sleep 0.5
    done
    die "the album at ${1%%\?*} never became ready (last answer $code)"
}

say "phase 5: music: $TRACKS x ${TRACK_SECONDS} s masters into 9 formats, $WORKERS at once; album zips"
for i in $(seq "$TRACKS"); do master "$MUSIC/masters/$(printf '%02d' "$i") Track $i.wav" "$TRACK_SECONDS" "$i"; done

# -- the shell loop: the same encodes, WORKERS at once, at the niceness Gatefold gives ffmpeg
#    (media.MediaTools: nice -n 10, so serving never starves; on a busy machine that matters)
printf ';FFMETADATA1\n' > "$MUSIC/id3.ffmeta"
printf ';FFMETADATA1\ntitle=Track\nartist=Bench Artist\nalbum=Bench album\nalbum_artist=Bench Artist\ntrack=1\ntracktotal=%s\ndisc=1\ndisctotal=1\ndate=2026\ncomment=http://127.0.0.1/r/bench-album\n' \
    "$TRACKS" > "$MUSIC/ff.ffmeta"
# reference_encodes FIRST LAST -> the shell loop over masters FIRST..LAST; adds its seconds and its
# ffmpeg CPU to REF_SECONDS and REF_CPU
REF_SECONDS=0
REF_CPU=0
reference_encodes() {
    local t0 i
    t0=$(now)
    for recipe in "${MUSIC_RECIPES[@]}"; do
        IFS='|' read -r id ext tags args <<<"$recipe"
        for i in $(seq "$1" "$2"); do
            f="$MUSIC/masters/$(printf '%02d' "$i") Track $i.wav"
            printf '%s\0%s\0%s\0%s\0' "$f" "$MUSIC/$tags.ffmeta" "$args" "$MUSIC/reference/$id-$(basename "$f" .wav).$ext"
        done
    done | /usr/bin/time -f '%U %S' -o "$WORK/ref-cpu.txt" \
        xargs -0 -n 4 -P "$WORKERS" sh -c 'nice -n 10 "$0" -nostdin -hide_banner -nostats -v error -y -format_whitelist "$1" \
            -i "$2" -f ffmetadata -i "$3" -map 0:a:0 -map_metadata 1 -map_metadata:s:a -1 -map_chapters -1 $4 "$5"' \
            "$FFMPEG" "$MUSIC_DEMUXERS" \
        || die "the reference encodes failed"
    REF_SECONDS=$(calc "$REF_SECONDS + $(now) - $t0")
    REF_CPU=$(calc "$REF_CPU + $(awk '{ printf "%.2f", $1 + $2 }' "$WORK/ref-cpu.txt")")
}
# The shell loop runs in two halves, the first half of the masters before Gatefold's figure and the
# second after it, so a machine whose speed drifts during the phase (one run's shell loop used 75 CPU-s
# and Gatefold's identical encodes 85, a minute and a half later) slows both sides alike.
cpu_mark
reference_encodes 1 $((TRACKS / 2))
cpu_note music_transcode

# -- Gatefold: the masters are in and checked, and the previews that publishing queued are made
#    (the shell loop makes no previews), then every format is asked for at once
start_gatefold music "$WORK/gf-music" "${MUSIC_JVM_OPTS:-}" GATEFOLD_TRANSCODE_WORKERS="$WORKERS"
setup_catalog
# One unmeasured round first, as for every figure: four short tracks in every format, so the server's
# JIT has compiled the formats' path before the clock starts (on a fresh server its compiler took
# most of a core's worth of the time the encodes had).
for i in 1 2 3 4; do master "$MUSIC/warm-$i.wav" 5 "$((300 + i))"; done
WARM_RELEASE=$(music_release "Bench warm-up" "$MUSIC"/warm-*.wav)
python3 "$LIB/gatefold_api.py" formats "$GF" "$API_TOKEN" "$WARM_RELEASE" all
wait_built "$WARM_RELEASE" 600
MUSIC_RELEASE=$(music_release "Bench album" "$MUSIC/masters"/*.wav)
wait_built "$MUSIC_RELEASE" 600
cpu_mark
t0=$(now)
jvm0=$(own_cpu "$GF_PID")
ffmpeg0=$(children_cpu "$GF_PID")
thread_cpu "$GF_PID" > "$WORK/threads-before.txt"
stored=$(stored_derived)
say "  every format asked for"
python3 "$LIB/gatefold_api.py" formats "$GF" "$API_TOKEN" "$MUSIC_RELEASE" all
# 9 files a track; then the server confirms every format is ready (its last row follows the last file by milliseconds)
wait_stored $((stored + TRACKS * 9)) 1800
wait_built "$MUSIC_RELEASE" 1800
rec music_transcode_gf_seconds "$(calc "$(now) - $t0")"
# The server's own CPU meanwhile (queue, tags, checksums, storing; its JIT compiling the paths it meets
# first): at nice 0 it comes straight off the niced encodes' two cores.
rec music_transcode_gf_jvm_cpu "$(calc "$(own_cpu "$GF_PID") - $jvm0")"
rec music_transcode_gf_cpu "$(calc "$(children_cpu "$GF_PID") - $ffmpeg0")"
thread_cpu "$GF_PID" > "$WORK/threads-after.txt"
say "  the server's busiest threads meanwhile (CPU s): $(thread_cpu_diff "$WORK/threads-before.txt" "$WORK/threads-after.txt")"
# the shell loop's second half, with the server idle (its media lane is)
reference_encodes $((TRACKS / 2 + 1)) "$TRACKS"
rec music_transcode_ref_seconds "$REF_SECONDS"
rec music_transcode_ref_cpu "$REF_CPU"
last() { awk -F'\t' -v k="$1" '$1 == k { v = $2 } END { print v }' "$MEASURE"; }
say "  formats: Gatefold $(last music_transcode_gf_seconds) s (ffmpeg CPU $(last music_transcode_gf_cpu) s, its own $(last music_transcode_gf_jvm_cpu) s), shell $(last music_transcode_ref_seconds) s (ffmpeg CPU $(last music_transcode_ref_cpu) s)"
cpu_note music_transcode
rec music_tracks "$TRACKS"
rec music_track_seconds "$TRACK_SECONDS"
rec music_workers "$WORKERS"

# -- one album zip of about BIG bytes, against nginx sending BIG bytes
zip_seconds=$(( BIG / (192000 * 6) / ZIP_TRACKS ))
for i in $(seq "$ZIP_TRACKS"); do noise_master "$MUSIC/zip/$(printf '%02d' "$i") Long $i.wav" "$zip_seconds"; done
ZIP_RELEASE=$(music_release "Bench long album" "$MUSIC/zip"/*.wav)
wait_formats "$ZIP_RELEASE" 300
ZIP_URL=$(album_url "$ZIP_RELEASE" original)
[ -n "$ZIP_URL" ] || die "the purchase offered no album of the originals"
fetch_ready "$ZIP_URL"
# The reference is nginx sending the same zip, prebuilt: the first download, kept in its files.
curl -sS -o "$FILES/album.zip" "$ZIP_URL" || die "the album download failed"
ZIP_SIZE=$(stat -c %s "$FILES/album.zip")
unzip -tqq "$FILES/album.zip" > /dev/null 2>&1 && rec album_zip_valid 1 || rec album_zip_valid 0
NG_ZIP=$(ng_link /f/album.zip)
download warm_album_gf "$ZIP_URL" "$ZIP_SIZE"
download warm_album_ng "$NG_ZIP" "$ZIP_SIZE"
cpu_mark
for i in $(seq "$REPS"); do
    download album_zip_gf "$ZIP_URL" "$ZIP_SIZE"
    download album_zip_ng "$NG_ZIP" "$ZIP_SIZE"
done
cpu_note album_zip
rec album_zip_size "$ZIP_SIZE"

# -- many album zips at once from a small heap
for i in 1 2 3 4; do master "$MUSIC/many/$(printf '%02d' "$i") Short $i.wav" "$MANY_TRACK_SECONDS" "$((200 + i))"; done
MANY_RELEASE=$(music_release "Bench EP" "$MUSIC/many"/*.wav)
wait_formats "$MANY_RELEASE" 300
MANY_URL=$(album_url "$MANY_RELEASE" original)
fetch_ready "$MANY_URL"
MANY_SHA=$(curl -sS "$MANY_URL" | sha256sum | cut -d' ' -f1)
MANY_SIZE=$(curl -sS -o /dev/null -w '%{size_download}' "$MANY_URL")
stop_gatefold
start_gatefold music-small-heap "$WORK/gf-music" "-Xmx$STRESS_XMX" GATEFOLD_TRANSCODE_WORKERS="$WORKERS"
MANY_DIR="$WORK/many-zips"
mkdir -p "$MANY_DIR"
MANY_PIDS=()
cpu_mark
t0=$(now)
for i in $(seq "$MANY_N"); do
    ( curl -sS --max-time "$STRESS_TIMEOUT" -w '%{stderr}%{http_code} %{size_download}\n' "$GF/${MANY_URL#http://*/}" \
        2> "$MANY_DIR/$i.meta" | sha256sum | cut -d' ' -f1 > "$MANY_DIR/$i.sha" ) &
    MANY_PIDS+=("$!")
    PIDS+=("$!")
done
for p in "${MANY_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
forget_pids "${MANY_PIDS[@]}"
rec many_zips_seconds "$(calc "$(now) - $t0")"
cpu_note many_zips
ok=0
for i in $(seq "$MANY_N"); do
    read -r code got < <(tail -1 "$MANY_DIR/$i.meta" 2>/dev/null || echo "0 0") || true
    [ "${code:-}" = 200 ] && [ "${got:-}" = "$MANY_SIZE" ] && [ "$(cat "$MANY_DIR/$i.sha")" = "$MANY_SHA" ] && ok=$((ok + 1))
done
rec many_zips_n "$MANY_N"
rec many_zips_ok "$ok"
rec many_zips_size "$MANY_SIZE"
if kill -0 "$GF_PID" 2>/dev/null && curl -fs -o /dev/null --max-time 5 "$GF/health/live"; then
    rec many_zips_alive 1
    rec many_zips_hwm_kib "$(proc_kib "$GF_PID" VmHWM)"
else
    rec many_zips_alive 0
fi
rec many_zips_oom "$(grep -c OutOfMemoryError "$GF_LOG" || true)"
stop_gatefold
rm -rf "$MANY_DIR" "$MUSIC" "$FILES/album.zip"
say "music: $ok/$MANY_N album zips at once complete and identical"
