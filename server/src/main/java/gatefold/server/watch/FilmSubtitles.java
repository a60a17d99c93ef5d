package gatefold.server.watch;

import gatefold.server.catalog.Release;
import gatefold.server.common.Refusal;
import gatefold.server.db.Sql;
import gatefold.server.films.SubtitleTrack;
import gatefold.server.films.Subtitles;
import gatefold.server.security.Tokens;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * The subtitles of each film, one file per language: an upload named like {@code en.srt} or
 * {@code film.pt-BR.vtt} (the language is the part before the extension) is checked, converted to
 * WebVTT and stored; a bad file is refused before anything is written. They belong to the release,
 * so a replaced master keeps them, and are offered in every master playlist the server answers.
 */
public final class FilmSubtitles {

    /** "film.en.srt", "fr-CA.vtt": a language code, then .srt or .vtt; before them, no path and no shell syntax. */
    private static final Pattern FILE_NAME = Pattern.compile("(?:[\\p{L}\\p{N} _.,+-]*\\.)?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\\.(srt|vtt)",
            Pattern.CASE_INSENSITIVE);
    /** Enough for a handful of uploads in one language at once to each have its turn. */
    private static final int MAX_ATTEMPTS = 20;
    private final Jdbi jdbi;
    private final BlobStore store;
    private final Clock clock;

    FilmSubtitles(Jdbi jdbi, BlobStore store, Clock clock) {
        this.jdbi = jdbi;
        this.store = store;
        this.clock = clock;
    }

    /** The subtitles of a release, in the order they were added (the first is the one players prefer). */
    public List<FilmSubtitle> of(String releaseId) {
        return jdbi.withExtension(WatchDao.class, dao -> dao.subtitles(releaseId));
    }

    public Optional<FilmSubtitle> of(String releaseId, String language) {
        return of(releaseId).stream().filter(s -> s.language().equalsIgnoreCase(language)).findFirst();
    }

    /** The tracks a master playlist offers for this release. */
    public List<SubtitleTrack> tracks(String releaseId) {
        List<FilmSubtitle> all = of(releaseId);
        List<SubtitleTrack> tracks = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            tracks.add(all.get(i).track(i == 0));
        }
        return tracks;
    }

    /**
     * Checks, converts and stores an uploaded subtitle file named {@code fileName}, replacing the
     * release's subtitles in the same language; {@code name} is the menu label (default: the
     * language's name in English). Of uploads in one language at once, the last to be recorded wins
     * and every replaced file leaves the store.
     */
    public FilmSubtitle put(Release owned, String fileName, Optional<String> name, byte[] upload) {
        if (!owned.kind().equals("film")) {
            throw Refusal.invalid("Only a film has subtitles.");
        }
        Matcher parts = FILE_NAME.matcher(fileName);
        if (!parts.matches()) {
            throw Refusal.invalid("Name a subtitle file after its language and format, such as en.srt, film.fr.vtt or pt-BR.srt.");
        }
        String text = Subtitles.decode(upload);
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')) {
            throw Refusal.invalid("This file holds binary data, not subtitles: upload a .srt or .vtt text file.");
        }
        String vtt = parts.group(2).equalsIgnoreCase("srt") ? Subtitles.srtToVtt(text) : Subtitles.checkVtt(text);
        String language = canonical(parts.group(1));
        String languageName = Locale.forLanguageTag(language).getDisplayName(Locale.ENGLISH);
        // Refuses a language a playlist cannot carry; a label of only control characters becomes the language's name.
        SubtitleTrack track = SubtitleTrack.of(language, name.filter(n -> !n.isBlank()).orElse(languageName), false);
        if (track.name().isBlank()) {
            track = SubtitleTrack.of(language, languageName, false);
        }
        byte[] bytes = vtt.getBytes(StandardCharsets.UTF_8);
        // One blob per upload: a replaced upload's blob is deleted, so no two rows (or uploads in flight) may share one.
        String key = "artists/" + owned.artistId() + "/derived/films/subtitles/" + owned.id() + "/" + language + "-"
                + sha256(bytes).substring(0, 32) + "-" + HexFormat.of().formatHex(Tokens.randomBytes(8)) + ".vtt";
        store.put(BlobKey.of(key), new ByteArrayInputStream(bytes), bytes.length, "text/vtt");
        FilmSubtitle saved = new FilmSubtitle(owned.id(), track.language(), track.name(), key, bytes.length, clock.instant());
        Optional<FilmSubtitle> replaced;
        try {
            replaced = record(saved);
        } catch (RuntimeException e) {
            store.delete(BlobKey.of(key));
            throw e;
        }
        replaced.ifPresent(old -> store.delete(BlobKey.of(old.blobKey())));
        return saved;
    }

    /**
     * Puts {@code saved} in its language's place and returns the row it replaced. Another upload
     * recorded in between (a lost delete, a duplicate key) means: read again and replace that one.
     */
    private Optional<FilmSubtitle> record(FilmSubtitle saved) {
        for (int attempt = 1; ; attempt++) {
            try {
                Optional<Optional<FilmSubtitle>> done = jdbi.inTransaction(h -> {
                    WatchDao dao = h.attach(WatchDao.class);
                    Optional<FilmSubtitle> old = dao.subtitle(saved.releaseId(), saved.language());
                    if (old.isPresent() && dao.deleteSubtitleAt(saved.releaseId(), old.get().blobKey()) == 0) {
                        return Optional.empty();
                    }
                    dao.insertSubtitle(saved);
                    return Optional.of(old);
                });
                if (done.isPresent()) {
                    return done.get();
                }
            } catch (RuntimeException e) {
                if (!Sql.isUniqueViolation(e)) {
                    throw e;
                }
            }
            if (attempt == MAX_ATTEMPTS) {
                throw Refusal.conflict("Other subtitles in this language were being uploaded at the same time; upload again.");
            }
        }
    }

    /** "EN" and "en", "pt-br" and "pt-BR" are one language: stored as BCP 47 writes it. */
    static String canonical(String language) {
        String tag = Locale.forLanguageTag(language).toLanguageTag();
        return tag.equalsIgnoreCase(language) ? tag : language.toLowerCase(Locale.ROOT);
    }

    /** Takes a language's subtitles away; false when there were none. */
    public boolean remove(Release owned, String language) {
        Optional<FilmSubtitle> old = jdbi.withExtension(WatchDao.class, dao -> dao.subtitle(owned.id(), language));
        // Only the row read is removed, and its blob with it: an upload replacing it meanwhile keeps its own.
        if (old.isEmpty() || jdbi.withExtension(WatchDao.class, dao -> dao.deleteSubtitleAt(owned.id(), old.get().blobKey())) == 0) {
            return false;
        }
        store.delete(BlobKey.of(old.get().blobKey()));
        return true;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
