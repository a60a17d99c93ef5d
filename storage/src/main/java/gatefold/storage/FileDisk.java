package gatefold.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;

/**
 * What the file store does on disk below the blob level: publishing a staged blob with its
 * sidecar, and turning the file system's errors into the store's.
 */
final class FileDisk {

    private final FileLayout layout;
    private final TempFolder temp;
    private final KeyLocks locks;

    FileDisk(FileLayout layout, TempFolder temp, KeyLocks locks) {
        this.layout = layout;
        this.temp = temp;
        this.locks = locks;
    }

    /** Renames the blob and then its sidecar into place, together as far as readers can tell. */
    BlobInfo publish(BlobKey key, StagedFile blobFile, String etag, String contentType) throws IOException {
        Path blob = layout.blob(key);
        Path metaPath = layout.meta(key);
        blobFile.seal();
        byte[] meta = new BlobMeta(etag, contentType, blobFile.size()).encode();
        try (StagedFile metaFile = temp.stage(true)) {
            metaFile.write(meta, meta.length);
            metaFile.seal();
            synchronized (locks.lockFor(key.value())) {
                try {
                    if (Files.isDirectory(blob)) {
                        throw new FileAlreadyExistsException(blob.toString());
                    }
                    Files.createDirectories(blob.getParent());
                    Files.createDirectories(metaPath.getParent());
                    blobFile.moveTo(blob);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                    throw new StoreException("cannot store " + key + ": in the file store a key cannot also be"
                            + " the folder of other keys", e);
                }
                metaFile.moveTo(metaPath);
                Instant modified = Files.getLastModifiedTime(blob).toInstant();
                return new BlobInfo(key, blobFile.size(), etag, contentType, modified);
            }
        }
    }

    /** The lock that orders publishing, reading and deleting one key within this process. */
    Object lockFor(BlobKey key) {
        return locks.lockFor(key.value());
    }

    /** A stream over the range of a blob, holding one open channel. */
    InputStream read(BlobKey key, ByteRange range) {
        Path blob = layout.blob(key);
        if (!Files.isRegularFile(blob)) {
            throw noSuchBlob(key);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(blob, StandardOpenOption.READ);
        } catch (IOException e) {
            if (isMissing(e)) {
                throw noSuchBlob(key);
            }
            throw failure("read " + key, e);
        }
        try {
            long size = channel.size();
            if (range.first() >= size && !(size == 0 && range.first() == 0)) {
                throw new IllegalArgumentException("range " + range.first() + "- starts past the end of "
                        + key + " (" + size + " bytes)");
            }
            long end = range.isOpenEnded() ? size : Math.min(size, range.last() + 1);
            return new FileRangeInputStream(channel, range.first(), end);
        } catch (IOException e) {
            closeQuietly(channel);
            throw failure("read " + key, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** A blob's facts, from its sidecar when the sidecar matches the blob. */
    Optional<BlobInfo> head(BlobKey key) {
        Path blob = layout.blob(key);
        Path metaFile = layout.meta(key);
        try {
            BasicFileAttributes attributes;
            Optional<BlobMeta> meta;
            synchronized (lockFor(key)) {
                try {
                    attributes = Files.readAttributes(blob, BasicFileAttributes.class);
                } catch (IOException e) {
                    if (isMissing(e)) {
                        return Optional.empty();
                    }
                    throw e;
                }
                if (!attributes.isRegularFile()) {
                    return Optional.empty();
                }
                meta = BlobMeta.read(metaFile).filter(m -> m.size() == attributes.size());
            }
            Instant modified = attributes.lastModifiedTime().toInstant();
            // Only a crash between the two renames leaves a blob without its sidecar.
            String etag = meta.map(BlobMeta::etag)
                    .orElse("f-" + Long.toHexString(attributes.size()) + "-" + Long.toHexString(modified.toEpochMilli()));
            String contentType = meta.map(BlobMeta::contentType).orElse(null);
            return Optional.of(new BlobInfo(key, attributes.size(), etag, contentType, modified));
        } catch (IOException e) {
            throw failure("look up " + key, e);
        }
    }

    static void deleteIfPresent(Path file) throws IOException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            if (!isMissing(e)) {
                throw e;
            }
        }
    }

    /** Missing, or a parent is a file rather than a folder: either way there is no blob. */
    static boolean isMissing(IOException e) {
        return e instanceof NoSuchFileException
                || (e instanceof FileSystemException fse && "Not a directory".equals(fse.getReason()));
    }

    static NoSuchBlobException noSuchBlob(BlobKey key) {
        return new NoSuchBlobException("no blob " + key);
    }

    static StoreException failure(String action, IOException e) {
        return new StoreException("the file store could not " + action + ": " + reason(e), e);
    }

    static String reason(IOException e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Already failing; the first error is the one to report.
        }
    }
}
