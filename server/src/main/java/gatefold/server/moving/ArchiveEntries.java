package gatefold.server.moving;

import gatefold.server.common.Refusal;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entries after the manifest: each must be one the manifest lists, arrive once, have the
 * size it lists (checked from the header, before a byte is read) and the SHA-256 it lists
 * (checked as it streams). Tables go to temporary files; files go to their store keys, which
 * are recorded so a failure can delete them.
 */
final class ArchiveEntries {

    private final BlobStore store;
    private final Path work;
    private final List<BlobKey> written;
    private final StoreExport.Progress progress;
    private final Map<String, Manifest.TablePart> tables = new HashMap<>();
    private final Map<String, Manifest.Part> sheets = new HashMap<>();
    private final Map<String, Manifest.BlobPart> blobs = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private final long total;
    private long done;

    ArchiveEntries(Manifest manifest, BlobStore store, Path work, List<BlobKey> written, StoreExport.Progress progress) {
        this.store = store;
        this.work = work;
        this.written = written;
        this.progress = progress;
        manifest.tables().forEach(t -> tables.put(t.entry(), t));
        if (manifest.csv() != null) {
            manifest.csv().forEach(c -> sheets.put(c.entry(), c));
        }
        manifest.blobs().forEach(b -> blobs.put(b.entry(), b));
        this.total = manifest.blobs().stream().mapToLong(Manifest.BlobPart::size).sum();
    }

    void readAll(TarReader tar) throws IOException {
        for (var entry = tar.next(); entry.isPresent(); entry = tar.next()) {
            String name = entry.get().name();
            ArchiveLayout.Kind kind = ArchiveLayout.kindOf(name);
            if (kind == ArchiveLayout.Kind.MANIFEST || !seen.add(name)) {
                throw Refusal.invalid("The archive holds \"" + name + "\" twice; nothing was imported.");
            }
            long size = entry.get().size();
            switch (kind) {
                case TABLE -> table(name, size, tar.body());
                case CSV -> sheet(name, size, tar.body());
                default -> blob(name, size, tar.body());
            }
        }
        for (String expected : allExpected()) {
            if (!seen.contains(expected)) {
                throw Refusal.invalid("The archive lacks \"" + expected + "\", which its manifest lists: it is truncated."
                        + " Nothing was imported.");
            }
        }
    }

    private Set<String> allExpected() {
        Set<String> all = new HashSet<>(tables.keySet());
        all.addAll(blobs.keySet());
        return all;
    }

    private void table(String name, long size, InputStream body) throws IOException {
        Manifest.TablePart part = expect(tables.get(name), name);
        checkSize(name, size, part.size());
        if (size > StoreImport.MAX_TABLE_BYTES) {
            throw Refusal.tooLarge("The archive's \"" + name + "\" is larger than Gatefold accepts.");
        }
        MessageDigest sha = TempFiles.sha256();
        try (OutputStream out = Files.newOutputStream(work.resolve(part.name()))) {
            new DigestInputStream(body, sha).transferTo(out);
        }
        checkHash(name, sha, part.sha256());
    }

    private void sheet(String name, long size, InputStream body) throws IOException {
        Manifest.Part part = expect(sheets.get(name), name);
        checkSize(name, size, part.size());
        MessageDigest sha = TempFiles.sha256();
        new DigestInputStream(body, sha).transferTo(OutputStream.nullOutputStream());
        checkHash(name, sha, part.sha256());
    }

    private void blob(String name, long size, InputStream body) throws IOException {
        Manifest.BlobPart part = expect(blobs.get(name), name);
        checkSize(name, size, part.size());
        MessageDigest sha = TempFiles.sha256();
        BlobKey first = BlobKey.of(part.keys().get(0));
        written.add(first);
        String type = part.contentType() == null ? BlobStore.DEFAULT_CONTENT_TYPE : part.contentType();
        store.put(first, new DigestInputStream(body, sha), size, type);
        checkHash(name, sha, part.sha256());
        for (String other : part.keys().subList(1, part.keys().size())) {
            BlobKey copy = BlobKey.of(other);
            written.add(copy);
            try (InputStream again = store.get(first, ByteRange.ALL)) {
                store.put(copy, again, size, type);
            }
        }
        done += size;
        progress.advanced(done, total);
    }

    private static <T> T expect(T part, String name) {
        if (part == null) {
            throw Refusal.invalid("The archive holds \"" + name + "\", which its manifest does not list; nothing was imported.");
        }
        return part;
    }

    private static void checkSize(String name, long actual, long listed) {
        if (actual != listed) {
            throw Refusal.invalid("The archive's \"" + name + "\" has " + actual + " bytes; its manifest says " + listed
                    + ". Nothing was imported.");
        }
    }

    private static void checkHash(String name, MessageDigest sha, String listed) {
        if (!HexFormat.of().formatHex(sha.digest()).equals(listed)) {
            throw Refusal.invalid("The archive's \"" + name + "\" does not match its SHA-256: it is damaged."
                    + " Nothing was imported.");
        }
    }
}
