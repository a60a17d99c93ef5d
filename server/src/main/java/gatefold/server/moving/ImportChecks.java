package gatefold.server.moving;

import gatefold.server.accounts.Slugs;
import gatefold.server.common.Refusal;
import gatefold.storage.BlobKey;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What an import checks before it writes anything: that the manifest is whole and names only
 * what Gatefold writes, that every file goes under the folder of an artist in the archive (an
 * archive cannot overwrite another artist's files), and that no artist in it is in this store
 * already, by id, slug or email (a taken slug may be renamed). Importing the same archive twice
 * stops here the second time.
 */
final class ImportChecks {

    private ImportChecks() {
    }

    static void manifest(Manifest manifest) {
        Set<String> artistIds = new HashSet<>();
        for (Manifest.MovedArtist artist : manifest.artists()) {
            if (artist.id() == null || artist.slug() == null || artist.email() == null || !artistIds.add(artist.id())) {
                throw Refusal.invalid("The archive's manifest lists an artist without id, slug or email, or one twice.");
            }
        }
        Set<String> known = new HashSet<>(MovedTables.importable().stream().map(MovedTables.Table::name).toList());
        Set<String> tables = new HashSet<>();
        for (Manifest.TablePart table : manifest.tables()) {
            if (!known.contains(table.name()) || !tables.add(table.name())
                    || !ArchiveLayout.table(table.name()).equals(table.entry()) || !sha(table.sha256()) || table.size() < 0) {
                throw Refusal.invalid("The archive's manifest lists a table Gatefold does not export: \""
                        + ArchiveLayout.printable(String.valueOf(table.name())) + "\".");
            }
        }
        Set<String> keys = new HashSet<>();
        for (Manifest.BlobPart blob : manifest.blobs()) {
            if (!sha(blob.sha256()) || !ArchiveLayout.blob(blob.sha256()).equals(blob.entry()) || blob.size() < 0
                    || blob.keys() == null || blob.keys().isEmpty()) {
                throw Refusal.invalid("The archive's manifest lists a file entry that is not well formed: \""
                        + ArchiveLayout.printable(String.valueOf(blob.entry())) + "\".");
            }
            blob.keys().forEach(key -> checkKey(key, artistIds, keys));
        }
    }

    private static void checkKey(String key, Set<String> artistIds, Set<String> seen) {
        String[] parts = key == null ? new String[0] : key.split("/", 3);
        boolean inOwnFolder = parts.length == 3 && parts[0].equals("artists") && artistIds.contains(parts[1]);
        try {
            BlobKey.of(key);
        } catch (RuntimeException e) {
            inOwnFolder = false;
        }
        if (!inOwnFolder || key.contains("..") || !seen.add(key)) {
            throw Refusal.invalid("The archive would write a file outside its own artists' folders: \""
                    + ArchiveLayout.printable(String.valueOf(key)) + "\"; nothing was imported.");
        }
    }

    /**
     * Refuses, naming the artist, when any artist of the archive is in this store already: by id
     * (imported before), by email (an email signs in one artist only, so even {@code rename} stops
     * there), or by slug unless {@code rename}. Returns the new slug of each renamed artist, by id:
     * the first free {@code slug-N}, never one another artist of the archive keeps.
     */
    static Map<String, String> conflicts(Handle h, List<Manifest.MovedArtist> artists, boolean rename) {
        Set<String> kept = new HashSet<>(artists.stream().map(Manifest.MovedArtist::slug).toList());
        Map<String, String> renamed = new LinkedHashMap<>();
        for (Manifest.MovedArtist artist : artists) {
            List<String> found = h.createQuery("SELECT CASE WHEN id = :id THEN 'id' WHEN LOWER(email) = LOWER(:email) THEN 'email'"
                            + " ELSE 'slug' END FROM artists WHERE id = :id OR slug = :slug OR LOWER(email) = LOWER(:email)")
                    .bind("id", artist.id()).bind("slug", artist.slug()).bind("email", artist.email())
                    .mapTo(String.class).list();
            if (found.contains("id")) {
                throw Refusal.conflict("The artist \"" + artist.slug() + "\" (" + artist.id() + ") is in this store already:"
                        + " this archive was imported before. Nothing was changed.");
            }
            if (found.contains("email")) {
                throw Refusal.conflict("Another artist in this store signs in with " + artist.email() + ", the email of \""
                        + artist.slug() + "\". An email belongs to one artist" + (rename ? ", so --rename cannot help" : "")
                        + ": change it on one of the two stores, then import again. Nothing was imported.");
            }
            if (!found.isEmpty() && !rename) {
                throw Refusal.conflict("Another artist in this store has the slug \"" + artist.slug() + "\". Import with"
                        + " --rename (rename=true) to give the arriving artist a free one. Nothing was imported.");
            }
            if (!found.isEmpty()) {
                String base = artist.slug().length() > Slugs.MAX_LENGTH - 6
                        ? artist.slug().substring(0, Slugs.MAX_LENGTH - 6).replaceAll("-+$", "") : artist.slug();
                String slug = Slugs.unique(base, s -> kept.contains(s) || taken(h, s));
                kept.add(slug);
                renamed.put(artist.id(), slug);
            }
        }
        return renamed;
    }

    private static boolean taken(Handle h, String slug) {
        return h.createQuery("SELECT COUNT(*) FROM artists WHERE slug = :s").bind("s", slug).mapTo(Long.class).one() > 0;
    }

    private static boolean sha(String value) {
        return value != null && value.matches("[0-9a-f]{64}");
    }
}
