package gatefold.server.moving;

import gatefold.server.common.Refusal;
import gatefold.server.security.SecretBox;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads an export archive into this store, all or nothing. The manifest comes first and is
 * checked (format, names, folders, conflicts) before anything is written. Table rows wait in
 * temporary files; each file goes to its store key while its SHA-256 is computed and is
 * refused, with the entry named, when it differs. Only when every entry has arrived and
 * matched do the rows go in, in one transaction. Any failure deletes the files written so far
 * and leaves no row: nothing half-imported is ever visible. An import killed outright runs no
 * clean-up; the next import deletes what it left ({@link ImportLeftovers}). Ids are kept, so
 * links, receipts and library sign-ins name the same things on the new store.
 */
public final class StoreImport {

    /**
     * The passphrase the archive's secrets were sealed with, if it carries any; and whether an
     * artist whose slug is taken here gets a free one ({@code slug-2}, ...) instead of stopping.
     */
    public record Options(Optional<char[]> passphrase, boolean rename) {
        public Options(Optional<char[]> passphrase) {
            this(passphrase, false);
        }

        public static Options none() {
            return new Options(Optional.empty());
        }
    }

    /** What was imported: the artists by their slug here, and the old slug of each one renamed (new slug to old). */
    public record Summary(List<String> artists, long rows, int files, long fileBytes, Map<String, String> renamed) {
    }

    /** Largest table file accepted: far beyond a real store's, and a bound on the temporary disk a hostile archive can take. */
    static final long MAX_TABLE_BYTES = 4L << 30;

    private final Jdbi jdbi;
    private final BlobStore store;
    private final SecretBox secrets;
    private final Path tempRoot;
    private final java.time.Duration linkLifetime;

    /** {@code linkLifetime}: how long an imported download-link key keeps verifying when this store signs with its own. */
    public StoreImport(Jdbi jdbi, BlobStore store, SecretBox secrets, Path tempRoot, java.time.Duration linkLifetime) {
        this.jdbi = jdbi;
        this.store = store;
        this.secrets = secrets;
        this.tempRoot = tempRoot;
        this.linkLifetime = linkLifetime;
    }

    public Summary read(InputStream archive, Options options, StoreExport.Progress progress) {
        Path work = null;
        ImportLeftovers leftovers = null;
        List<BlobKey> written = new ArrayList<>();
        List<String> artistIds = new ArrayList<>();
        boolean done = false;
        try {
            Files.createDirectories(tempRoot);
            ImportLeftovers.sweep(tempRoot, jdbi, store); // an import killed earlier, resumed now or not
            work = Files.createTempDirectory(tempRoot, "import-");
            leftovers = ImportLeftovers.claim(work);
            TarReader tar = new TarReader(archive);
            Manifest manifest = readManifest(tar);
            manifest.artists().forEach(a -> artistIds.add(a.id()));
            leftovers.artists(artistIds);
            MovedSecrets moved = secretsFor(manifest, options);
            jdbi.useHandle(h -> ImportChecks.conflicts(h, manifest.artists(), options.rename()));
            new ArchiveEntries(manifest, store, work, leftovers.listing(written), progress).readAll(tar);
            Map<String, String> newSlugs = new HashMap<>();
            long rows = insertRows(manifest, work, moved, options.rename(), newSlugs);
            done = true;
            Map<String, String> renamed = new java.util.LinkedHashMap<>();
            List<String> slugs = manifest.artists().stream().map(a -> {
                String slug = newSlugs.getOrDefault(a.id(), a.slug());
                if (!slug.equals(a.slug())) {
                    renamed.put(slug, a.slug());
                }
                return slug;
            }).toList();
            return new Summary(slugs, rows, manifest.blobs().size(),
                    manifest.blobs().stream().mapToLong(Manifest.BlobPart::size).sum(), renamed);
        } catch (IOException e) {
            throw Refusal.invalid("The archive could not be read to its end (" + e.getMessage() + "); it is truncated or damaged."
                    + " Nothing was imported.");
        } catch (RuntimeException e) {
            throw truncatedOr(e);
        } catch (Exception e) {
            throw new IllegalStateException("the import could not be written to the database: " + e.getMessage(), e);
        } finally {
            if (!done && !committedElsewhere(artistIds)) {
                written.forEach(this::deleteQuietly);
            }
            if (leftovers != null) {
                leftovers.close();
            }
            TempFiles.deleteQuietly(work);
        }
    }

    /** A store reading the archive wraps our end-of-archive in its own exception; it is still a truncated archive. */
    private static RuntimeException truncatedOr(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.EOFException) {
                return Refusal.invalid("The archive ends in the middle of an entry: it is truncated. Nothing was imported.");
            }
        }
        return e;
    }

    private static Manifest readManifest(TarReader tar) throws IOException {
        TarReader.Entry first = tar.next().orElseThrow(() -> Refusal.invalid("The archive holds nothing."));
        if (ArchiveLayout.kindOf(first.name()) != ArchiveLayout.Kind.MANIFEST) {
            throw Refusal.invalid("The archive does not start with manifest.json (it starts with \""
                    + ArchiveLayout.printable(first.name()) + "\").");
        }
        if (first.size() > Manifest.MAX_BYTES) {
            throw Refusal.tooLarge("The archive's manifest.json is larger than any Gatefold writes.");
        }
        Manifest manifest = Manifest.parse(tar.body().readAllBytes());
        ImportChecks.manifest(manifest);
        return manifest;
    }

    private MovedSecrets secretsFor(Manifest manifest, Options options) {
        if ("passphrase".equals(manifest.secrets())) {
            char[] passphrase = options.passphrase().orElseThrow(() -> Refusal.invalid(
                    "The archive carries secrets sealed with a passphrase: give it (gatefold import asks for it)."));
            if (manifest.kdf() == null) {
                throw Refusal.invalid("The archive's manifest says it carries secrets but not how they are sealed.");
            }
            return new MovedSecrets(secrets, Optional.of(Passphrase.box(passphrase, manifest.kdf())));
        }
        return new MovedSecrets(secrets, Optional.empty());
    }

    private long insertRows(Manifest manifest, Path work, MovedSecrets moved, boolean rename, Map<String, String> newSlugs)
            throws Exception {
        Map<String, Manifest.TablePart> parts = new HashMap<>();
        manifest.tables().forEach(t -> parts.put(t.name(), t));
        List<String> ids = manifest.artists().stream().map(Manifest.MovedArtist::id).toList();
        return jdbi.inTransaction(h -> {
            Connection connection = h.getConnection();
            // Checked again inside the transaction: another import may have taken a slug since.
            newSlugs.putAll(ImportChecks.conflicts(h, manifest.artists(), rename));
            ImportHooks hooks = new ImportHooks(connection, linkLifetime, newSlugs);
            long total = 0;
            for (MovedTables.Table table : MovedTables.importable()) {
                Manifest.TablePart part = parts.get(table.name());
                if (part == null) {
                    continue;
                }
                long rows;
                try {
                    rows = RowInserts.insert(connection, table.name(), work.resolve(table.name()), moved, hooks::accept);
                } catch (java.sql.SQLException e) {
                    throw Refusal.conflict("The rows of table " + table.name() + " could not be added (" + firstLine(e.getMessage())
                            + "). Nothing was imported.");
                }
                if (rows != part.rows()) {
                    throw Refusal.invalid("Table " + table.name() + " has " + rows + " rows; the manifest says " + part.rows() + ".");
                }
                total += rows;
            }
            if (!ids.isEmpty()) {
                RowChecks.ownedByArchive(connection, manifest, ids, hooks::skipped);
                RowChecks.filesAreTheirBytes(connection, manifest, ids);
            }
            return total;
        });
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message;
        return m.contains("\n") ? m.substring(0, m.indexOf('\n')) : m;
    }

    /** The same archive imported at the same moment by another request won: its files are the ones just written. */
    private boolean committedElsewhere(List<String> artistIds) {
        try {
            return !artistIds.isEmpty() && jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM artists WHERE id IN (<ids>)")
                    .bindList("ids", artistIds).mapTo(Long.class).one()) > 0;
        } catch (RuntimeException e) {
            return true; // The database cannot say; leaving files without rows is safe, deleting a live artist's is not.
        }
    }

    private void deleteQuietly(BlobKey key) {
        try {
            store.delete(key);
        } catch (RuntimeException e) {
            // The import already failed; a file left here has no row and is never served.
        }
    }
}
