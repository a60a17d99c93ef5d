package gatefold.server.moving;

import gatefold.storage.BlobInfo;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files made from the masters, for {@code --with-derived}: formats and previews (their
 * SHA-256 is in {@code derived_files}), stamped-book bases, and every file of a packaged film
 * (found by walking its playlists from {@code master.m3u8}, since a store cannot list a folder).
 * Files without a recorded SHA-256 are read once to compute it. Each is a {@link BlobList.Found}
 * that joins the masters' list, so equal contents still travel once.
 */
final class DerivedBlobs {

    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]+)\"");
    /** A packaged film has a few hundred files; a playlist naming more is not one we wrote. */
    private static final int MAX_FILM_FILES = 100_000;

    private DerivedBlobs() {
    }

    static List<BlobList.Found> of(Connection connection, List<String> artistIds, BlobStore store) throws SQLException, IOException {
        List<BlobList.Found> found = new ArrayList<>();
        String formats = "SELECT blob_key, sha256, size FROM derived_files WHERE artist_id IN (<artists>) ORDER BY derived_key";
        for (String[] row : rows(connection, formats, artistIds, 3)) {
            Optional<BlobInfo> info = store.head(BlobKey.of(row[0]));
            // A format whose file is gone travels as a row only; the new store finds it missing, as this one would.
            info.ifPresent(i -> found.add(new BlobList.Found(row[0], row[1], Long.parseLong(row[2]), i.contentType())));
        }
        String stamps = "SELECT base_key FROM book_stamps WHERE base_key IS NOT NULL AND base_key <> blob_key"
                + " AND release_id IN (SELECT id FROM releases WHERE artist_id IN (<artists>)) ORDER BY file_id, base_key";
        for (String[] row : rows(connection, stamps, artistIds, 1)) {
            read(store, row[0]).ifPresent(found::add);
        }
        String films = "SELECT prefix FROM film_streams WHERE artist_id IN (<artists>) ORDER BY stream_key";
        for (String[] row : rows(connection, films, artistIds, 1)) {
            for (String key : filmFiles(store, row[0])) {
                read(store, key).ifPresent(found::add);
            }
        }
        return found;
    }

    private static List<String[]> rows(Connection connection, String sql, List<String> artistIds, int columns) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement query = TableDump.prepare(connection, sql, artistIds); ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                String[] row = new String[columns];
                for (int c = 0; c < columns; c++) {
                    row[c] = rs.getString(c + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Every file of a packaged film: the playlists, what they name, the trailer and the progressive MP4 when present. */
    static Set<String> filmFiles(BlobStore store, String prefix) throws IOException {
        Set<String> files = new LinkedHashSet<>();
        List<String> playlists = new ArrayList<>(List.of("master.m3u8"));
        while (!playlists.isEmpty() && files.size() < MAX_FILM_FILES) {
            String playlist = playlists.remove(0);
            if (!files.add(playlist) || store.head(BlobKey.of(prefix + "/" + playlist)).isEmpty()) {
                files.remove(playlist);
                continue;
            }
            String folder = playlist.contains("/") ? playlist.substring(0, playlist.lastIndexOf('/') + 1) : "";
            for (String uri : urisIn(store, prefix + "/" + playlist)) {
                String path = folder + uri;
                if (path.endsWith(".m3u8")) {
                    playlists.add(path);
                } else {
                    files.add(path);
                }
            }
        }
        for (String extra : List.of("trailer.mp4", "progressive/film.mp4")) {
            if (store.head(BlobKey.of(prefix + "/" + extra)).isPresent()) {
                files.add(extra);
            }
        }
        return files.stream().map(f -> prefix + "/" + f).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
    }

    private static List<String> urisIn(BlobStore store, String key) throws IOException {
        List<String> uris = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(store.get(BlobKey.of(key), ByteRange.ALL),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String text = line.strip();
                if (text.startsWith("#")) {
                    Matcher m = URI_ATTRIBUTE.matcher(text);
                    while (m.find()) {
                        uris.add(m.group(1));
                    }
                } else if (!text.isEmpty()) {
                    uris.add(text);
                }
            }
        }
        // Only paths below the playlist: a URL or a climb out of the film's folder is not one of its files.
        return uris.stream().filter(u -> !u.contains("://") && !u.startsWith("/") && !u.contains("..") && !u.contains("?")).toList();
    }

    private static Optional<BlobList.Found> read(BlobStore store, String key) throws IOException {
        Optional<BlobInfo> info = store.head(BlobKey.of(key));
        if (info.isEmpty()) {
            return Optional.empty(); // Forgotten by its feature already; the new store makes it again if needed.
        }
        try (InputStream in = store.get(BlobKey.of(key), ByteRange.ALL)) {
            return Optional.of(new BlobList.Found(key, TempFiles.sha256(in), info.get().size(), info.get().contentType()));
        }
    }
}
