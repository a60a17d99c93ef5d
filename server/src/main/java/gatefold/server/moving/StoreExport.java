package gatefold.server.moving;

import gatefold.server.common.Refusal;
import gatefold.server.security.SecretBox;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Writes one artist, or every artist of the store, as one tar archive (docs/EXPORT.md). The
 * rows are read in one repeatable-read transaction into small temporary files, so the archive
 * is a consistent picture; the files then stream from the store straight into the archive,
 * one copy buffer at a time, so a store of any size exports in a small heap.
 */
public final class StoreExport {

    /**
     * What to export: one artist by slug (empty: the whole store), a passphrase to carry secrets
     * under, and whether the derived files (formats, previews, stamped-book bases, packaged films)
     * travel with their rows, so the new store need not make them again.
     */
    public record Options(Optional<String> artistSlug, Optional<char[]> passphrase, boolean withDerived) {
        public Options(Optional<String> artistSlug, Optional<char[]> passphrase) {
            this(artistSlug, passphrase, false);
        }

        public static Options artist(String slug) {
            return new Options(Optional.of(slug), Optional.empty());
        }

        public static Options wholeStore() {
            return new Options(Optional.empty(), Optional.empty());
        }

        public Options withDerived(boolean derived) {
            return new Options(artistSlug, passphrase, derived);
        }
    }

    /** What was written. */
    public record Summary(int artists, long rows, int files, long fileBytes, long archiveBytes, int secretsLeftOut) {
    }

    /** Told after every file, for a progress bar. */
    @FunctionalInterface
    public interface Progress {
        void advanced(long bytesDone, long bytesTotal);

        Progress NONE = (done, total) -> { };
    }

    private final Jdbi jdbi;
    private final BlobStore store;
    private final SecretBox secrets;
    private final URI source;
    private final Path tempRoot;

    public StoreExport(Jdbi jdbi, BlobStore store, SecretBox secrets, URI source, Path tempRoot) {
        this.jdbi = jdbi;
        this.store = store;
        this.secrets = secrets;
        this.source = source;
        this.tempRoot = tempRoot;
    }

    /** Checks what can be checked before the first byte goes out (the artist exists), so an HTTP answer can still be an error. */
    public void check(Options options) {
        options.artistSlug().ifPresent(slug -> jdbi.withHandle(h -> h.createQuery("SELECT id FROM artists WHERE slug = :s")
                .bind("s", slug).mapTo(String.class).findOne())
                .orElseThrow(() -> Refusal.notFound("No artist with the slug \"" + slug + "\".")));
        options.passphrase().ifPresent(Passphrase::checkStrength);
    }

    public Summary write(Options options, OutputStream out, Progress progress) {
        check(options);
        Path work = null;
        try {
            Files.createDirectories(tempRoot);
            work = Files.createTempDirectory(tempRoot, "export-");
            Snapshot snapshot = snapshot(options, work);
            long archiveBytes = writeArchive(snapshot, out, progress);
            return new Summary(snapshot.manifest().artists().size(), snapshot.manifest().tables().stream()
                    .mapToLong(Manifest.TablePart::rows).sum(), snapshot.manifest().blobs().size(),
                    snapshot.manifest().blobs().stream().mapToLong(Manifest.BlobPart::size).sum(), archiveBytes,
                    snapshot.secretsLeftOut());
        } catch (IOException e) {
            throw new UncheckedIOException("the export could not be written: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the export could not be read from the database: " + e.getMessage(), e);
        } finally {
            TempFiles.deleteQuietly(work);
        }
    }

    private record Snapshot(Manifest manifest, Path dir, int secretsLeftOut) {
    }

    private Snapshot snapshot(Options options, Path work) throws Exception {
        Optional<Manifest.Kdf> kdf = options.passphrase().map(p -> new Manifest.Kdf(Passphrase.ALGORITHM, salt(), Passphrase.ITERATIONS));
        MovedSecrets moved = new MovedSecrets(secrets, kdf.map(k -> Passphrase.box(options.passphrase().get(), k)));
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            Connection connection = h.getConnection();
            List<Manifest.MovedArtist> artists = h.createQuery("SELECT id, slug, name, email FROM artists"
                            + " WHERE slug = :s OR :everyone ORDER BY created_at, id")
                    .bind("s", options.artistSlug().orElse("")).bind("everyone", options.artistSlug().isEmpty())
                    .map((rs, ctx) -> new Manifest.MovedArtist(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                    .list();
            List<String> ids = artists.stream().map(Manifest.MovedArtist::id).toList();
            List<Manifest.TablePart> tables = new ArrayList<>();
            List<Manifest.Part> csv = new ArrayList<>();
            List<Manifest.BlobPart> blobs = List.of();
            if (!ids.isEmpty()) {
                for (MovedTables.Table table : tablesFor(options)) {
                    tables.add(TableDump.dump(connection, table, ids, work.resolve(table.name()), moved));
                }
                csv.add(spreadsheet(work, Spreadsheets.SALES, f -> Spreadsheets.sales(connection, ids, f)));
                csv.add(spreadsheet(work, Spreadsheets.BUYERS, f -> Spreadsheets.buyers(connection, ids, f)));
                blobs = BlobList.of(connection, ids, store,
                        options.withDerived() ? DerivedBlobs.of(connection, ids, store) : List.of());
            }
            Manifest manifest = new Manifest(ArchiveLayout.FORMAT, ArchiveLayout.VERSION, Instant.now().toString(),
                    source.toString(), schemaVersion(h), options.artistSlug().isPresent() ? "artist" : "store", artists,
                    kdf.isPresent() ? "passphrase" : "none", kdf.orElse(null), tables, csv, blobs);
            return new Snapshot(manifest, work, moved.unreadable());
        });
    }

    private static List<MovedTables.Table> tablesFor(Options options) {
        List<MovedTables.Table> tables = new ArrayList<>(MovedTables.TABLES);
        if (options.withDerived()) {
            tables.addAll(MovedTables.DERIVED);
        }
        if (options.artistSlug().isEmpty() && options.passphrase().isPresent()) {
            tables.add(MovedTables.LINK_KEYS);
        }
        return tables;
    }

    private interface CsvWriter {
        void write(Path file) throws SQLException, IOException;
    }

    private static Manifest.Part spreadsheet(Path work, String name, CsvWriter writer) throws SQLException, IOException {
        Path file = work.resolve(name + ".csv");
        writer.write(file);
        return new Manifest.Part(ArchiveLayout.csv(name), Files.size(file), TempFiles.sha256(file));
    }

    private long writeArchive(Snapshot snapshot, OutputStream out, Progress progress) throws IOException {
        Manifest manifest = snapshot.manifest();
        CountingOutputStream counted = new CountingOutputStream(out);
        long total = manifest.blobs().stream().mapToLong(Manifest.BlobPart::size).sum();
        long done = 0;
        long mtime = Instant.now().getEpochSecond();
        TarWriter tar = new TarWriter(counted, mtime);
        byte[] head = manifest.toBytes();
        tar.entry(ArchiveLayout.MANIFEST, head.length, new java.io.ByteArrayInputStream(head));
        for (Manifest.TablePart table : manifest.tables()) {
            copyFile(tar, table.entry(), snapshot.dir().resolve(table.name()));
        }
        for (Manifest.Part sheet : manifest.csv()) {
            copyFile(tar, sheet.entry(), snapshot.dir().resolve(sheet.entry().substring("csv/".length())));
        }
        for (Manifest.BlobPart blob : manifest.blobs()) {
            java.security.MessageDigest sha = TempFiles.sha256();
            try (InputStream bytes = new java.security.DigestInputStream(store.get(BlobKey.of(blob.keys().get(0)), ByteRange.ALL), sha)) {
                tar.entry(blob.entry(), blob.size(), bytes);
            }
            if (!java.util.HexFormat.of().formatHex(sha.digest()).equals(blob.sha256())) {
                throw new IOException("the stored file " + blob.keys().get(0) + " no longer matches its SHA-256; the archive is incomplete");
            }
            done += blob.size();
            progress.advanced(done, total);
        }
        tar.close();
        return counted.count();
    }

    private static void copyFile(TarWriter tar, String entry, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            tar.entry(entry, Files.size(file), in);
        }
    }

    private static int schemaVersion(org.jdbi.v3.core.Handle h) {
        return h.createQuery("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL")
                .mapTo(String.class).list().stream().mapToInt(Integer::parseInt).max().orElse(0);
    }

    private static String salt() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return Base64.getEncoder().encodeToString(salt);
    }
}
