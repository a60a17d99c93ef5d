package gatefold.server.watch;

import gatefold.server.catalog.Release;
import gatefold.server.common.Refusal;
import gatefold.server.films.SubtitleTrack;
import gatefold.server.films.Subtitles;
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

    /** "film.en.srt", "fr-CA.vtt": a language code, then .srt or .vtt. */
    private static final Pattern FILE_NAME = Pattern.compile("(?:.*\\.)?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\\.(srt|vtt)",
            Pattern.CASE_INSENSITIVE);
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
     * language's name in English).
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
        String vtt = parts.group(2).equalsIgnoreCase("srt") ? Subtitles.srtToVtt(text) : Subtitles.checkVtt(text);
        String language = parts.group(1);
        String label = name.filter(n -> !n.isBlank()).orElse(Locale.forLanguageTag(language).getDisplayName(Locale.ENGLISH));
        SubtitleTrack track = SubtitleTrack.of(language, label, false); // refuses a language a playlist cannot carry
        byte[] bytes = vtt.getBytes(StandardCharsets.UTF_8);
        String key = "artists/" + owned.artistId() + "/derived/films/subtitles/" + owned.id() + "/" + language + "-" + sha256(bytes)
                + ".vtt"; // per language: two languages with the same file never share (and delete) one blob
        store.put(BlobKey.of(key), new ByteArrayInputStream(bytes), bytes.length, "text/vtt");
        FilmSubtitle saved = new FilmSubtitle(owned.id(), track.language(), track.name(), key, bytes.length, clock.instant());
        Optional<FilmSubtitle> old = of(owned.id(), language);
        jdbi.useTransaction(h -> {
            WatchDao dao = h.attach(WatchDao.class);
            old.ifPresent(o -> dao.deleteSubtitle(o.releaseId(), o.language()));
            dao.insertSubtitle(saved);
        });
        old.filter(o -> !o.blobKey().equals(key)).ifPresent(o -> store.delete(BlobKey.of(o.blobKey())));
        return saved;
    }

    /** Takes a language's subtitles away; false when there were none. */
    public boolean remove(Release owned, String language) {
        Optional<FilmSubtitle> old = of(owned.id(), language);
        old.ifPresent(o -> {
            jdbi.useExtension(WatchDao.class, dao -> dao.deleteSubtitle(o.releaseId(), o.language()));
            store.delete(BlobKey.of(o.blobKey()));
        });
        return old.isPresent();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
