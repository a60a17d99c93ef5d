package gatefold.server.moving;

import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of the moved artists (masters, covers, extras, and derived files when asked), one
 * archive entry per distinct content. A file whose SHA-256 was never recorded (its check had not run yet) is read once
 * from the store to compute it, so every entry in the manifest has one.
 */
final class BlobList {

    private BlobList() {
    }

    /** One stored file: its key, content hash, size and type. */
    record Found(String key, String sha256, long size, String contentType) {
    }

    /** The masters, covers, extras and subtitles of the artists, plus {@code more} (derived files), one entry per distinct content. */
    static List<Manifest.BlobPart> of(Connection connection, List<String> artistIds, BlobStore store, List<Found> more)
            throws SQLException, IOException {
        String sql = "SELECT blob_key, sha256, size, content_type FROM release_files WHERE release_id IN"
                + " (SELECT id FROM releases WHERE artist_id IN (<artists>)) ORDER BY release_id, position, id";
        List<Found> all = new ArrayList<>();
        try (PreparedStatement query = TableDump.prepare(connection, sql, artistIds); ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                String key = rs.getString(1);
                all.add(new Found(key, rs.getString(2) != null ? rs.getString(2) : hash(store, key), rs.getLong(3), rs.getString(4)));
            }
        }
        // Subtitles are the artist's own uploads like masters; their rows keep no hash, so it is taken here.
        String subtitles = "SELECT blob_key, bytes FROM film_subtitles WHERE release_id IN"
                + " (SELECT id FROM releases WHERE artist_id IN (<artists>)) ORDER BY release_id, language";
        try (PreparedStatement query = TableDump.prepare(connection, subtitles, artistIds); ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                all.add(new Found(rs.getString(1), hash(store, rs.getString(1)), rs.getLong(2), "text/vtt"));
            }
        }
        all.addAll(more);
        Map<String, Long> sizes = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> keys = new LinkedHashMap<>();
        for (Found file : all) {
            sizes.put(file.sha256(), file.size());
            types.putIfAbsent(file.sha256(), file.contentType());
            // A key shared by two rows (a stamp whose base is the master) is written once.
            keys.computeIfAbsent(file.sha256(), s -> new java.util.LinkedHashSet<>()).add(file.key());
        }
        List<Manifest.BlobPart> blobs = new ArrayList<>();
        keys.forEach((sha, list) -> blobs.add(new Manifest.BlobPart(ArchiveLayout.blob(sha), sizes.get(sha), sha, types.get(sha),
                List.copyOf(list))));
        return blobs;
    }

    private static String hash(BlobStore store, String key) throws IOException {
        try (InputStream in = store.get(BlobKey.of(key), ByteRange.ALL)) {
            return TempFiles.sha256(in);
        }
    }
}
