# Phase 9 of bench/run, sourced by it: a film packaged for HLS and watched by many viewers at once.
#   film_package: a generated 1080p film packaged by Gatefold's job queue (publish to stream
#                 recorded), against the same ffmpeg runs (lib/FilmCommands.java prints them from
#                 the server's own classes) one after another in a shell, niced like the queue
#   film_viewers: VIEWERS players (lib/viewers.py) walking the film's playlists and segments,
#                 each a fan with their own purchase, through Gatefold (stream, local store),
#                 against nginx serving the same stored files from disk; bytes/s, and playlist latency
#                 from a separate probe process (one more fan, sequential requests at a modest rate):
#                 timed inside the viewers' single event loop, an answer also waited for 64 busy
#                 viewers' callbacks (nginx's own p99 read 77 ms there), which is the client, not the server
# FILM_JVM_OPTS (from the caller's shell) adds JVM options to this phase's server only, for profiling, e.g.
#   FILM_JVM_OPTS=-XX:StartFlightRecording=filename=/tmp/films.jfr bench/run --quick --only 9
# Uses bench/run's helpers: say, die, rec, now, calc, start_gatefold, stop_gatefold, cpu_mark,
# cpu_note, tool, free_port, await_port, PIDS and the settings at its top.

FFMPEG=$(tool ffmpeg)
FFPROBE=$(tool ffprobe)
[ -n "$FFMPEG" ] && [ -n "$FFPROBE" ] || die "phase 9 needs ffmpeg and ffprobe (apt-get install -y ffmpeg)"
FILM="$WORK/film"
mkdir -p "$FILM/reference"
VIEWERS=64
if [ "$QUICK" = 1 ]; then
    FILM_SECONDS=20; VIEW_SECONDS=4
else
    FILM_SECONDS=120; VIEW_SECONDS=6
fi
# One repetition each: the warm-up before it already waits for a steady rate, and a second cost 20 s of the 15 minutes.
VIEW_REPS=1

say "phase 9: films: a ${FILM_SECONDS} s 1080p film packaged for HLS; $VIEWERS viewers at once"
# The master: a moving test picture and a tone, H.264 + AAC as a camera or an editor would hand it over.
# 10 s are encoded and repeated without encoding again (drawing and encoding 2 minutes of 1080p took
# over a minute on two busy cores); each repeat starts on a keyframe, so it is one ordinary film.
# The sound is made whole: a repeated AAC track would leave gaps at the joins (and 24.993 frames/s).
"$FFMPEG" -nostdin -v error -y -f lavfi -i "testsrc2=size=1920x1080:rate=25:duration=10" \
    -c:v libx264 -preset ultrafast -crf 18 -pix_fmt yuv420p "$FILM/clip.mp4" || die "ffmpeg could not make the film"
"$FFMPEG" -nostdin -v error -y -stream_loop $((FILM_SECONDS / 10 - 1)) -i "$FILM/clip.mp4" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=$FILM_SECONDS" -map 0:v -map 1:a \
    -c:v copy -c:a aac -b:a 192k -t "$FILM_SECONDS" "$FILM/master.mp4" || die "ffmpeg could not make the film"
rm -f "$FILM/clip.mp4"
FILM_BYTES=$(stat -c %s "$FILM/master.mp4")

# -- the reference: the job's ffmpeg runs one after another (the job runs them so), at nice 10
java -cp "$JAR" "$LIB/FilmCommands.java" "$FFPROBE" "$FILM/master.mp4" "$FILM/reference" "$FILM/commands" \
    > "$FILM/ladder.txt" 2> "$FILM/commands.log" || { cat "$FILM/commands.log" >&2; die "could not plan the film's ffmpeg runs"; }
say "  ladder: $(cat "$FILM/ladder.txt")"
# -- Gatefold starts and takes the master in first, so it has long been up when it packages the film,
#    as a store publishing a film has: its start-up compiling (the C2 compiler's 4 to 9 CPU-s at nice 0)
#    is over before the shell's runs, and neither side meets it
start_gatefold films "$WORK/gf-films" "${FILM_JVM_OPTS:-}" GATEFOLD_DELIVERY=stream
API_TOKEN=$(python3 "$LIB/gatefold_api.py" artist "$GF" "$ADMIN_TOKEN")
FILM_RELEASE=$(python3 "$LIB/gatefold_api.py" film "$GF" "$API_TOKEN" "Bench film")
code=$(curl -sS -T "$FILM/master.mp4" -H "Authorization: Bearer $API_TOKEN" -H "Content-Type: video/mp4" -H "Expect:" \
    -o "$WORK/put.json" -w '%{http_code}' "$GF/api/releases/$FILM_RELEASE/files/film.mp4") || true
[ "$code" = 201 ] || { cat "$WORK/put.json" >&2; die "uploading the film answered $code"; }
# settle PID MAX -> waits until the server is quiet, under a tenth of a core for a second, at most MAX s:
# the shell's runs and the job's start so.
settle() {
    local i c
    for i in $(seq "$2"); do
        c=$(own_cpu "$1")
        sleep 1
        [ "$(calc "$(own_cpu "$1") - $c < 0.1")" = 1.000 ] && return 0
    done
    return 0
}
# run_film_commands FILE... -> runs these command files in order, the seconds each took to stderr
run_film_commands() {
    local cmd t args=()
    for cmd in "$@"; do
        mapfile -d '' -t args < "$cmd"
        t=$(now)
        nice -n 10 "$FFMPEG" "${args[@]}" > /dev/null || die "the reference run $(basename "$cmd") failed"
        printf '%s %s\n' "$(basename "$cmd")" "$(calc "$(now) - $t")" >&2
    done
}
# The shell's runs go in two parts, the 360p and 720p rungs and the trailer before Gatefold's
# figure, the 1080p rung and the progressive copy (of the 720p rung) after it (about 50 and 45 s),
# so a machine whose speed drifts during the phase slows both sides alike.
[ -f "$FILM/commands/1-rung-1080p" ] || die "the bench film's ladder has no 1080p rung: $(ls "$FILM/commands")"
FILM_AFTER=("$FILM/commands/1-rung-1080p" "$FILM/commands/9-progressive")
mapfile -t FILM_BEFORE < <(printf '%s\n' "$FILM/commands"/* | grep -v -e '/1-rung-1080p$' -e '/9-progressive$')
# reference_part FILE... -> times these runs; adds the seconds and their ffmpeg CPU to REF_SECONDS and REF_CPU
REF_SECONDS=0
REF_CPU=0
reference_part() {
    local t0 cpu
    t0=$(now)
    # In a subshell whose "times" then gives the CPU its ffmpeg children used, to set beside Gatefold's.
    cpu=$( (run_film_commands "$@"; times) 2>> "$FILM/reference-steps.txt" | tail -1 \
        | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.2f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
    REF_SECONDS=$(calc "$REF_SECONDS + $(now) - $t0")
    REF_CPU=$(calc "$REF_CPU + $cpu")
}
: > "$FILM/reference-steps.txt"
settle "$GF_PID" 30
cpu_mark
reference_part "${FILM_BEFORE[@]}"

# -- Gatefold: publishing queues the packaging job
settle "$GF_PID" 5
cpu_mark
cpu0=$(children_cpu "$GF_PID")
jvm0=$(own_cpu "$GF_PID")
thread_cpu "$GF_PID" > "$WORK/film-threads-before.txt"
t0=$(now)
python3 "$LIB/gatefold_api.py" publish "$GF" "$API_TOKEN" "$FILM_RELEASE"
# Waits on the store's folder first (the trailer and the progressive copy are stored last, then the
# row that makes the stream appear): asking the server 5 times a second instead made it answer and
# compile its answering code throughout, 13 of its CPU seconds at nice 0 taken from the niced
# encodes (9 of them the C2 compiler's), and its figure moved by 10 % from run to run.
deadline=$(( $(date +%s) + FILM_SECONDS * 20 ))
polls=0
while [ "$(nice -n 19 find "$WORK/gf-films/store/blobs" -path '*/derived/films/*' \( -name trailer.mp4 -o -path '*/progressive/film.mp4' \) | wc -l)" -lt 2 ]; do
    [ "$(date +%s)" -lt "$deadline" ] || die "the film was not packaged within $((FILM_SECONDS * 20)) s (see $GF_LOG)"
    # every 5 s, one question: has the packaging failed?
    if [ $(( ++polls % 25 )) = 0 ] && ! out=$(python3 "$LIB/gatefold_api.py" film-ready "$GF" "$API_TOKEN" "$FILM_RELEASE" 0 2>&1) \
        && grep -q "could not be packaged" <<<"$out"; then
        die "$out"
    fi
    sleep 0.2
done
python3 "$LIB/gatefold_api.py" film-ready "$GF" "$API_TOKEN" "$FILM_RELEASE" $((FILM_SECONDS * 20)) > /dev/null
rec film_package_gf_seconds "$(calc "$(now) - $t0")"
rec film_package_gf_cpu "$(calc "$(children_cpu "$GF_PID") - $cpu0")"
# The server's own CPU meanwhile (at nice 0, it comes straight off the niced encodes), and its busiest threads.
rec film_package_gf_jvm_cpu "$(calc "$(own_cpu "$GF_PID") - $jvm0")"
thread_cpu "$GF_PID" > "$WORK/film-threads-after.txt"
say "  the server's busiest threads meanwhile (CPU s): $(thread_cpu_diff "$WORK/film-threads-before.txt" "$WORK/film-threads-after.txt")"
rec film_seconds "$FILM_SECONDS"
rec film_master_bytes "$FILM_BYTES"
# the shell's second part, with the server idle
reference_part "${FILM_AFTER[@]}"
rec film_package_ref_seconds "$REF_SECONDS"
rec film_package_ref_cpu "$REF_CPU"
cpu_note film_package
say "  shell: $(tr '\n' ' ' < "$FILM/reference-steps.txt")"
rm -rf "$FILM/reference"
say "  packaging: Gatefold $(awk -F'\t' '$1 == "film_package_gf_seconds" { v = $2 } END { print v }' "$MEASURE") s, shell $(awk -F'\t' '$1 == "film_package_ref_seconds" { v = $2 } END { print v }' "$MEASURE") s"

# -- viewers: one purchase each, through Gatefold; the same stored files from nginx
# One purchase more than viewers: the playlist probe's own.
python3 "$LIB/gatefold_api.py" watch-urls "$GF" "$API_TOKEN" "$FILM_RELEASE" $((VIEWERS + 1)) > "$FILM/gf-urls.txt"
FILM_DIR=$(dirname "$(find "$WORK/gf-films" -path '*derived/films/*' -name master.m3u8 | head -1)")
[ -d "$FILM_DIR" ] || die "the packaged film is not in Gatefold's local store under $WORK/gf-films"
FILM_NG_PORT=$(free_port)
mkdir -p "$WORK/film-nginx/tmp"
cat > "$WORK/film-nginx/nginx.conf" <<EOF
user $(id -un) $(id -gn);
worker_processes auto;
pid $WORK/film-nginx/nginx.pid;
error_log $WORK/film-nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/film-nginx/tmp/body;
    proxy_temp_path $WORK/film-nginx/tmp/proxy;
    fastcgi_temp_path $WORK/film-nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/film-nginx/tmp/uwsgi;
    scgi_temp_path $WORK/film-nginx/tmp/scgi;
    types { application/vnd.apple.mpegurl m3u8; video/iso.segment m4s; video/mp4 mp4; }
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$FILM_NG_PORT;
        location /film/ { alias $FILM_DIR/; }
    }
}
EOF
"$NGINX" -p "$WORK/film-nginx" -c "$WORK/film-nginx/nginx.conf" -e "$WORK/film-nginx/error.log" -g 'daemon off;' \
    > "$WORK/film-nginx/stdout.log" 2>&1 &
FILM_NG_PID=$!
PIDS+=("$FILM_NG_PID")
await_port "$FILM_NG_PORT" "$FILM_NG_PID" "nginx (film)" "$WORK/film-nginx/error.log"
echo "http://127.0.0.1:$FILM_NG_PORT/film/master.m3u8" > "$FILM/ng-urls.txt"

say "$VIEWERS viewers walking the film's playlists and segments, ${VIEW_SECONDS} s x $VIEW_REPS each (Gatefold vs nginx)"
# view KEY URLS SERVER_PID WARM -> one run of the viewers after a warm-up (MIN,SLICE,MAX seconds), recorded as JSON
view() {
    local out
    out=$(python3 "$LIB/viewers.py" "$2" "$VIEWERS" "$VIEW_SECONDS" --pid "$3" --warm "$4" 2> "$WORK/viewers.err") \
        || { cat "$WORK/viewers.err" >&2; die "the viewers failed on $1"; }
    say "  $1: $(cat "$WORK/viewers.err")"
    say "  $1: $out"
    rec "$1" "$out"
}
cpu_mark
for i in $(seq "$VIEW_REPS"); do
    # Each side's first repetition warms up until its rate is steady (the JIT's, and the page cache's), as warm_wrk does.
    first=$([ "$i" = 1 ] && echo "$WARM_SECONDS,$WARM_SLICE,$WARM_MAX" || echo 1,1,1)
    view film_view_gf "$FILM/gf-urls.txt" "$GF_PID" "$first"
    # nginx has no JIT to wait for: a fixed short warm-up, as bench/run's warm_ref
    view film_view_ng "$FILM/ng-urls.txt" "$FILM_NG_PID" "$([ "$i" = 1 ] && echo "$WARM_REF,$WARM_REF,$WARM_REF" || echo 1,1,1)"
done
cpu_note film_view
rec film_renditions "$(grep -c '^[^#]' "$FILM_DIR/master.m3u8")"
rec film_stored_bytes "$(du -sb "$FILM_DIR" | cut -f1)"
stop_pid "$FILM_NG_PID"
forget_pids "$FILM_NG_PID"
stop_gatefold
rm -rf "$FILM"
