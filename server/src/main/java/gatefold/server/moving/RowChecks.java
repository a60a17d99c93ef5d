package gatefold.server.moving;

import gatefold.server.common.Refusal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * After the rows went in (and before they are committed): every row must be one that an export
 * of the archive's artists would select again, and every reference (artist, release,
 * entitlement, purchase, discount, webhook) must point at a row of the archive. So an archive
 * cannot hand out entitlements to another artist's release, or attach a purchase to it.
 */
final class RowChecks {

    private RowChecks() {
    }

    static void ownedByArchive(Connection connection, Manifest manifest, List<String> artistIds,
                               java.util.function.ToLongFunction<String> skipped) throws SQLException {
        Map<String, MovedTables.Table> byName = new HashMap<>();
        MovedTables.TABLES.forEach(t -> byName.put(t.name(), t));
        MovedTables.DERIVED.forEach(t -> byName.put(t.name(), t));
        for (Manifest.TablePart part : manifest.tables()) {
            MovedTables.Table table = byName.get(part.name());
            if (table == null) {
                continue; // Download-link keys belong to the instance, not to an artist.
            }
            long owned = count(connection, "SELECT COUNT(*) FROM " + table.name() + " WHERE " + table.filter(), artistIds);
            long expected = part.rows() - skipped.applyAsLong(table.name());
            if (owned != expected) {
                throw Refusal.invalid("Table " + table.name() + " has " + (expected - owned)
                        + " row(s) that belong to no artist of the archive. Nothing was imported.");
            }
            for (String column : RowInserts.columnTypes(connection, table.name()).keySet()) {
                checkReference(connection, table, column, byName, artistIds);
            }
        }
    }

    /**
     * Every file row names bytes the archive carries: a master's recorded SHA-256 is the hash of the
     * bytes its key arrives with, and so is a derived file's. Derived files are found by a key made
     * from the master's SHA-256; without this check an archive could claim another artist's master
     * hash for bytes of its own, and plant a "format" under that artist's track.
     */
    static void filesAreTheirBytes(Connection connection, Manifest manifest, List<String> artistIds) throws SQLException {
        Map<String, String> shaByKey = new HashMap<>();
        manifest.blobs().forEach(blob -> blob.keys().forEach(key -> shaByKey.put(key, blob.sha256())));
        checkHashes(connection, "release_files", "SELECT id, blob_key, sha256 FROM release_files WHERE release_id IN"
                + " (SELECT id FROM releases WHERE artist_id IN (<artists>))", shaByKey, artistIds, true);
        checkHashes(connection, "derived_files", "SELECT derived_key, blob_key, sha256 FROM derived_files"
                + " WHERE artist_id IN (<artists>)", shaByKey, artistIds, false);
    }

    private static void checkHashes(Connection connection, String table, String sql, Map<String, String> shaByKey,
                                    List<String> artistIds, boolean mustArrive) throws SQLException {
        try (PreparedStatement query = TableDump.prepare(connection, sql, artistIds); ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                String arrived = shaByKey.get(rs.getString(2));
                String recorded = rs.getString(3);
                if (arrived == null && mustArrive) {
                    throw Refusal.invalid("Table " + table + " row " + rs.getString(1) + " names a file the archive does not carry."
                            + " Nothing was imported.");
                }
                if (arrived != null && recorded != null && !recorded.equalsIgnoreCase(arrived)) {
                    throw Refusal.invalid("Table " + table + " row " + rs.getString(1) + " says its file's SHA-256 is " + recorded
                            + ", but the archive's file for it has " + arrived + ". Nothing was imported.");
                }
            }
        }
    }

    private static void checkReference(Connection connection, MovedTables.Table table, String column,
                                       Map<String, MovedTables.Table> byName, List<String> artistIds) throws SQLException {
        String parentName = MovedTables.parentOf(table, column);
        if (parentName == null || parentName.equals(table.name())) {
            return;
        }
        MovedTables.Table parent = byName.get(parentName);
        String sql = "SELECT COUNT(*) FROM " + table.name() + " WHERE " + table.filter() + " AND " + column + " IS NOT NULL AND "
                + column + " NOT IN (SELECT id FROM " + parent.name() + " WHERE " + parent.filter() + ")";
        long foreign = count(connection, sql, artistIds);
        if (foreign > 0) {
            throw Refusal.invalid("Table " + table.name() + " has " + foreign + " row(s) whose " + column
                    + " points outside the archive. Nothing was imported.");
        }
    }

    private static long count(Connection connection, String sql, List<String> artistIds) throws SQLException {
        try (PreparedStatement query = TableDump.prepare(connection, sql, artistIds); ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
