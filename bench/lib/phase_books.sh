# Phase 6 of bench/run, sourced by it: a stamped book, each buyer's copy against the same purchase's
# file unstamped, and many stamped downloads at once at -Xmx$STRESS_XMX. Uses bench/run's helpers.

say "phase 6: one $((BOOK_SIZE / MIB)) MiB PDF stamped per buyer, local store, server at -Xmx$STRESS_XMX"
python3 "$LIB/bigpdf.py" "$FILES/book.pdf" "$BOOK_SIZE" 300
BOOK_BYTES=$(stat -c %s "$FILES/book.pdf")
BOOK_SHA=$(sha256sum "$FILES/book.pdf" | cut -d' ' -f1)
start_gatefold book "$WORK/gf-book" "-Xmx$STRESS_XMX"
API_TOKEN=$(python3 "$LIB/gatefold_api.py" artist "$GF" "$ADMIN_TOKEN")
RELEASE=$(python3 "$LIB/gatefold_api.py" book "$GF" "$API_TOKEN" "Benchmark book")
gf_put "$FILES/book.pdf" book.pdf > /dev/null
rec book_prepare_seconds "$(python3 "$LIB/gatefold_api.py" stamps-ready "$GF" "$API_TOKEN" "$RELEASE" 900)"
# book_link -> a new fan's /d/ path to book.pdf, and BOOK_COPY its stamped size
book_link() {
    local name size url
    while IFS=$'\t' read -r name size url; do
        [ "$name" = book.pdf ] && { BOOK_PATH=/d/${url##*/d/}; BOOK_COPY=$size; }
    done < <(python3 "$LIB/gatefold_api.py" purchase "$GF" "$API_TOKEN" "$RELEASE")
    [ "${BOOK_COPY:-0}" -gt "$BOOK_BYTES" ] || die "the purchase's book.pdf is $BOOK_COPY bytes, not a stamped copy"
}
# KEY=... book_get SIZE -> records the time to first byte and the speed of one whole download of SIZE bytes
book_get() {
    local expect=$1 out
    out=$(curl -sS -o /dev/null -w '%{http_code} %{size_download} %{time_starttransfer} %{speed_download}' "$GF$BOOK_PATH") || true
    set -- $out
    if [ "${1:-}" = 200 ] && [ "${2:-}" = "$expect" ]; then
        rec "${KEY}_ttfb" "$3"; rec "${KEY}_speed" "$4"
    else
        say "book download for $KEY went wrong: HTTP ${1:-none}, ${2:-0} bytes"
        rec "${KEY}_speed" 0
    fi
}
book_link
KEY=warm_book_stamped book_get "$BOOK_COPY"; python3 "$LIB/gatefold_api.py" stamping "$GF" "$API_TOKEN" "$RELEASE" off
KEY=warm_book_plain book_get "$BOOK_BYTES"; python3 "$LIB/gatefold_api.py" stamping "$GF" "$API_TOKEN" "$RELEASE" on
cpu_mark
for i in $(seq "$BOOK_REPS"); do
    # Each repetition is a new fan's first click, then the same purchase with stamping off.
    book_link
    KEY=book_stamped book_get "$BOOK_COPY"
    python3 "$LIB/gatefold_api.py" stamping "$GF" "$API_TOKEN" "$RELEASE" off
    KEY=book_plain book_get "$BOOK_BYTES"
    python3 "$LIB/gatefold_api.py" stamping "$GF" "$API_TOKEN" "$RELEASE" on
done
cpu_note book_download

say "$BOOK_N concurrent stamped downloads of the book, one fan each"
python3 "$LIB/gatefold_api.py" paths "$GF" "$API_TOKEN" "$RELEASE" book.pdf "$BOOK_N" > "$WORK/book-links.txt"
BOOK_COPY_SIZE=$BOOK_COPY
BOOK_DIR="$WORK/book-many"
mkdir -p "$BOOK_DIR"
BOOK_PIDS=()
i=0
cpu_mark
t0=$(now)
while read -r path; do
    i=$((i + 1))
    if [ "$i" -le 2 ]; then
        # Two are kept whole to check: the untouched book first, then that fan's stamp.
        curl -sS --max-time "$STRESS_TIMEOUT" -o "$BOOK_DIR/$i.pdf" -w '%{http_code} %{size_download}\n' "$GF$path" \
            > "$BOOK_DIR/$i.meta" 2>&1 &
    else
        curl -sS --max-time "$STRESS_TIMEOUT" -o /dev/null -w '%{http_code} %{size_download}\n' "$GF$path" \
            > "$BOOK_DIR/$i.meta" 2>&1 &
    fi
    BOOK_PIDS+=("$!")
    PIDS+=("$!")
done < "$WORK/book-links.txt"
for p in "${BOOK_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
forget_pids "${BOOK_PIDS[@]}"
rec book_many_seconds "$(calc "$(now) - $t0")"
cpu_note book_many
complete=0; verified=0
for j in $(seq "$i"); do
    read -r code got < <(tail -1 "$BOOK_DIR/$j.meta" 2>/dev/null || echo "0 0") || true
    [ "${code:-}" = 200 ] && [ "${got:-}" = "$BOOK_COPY_SIZE" ] && complete=$((complete + 1))
    if [ "$j" -le 2 ] && [ -f "$BOOK_DIR/$j.pdf" ] \
            && [ "$(head -c "$BOOK_BYTES" "$BOOK_DIR/$j.pdf" | sha256sum | cut -d' ' -f1)" = "$BOOK_SHA" ] \
            && tail -c +"$((BOOK_BYTES + 1))" "$BOOK_DIR/$j.pdf" > "$BOOK_DIR/$j.stamp" \
            && grep -q "Licensed to" "$BOOK_DIR/$j.stamp"; then
        verified=$((verified + 1))
    fi
done
rec book_many_n "$i"
rec book_many_complete "$complete"
rec book_many_verified "$verified"
if kill -0 "$GF_PID" 2>/dev/null && curl -fs -o /dev/null --max-time 5 "$GF/health/live"; then
    rec book_many_alive 1
else
    rec book_many_alive 0
fi
rec book_many_oom "$(grep -c OutOfMemoryError "$GF_LOG" || true)"
rec meta_book_size "$BOOK_BYTES"
stop_gatefold
rm -rf "$BOOK_DIR"
say "stamped book: $complete/$i complete, $verified/2 verified"
