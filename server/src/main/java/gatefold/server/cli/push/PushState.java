package gatefold.server.cli.push;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an earlier push of this folder got done, kept in the folder itself so running the
 * same command again carries on: the release it went to and, per file (known by name, size
 * and modification time), the upload in progress, the stored file and the local SHA-256.
 * It holds no token. Every change is written at once, atomically, so a crash leaves a whole file.
 */
final class PushState {

    static final String FILE_NAME = ".gatefold-push.json";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Saved(int version, String server, String releaseId, boolean createdByPush, Map<String, Entry> files) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(long size, long modifiedMillis, String uploadId, String fileId, String sha256) {

        boolean describes(LocalFile file) {
            return size == file.size() && modifiedMillis == file.modifiedMillis();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private String server;
    private String releaseId;
    private boolean createdByPush;
    private final Map<String, Entry> files = new TreeMap<>();

    private PushState(Path file) {
        this.file = file;
    }

    static PushState load(Path dir) {
        PushState state = new PushState(dir.resolve(FILE_NAME));
        try {
            Saved saved = JSON.readValue(Files.readAllBytes(state.file), Saved.class);
            state.server = saved.server();
            state.releaseId = saved.releaseId();
            state.createdByPush = saved.createdByPush();
            if (saved.files() != null) {
                state.files.putAll(saved.files());
            }
        } catch (NoSuchFileException firstPush) {
            // Nothing pushed from this folder yet.
        } catch (IOException e) {
            throw new PushFailure("cannot read " + state.file + " (" + e.getMessage()
                    + "); delete it to push this folder from the start.");
        }
        return state;
    }

    Path path() {
        return file;
    }

    /** The release an earlier {@code --new} push created on this store, if any. */
    synchronized Optional<String> createdRelease(String serverUrl) {
        return createdByPush && serverUrl.equals(server) ? Optional.ofNullable(releaseId) : Optional.empty();
    }

    /** From now on the folder goes to this release; what was known about another release is dropped. */
    synchronized void useRelease(String serverUrl, String id, boolean created) {
        if (!serverUrl.equals(server) || !id.equals(releaseId)) {
            files.clear();
            createdByPush = created;
        } else {
            createdByPush = createdByPush || created;
        }
        server = serverUrl;
        releaseId = id;
        save();
    }

    /** What is known about this file, as long as it has not changed since. */
    synchronized Optional<Entry> entry(LocalFile local) {
        return Optional.ofNullable(files.get(local.name())).filter(e -> e.describes(local));
    }

    synchronized Optional<String> staleUpload(LocalFile local) {
        return Optional.ofNullable(files.get(local.name())).filter(e -> !e.describes(local)).map(Entry::uploadId);
    }

    synchronized void uploadStarted(LocalFile local, String uploadId) {
        Entry known = entry(local).orElse(null);
        files.put(local.name(), new Entry(local.size(), local.modifiedMillis(), uploadId, null,
                known == null ? null : known.sha256()));
        save();
    }

    synchronized void fileStored(LocalFile local, String fileId) {
        Entry known = entry(local).orElse(null);
        files.put(local.name(), new Entry(local.size(), local.modifiedMillis(), null, fileId,
                known == null ? null : known.sha256()));
        save();
    }

    synchronized void uploadDropped(LocalFile local) {
        Entry known = entry(local).orElse(null);
        files.put(local.name(), new Entry(local.size(), local.modifiedMillis(), null, null,
                known == null ? null : known.sha256()));
        save();
    }

    synchronized void localSha256(LocalFile local, String sha256) {
        Entry known = entry(local).orElse(null);
        files.put(local.name(), new Entry(local.size(), local.modifiedMillis(), known == null ? null : known.uploadId(),
                known == null ? null : known.fileId(), sha256));
        save();
    }

    private void save() {
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.write(temp, JSON.writeValueAsBytes(new Saved(1, server, releaseId, createdByPush, new TreeMap<>(files))));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new PushFailure("cannot write " + file + " (" + e.getMessage()
                    + "); push needs it to carry on after an interruption.");
        }
    }
}
