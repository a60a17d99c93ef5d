package gatefold.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * A database's schema as sorted lines that read the same on H2 and PostgreSQL when the schema
 * is the same: tables, columns (type, nullability, default), keys, foreign keys, indexes made by
 * CREATE INDEX, and check constraints. Types and defaults go through {@link SchemaTerms};
 * names the database made up for an unnamed constraint are left out, chosen names are kept.
 */
final class SchemaSnapshot {

    /** A key or foreign key: its columns in order, and for a foreign key what it points at. */
    record Key(String kind, String table, String name, List<String> columns, String references, String rules) {
    }

    final TreeSet<String> lines = new TreeSet<>();
    final List<String> unknownTypes = new ArrayList<>();
    final Map<String, List<List<String>>> indexedColumns = new LinkedHashMap<>();
    final List<Key> foreignKeys = new ArrayList<>();
    private final boolean postgres;

    private SchemaSnapshot(boolean postgres) {
        this.postgres = postgres;
    }

    static SchemaSnapshot of(DataSource database) throws SQLException {
        try (Connection c = database.getConnection()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            SchemaSnapshot s = new SchemaSnapshot(postgres);
            s.readTables(c);
            s.readColumns(c);
            s.readKeys(c);
            if (postgres) {
                s.readPostgresIndexesAndChecks(c);
            } else {
                s.readH2IndexesAndChecks(c);
            }
            return s;
        }
    }

    private void readTables(Connection c) throws SQLException {
        for (List<String> row : rows(c, "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
            lines.add("table " + row.get(0));
        }
    }

    private void readColumns(Connection c) throws SQLException {
        for (List<String> r : rows(c, "SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision,"
                + " numeric_scale, datetime_precision, is_nullable, column_default FROM information_schema.columns"
                + " WHERE table_schema = 'public'")) {
            String where = r.get(0) + "." + r.get(1);
            String type = SchemaTerms.type(r.get(2), r.get(3), r.get(4), r.get(5), r.get(6));
            if (type == null) {
                unknownTypes.add(where + " " + r.get(2) + (postgres ? " (PostgreSQL)" : " (H2)"));
                type = "?" + r.get(2);
            }
            String dflt = SchemaTerms.defaultValue(r.get(8));
            lines.add("column " + where + " " + type + ("NO".equals(r.get(7)) ? " NOT NULL" : "")
                    + (dflt == null ? "" : " DEFAULT " + dflt));
        }
    }

    /** Primary keys, unique constraints and foreign keys, from the standard views both databases have. */
    private void readKeys(Connection c) throws SQLException {
        Map<String, Key> keys = new LinkedHashMap<>();
        for (List<String> r : rows(c, "SELECT tc.constraint_name, tc.table_name, tc.constraint_type, k.column_name"
                + " FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage k"
                + " ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name"
                + " AND k.table_name = tc.table_name"
                + " WHERE tc.table_schema = 'public' AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')"
                + " ORDER BY tc.table_name, tc.constraint_name, k.ordinal_position")) {
            keys.computeIfAbsent(r.get(0) + "@" + r.get(1),
                    k -> new Key(r.get(2), r.get(1), r.get(0), new ArrayList<>(), null, null)).columns().add(r.get(3));
        }
        Map<String, String[]> references = new LinkedHashMap<>();
        for (List<String> r : rows(c, "SELECT constraint_name, unique_constraint_name, update_rule, delete_rule"
                + " FROM information_schema.referential_constraints WHERE constraint_schema = 'public'")) {
            references.put(r.get(0), new String[] {r.get(1), r.get(2), r.get(3)});
        }
        for (Key key : keys.values()) {
            String name = SchemaTerms.isGeneratedName(key.name(), key.table()) ? "" : " named " + key.name();
            String columns = key.table() + " (" + String.join(", ", key.columns()) + ")";
            if (key.kind().equals("FOREIGN KEY")) {
                String[] ref = references.get(key.name());
                Key target = keys.values().stream().filter(k -> k.name().equals(ref[0]) && !k.kind().equals("FOREIGN KEY"))
                        .findFirst().orElseThrow(() -> new IllegalStateException("no key named " + ref[0]));
                String to = target.table() + " (" + String.join(", ", target.columns()) + ")";
                String rules = "on update " + ref[1] + " on delete " + ref[2];
                foreignKeys.add(new Key(key.kind(), key.table(), key.name(), key.columns(), to, rules));
                lines.add("foreign key " + columns + " references " + to + " " + rules + name);
            } else {
                indexedColumns.computeIfAbsent(key.table(), t -> new ArrayList<>()).add(key.columns());
                lines.add(key.kind().toLowerCase() + " " + columns + name);
            }
        }
    }

    /** Indexes made by CREATE INDEX (not those behind keys, which H2 also makes for foreign keys). */
    private void readH2IndexesAndChecks(Connection c) throws SQLException {
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        for (List<String> r : rows(c, "SELECT i.index_name, i.table_name, i.index_type_name, ic.column_name,"
                + " ic.ordering_specification, ic.null_ordering FROM information_schema.indexes i"
                + " JOIN information_schema.index_columns ic ON ic.index_schema = i.index_schema"
                + " AND ic.index_name = i.index_name AND ic.table_name = i.table_name"
                + " WHERE i.table_schema = 'public' AND i.is_generated = FALSE ORDER BY i.index_name, ic.ordinal_position")) {
            String head = ("UNIQUE INDEX".equals(r.get(2)) ? "unique index " : "index ") + r.get(0) + " on " + r.get(1);
            indexes.computeIfAbsent(head, h -> new ArrayList<>()).add(SchemaTerms.indexColumn(r.get(3),
                    "DESC".equals(r.get(4)), "FIRST".equals(r.get(5))));
        }
        addIndexes(indexes);
        for (List<String> r : rows(c, "SELECT constraint_name, table_name FROM information_schema.table_constraints"
                + " WHERE table_schema = 'public' AND constraint_type = 'CHECK'")) {
            lines.add("check " + r.get(0) + " on " + r.get(1));
        }
    }

    private void readPostgresIndexesAndChecks(Connection c) throws SQLException {
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        for (List<String> r : rows(c, "SELECT i.relname, t.relname, x.indisunique, pg_get_indexdef(x.indexrelid, k, true),"
                + " pg_index_column_has_property(x.indexrelid, k, 'desc'), pg_index_column_has_property(x.indexrelid, k, 'nulls_first'),"
                + " pg_get_expr(x.indpred, x.indrelid)"
                + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace CROSS JOIN generate_series(1, x.indnkeyatts) k"
                + " WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint con"
                + " WHERE con.conindid = x.indexrelid AND con.contype IN ('p', 'u', 'x'))"
                + " ORDER BY i.relname, k")) {
            String head = ("t".equals(r.get(2)) ? "unique index " : "index ") + r.get(0) + " on " + r.get(1)
                    + (r.get(6) == null ? "" : " where " + r.get(6));
            indexes.computeIfAbsent(head, h -> new ArrayList<>()).add(SchemaTerms.indexColumn(r.get(3),
                    "t".equals(r.get(4)), "t".equals(r.get(5))));
        }
        addIndexes(indexes);
        for (List<String> r : rows(c, "SELECT con.conname, t.relname FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid"
                + " JOIN pg_namespace n ON n.oid = con.connamespace WHERE n.nspname = 'public' AND con.contype = 'c'")) {
            lines.add("check " + r.get(0) + " on " + r.get(1));
        }
    }

    private void addIndexes(Map<String, List<String>> indexes) {
        indexes.forEach((head, columns) -> {
            lines.add(head + " (" + String.join(", ", columns) + ")");
            String table = head.split(" on ")[1].split(" ")[0];
            indexedColumns.computeIfAbsent(table, t -> new ArrayList<>())
                    .add(columns.stream().map(col -> col.split(" ")[0]).toList());
        });
    }

    /** Foreign keys whose columns lead no index or key: on PostgreSQL a delete in the parent scans the child table. */
    List<String> unindexedForeignKeys() {
        List<String> found = new ArrayList<>();
        for (Key fk : foreignKeys) {
            boolean covered = indexedColumns.getOrDefault(fk.table(), List.of()).stream()
                    .anyMatch(cols -> cols.size() >= fk.columns().size() && cols.subList(0, fk.columns().size()).equals(fk.columns()));
            if (!covered) {
                found.add(fk.table() + " (" + String.join(", ", fk.columns()) + ") -> " + fk.references());
            }
        }
        return found;
    }

    private static List<List<String>> rows(Connection c, String sql) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql); ResultSet rs = query.executeQuery()) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
