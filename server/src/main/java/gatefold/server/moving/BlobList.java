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
 * The files of the moved artists (masters, covers, extras), one archive entry per distinct
 * content. A file whose SHA-256 was never recorded (its check had not run yet) is read once
 * from the store to compute it, so every entry in the manifest has one.
 */
final class BlobList {

    private BlobList() {
    }

    static List<Manifest.BlobPart> of(Connection connection, List<String> artistIds, BlobStore store)
            throws SQLException, IOException {
        String sql = "SELECT blob_key, sha256, size, content_type FROM release_files WHERE release_id IN"
                + " (SELECT id FROM releases WHERE artist_id IN (<artists>)) ORDER BY release_id, position, id";
        Map<String, Long> sizes = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (PreparedStatement query = TableDump.prepare(connection, sql, artistIds); ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                String key = rs.getString(1);
                String sha = rs.getString(2) != null ? rs.getString(2) : hash(store, key);
                sizes.put(sha, rs.getLong(3));
                types.putIfAbsent(sha, rs.getString(4));
                keys.computeIfAbsent(sha, s -> new ArrayList<>()).add(key);
            }
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
