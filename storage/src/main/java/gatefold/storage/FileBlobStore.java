package gatefold.storage;

import static gatefold.storage.FileDisk.deleteIfPresent;
import static gatefold.storage.FileDisk.failure;
import static gatefold.storage.FileDisk.reason;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded default store: blobs on local disk under one root folder. Every write lands
 * in {@code tmp/}, is forced to disk and then renamed into place, so a reader sees a whole
 * blob or none. Presigned links point at the Gatefold server, which checks them with
 * {@link #verifyPresigned} and streams the blob itself.
 *
 * <p>Unlike S3, a key cannot also be the folder of other keys: with "a" stored, "a/b" is refused.
 */
public final class FileBlobStore implements BlobStore, SelfServedUrls {

    public static final int MIN_SIGNING_KEY_BYTES = 32;

    /** Files in tmp/ of no owner (older versions, readiness probes) older than this come from a crash. */
    private static final Duration STALE_TEMP_AGE = Duration.ofDays(1);
    private static final Duration MAX_LINK_LIFETIME = Duration.ofDays(7);

    private final FileLayout layout;
    private final StoreUrlSigner signer;
    private final TempFolder temp;
    private final FileUploads uploads;
    private final Clock clock;
    private final FileDisk disk;

    public FileBlobStore(Path root, URI publicBaseUrl, byte[] signingKey) {
        this(root, publicBaseUrl, signingKey, Clock.systemUTC());
    }

    /** With a clock of the caller's choosing, for deciding when links expire. */
    public FileBlobStore(Path root, URI publicBaseUrl, byte[] signingKey, Clock clock) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        if (signingKey == null || signingKey.length < MIN_SIGNING_KEY_BYTES) {
            throw new IllegalArgumentException("the link signing key must be at least "
                    + MIN_SIGNING_KEY_BYTES + " bytes");
        }
        this.layout = new FileLayout(root);
        this.signer = new StoreUrlSigner(publicBaseUrl, signingKey);
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            for (Path folder : List.of(layout.blobs, layout.meta, layout.uploads, layout.tmp)) {
                Files.createDirectories(folder);
            }
            this.temp = TempFolder.open(layout.tmp);
            temp.sweep(clock.instant().minus(STALE_TEMP_AGE));
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot prepare the file store at " + layout.root + ": " + reason(e), e);
        }
        this.uploads = new FileUploads(layout, temp);
        this.disk = new FileDisk(layout, temp, new KeyLocks());
    }

    @Override
    public BlobInfo put(BlobKey key, InputStream bytes, long length, String contentType) {
        UploadStream upload = new UploadStream(bytes, length);
        layout.blob(key); // refuses a key the disk cannot hold before any byte is read
        try (StagedFile staged = temp.stage(false)) {
            staged.copyFrom(upload);
            return disk.publish(key, staged, staged.fingerprint(), StoreRules.typeOrDefault(contentType));
        } catch (IOException e) {
            throw failure("store " + key, e);
        }
    }

    @Override
    public InputStream get(BlobKey key, ByteRange range) {
        Objects.requireNonNull(range, "range");
        return disk.read(key, range);
    }

    @Override
    public Optional<BlobInfo> head(BlobKey key) {
        return disk.head(key);
    }

    @Override
    public void delete(BlobKey key) {
        Path blob = layout.blob(key);
        Path meta = layout.meta(key);
        try {
            synchronized (disk.lockFor(key)) {
                if (!Files.isDirectory(blob)) {
                    deleteIfPresent(blob);
                }
                deleteIfPresent(meta);
            }
        } catch (IOException e) {
            throw failure("delete " + key, e);
        }
    }

    @Override
    public String createMultipart(BlobKey key, String contentType) {
        layout.blob(key); // refuses a key the disk cannot hold before any part is sent
        try {
            return uploads.create(key, StoreRules.typeOrDefault(contentType)).id();
        } catch (IOException e) {
            throw failure("start an upload of " + key, e);
        }
    }

    @Override
    public PartInfo uploadPart(BlobKey key, String uploadId, int partNumber, InputStream bytes, long length) {
        StoreRules.checkPartNumber(partNumber);
        StoreRules.checkPartLength(length);
        UploadStream upload = new UploadStream(bytes, length);
        try {
            FileUploads.Upload target = uploads.open(key, uploadId);
            try (StagedFile staged = temp.stage(true)) {
                staged.copyFrom(upload);
                return uploads.addPart(target, partNumber, staged);
            }
        } catch (IOException e) {
            throw failure("store part " + partNumber + " of " + key, e);
        }
    }

    @Override
    public List<PartInfo> listParts(BlobKey key, String uploadId) {
        try {
            return uploads.parts(uploads.open(key, uploadId));
        } catch (IOException e) {
            throw failure("list the parts of " + key, e);
        }
    }

    @Override
    public Optional<Instant> lastPartReceived(BlobKey key, String uploadId) {
        try {
            return uploads.lastPartReceived(uploads.open(key, uploadId));
        } catch (IOException e) {
            throw failure("list the parts of " + key, e);
        }
    }

    @Override
    public BlobInfo completeMultipart(BlobKey key, String uploadId, List<PartInfo> parts) {
        try {
            FileUploads.Upload upload = uploads.open(key, uploadId);
            List<Path> files = uploads.partFilesFor(upload, parts);
            MessageDigest etags = StagedFile.newMd5();
            try (StagedFile staged = temp.stage(true)) {
                for (int i = 0; i < files.size(); i++) {
                    staged.append(files.get(i));
                    etags.update(HexFormat.of().parseHex(StoreRules.unquote(parts.get(i).etag())));
                }
                // The S3 convention: MD5 of the part MD5s, then the part count.
                String etag = HexFormat.of().formatHex(etags.digest()) + "-" + files.size();
                BlobInfo info = disk.publish(key, staged, etag, upload.contentType());
                uploads.discard(uploadId);
                return info;
            }
        } catch (IOException e) {
            if (e instanceof NoSuchFileException) {
                throw new InvalidPartException("a part of the upload of " + key + " vanished while assembling it", e);
            }
            throw failure("assemble " + key, e);
        }
    }

    @Override
    public void abortMultipart(BlobKey key, String uploadId) {
        try {
            uploads.discard(uploads.open(key, uploadId).id());
        } catch (NoSuchUploadException e) {
            // Aborting an unknown upload is not an error.
        } catch (IOException e) {
            throw failure("abort the upload of " + key, e);
        }
    }

    @Override
    public PresignedRequest presignGet(BlobKey key, Duration lifetime, String downloadFilename, String contentType) {
        return signer.signGet(key, expiry(lifetime), downloadFilename, contentType);
    }

    @Override
    public PresignedRequest presignPart(BlobKey key, String uploadId, int partNumber, long length, Duration lifetime) {
        StoreRules.checkPartNumber(partNumber);
        StoreRules.checkPartLength(length);
        Objects.requireNonNull(uploadId, "uploadId");
        return signer.signPart(key, uploadId, partNumber, length, expiry(lifetime));
    }

    @Override
    public Optional<Path> localFile(BlobKey key) {
        Path blob = layout.blob(key);
        return Files.isRegularFile(blob) ? Optional.of(blob) : Optional.empty();
    }

    @Override
    public boolean readsLocally() {
        return true;
    }

    @Override
    public Optional<SelfServedUrls> selfServedUrls() {
        return Optional.of(this);
    }

    /**
     * Checks a link made by {@link #presignGet} or {@link #presignPart}.
     *
     * @param method  the HTTP method; HEAD is accepted wherever GET is
     * @param keyPath the percent-decoded path after {@code /blobs/}
     * @param query   the percent-decoded query parameters
     * @throws InvalidSignatureException when the link was not made by this store or was altered
     * @throws ExpiredSignatureException when a genuine link is past its expiry
     */
    @Override
    public PresignedAccess verifyPresigned(String method, String keyPath, Map<String, String> query, Instant now) {
        return signer.verify(method, keyPath, query, now);
    }

    @Override
    public void checkReady() {
        try {
            Path probe = Files.createTempFile(layout.tmp, "ready-", ".probe");
            Files.delete(probe);
        } catch (IOException e) {
            throw new StoreUnavailableException("the file store at " + layout.root + " is not writable: " + reason(e), e);
        }
    }

    @Override
    public String describe() {
        return "file:" + layout.root;
    }

    @Override
    public int removeLeftovers() {
        try {
            return temp.sweep(clock.instant().minus(STALE_TEMP_AGE));
        } catch (IOException e) {
            throw failure("clear its temporary folder", e);
        }
    }

    @Override
    public List<PendingUpload> pendingUploads(String keyPrefix) {
        try {
            return uploads.pending(keyPrefix);
        } catch (IOException e) {
            throw failure("list its uploads", e);
        }
    }

    @Override
    public void close() {
        // Only the temporary folder's owner lock stays open between calls.
        try {
            temp.close();
        } catch (IOException e) {
            // A leftover owner file is swept by the next store to open the folder.
        }
    }

    private Instant expiry(Duration lifetime) {
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LINK_LIFETIME) > 0) {
            throw new IllegalArgumentException("a link lifetime must be between 1 second and 7 days");
        }
        Instant at = clock.instant().plus(lifetime);
        // Round up to whole seconds so a link never lives shorter than asked.
        return at.getNano() == 0 ? at : Instant.ofEpochSecond(at.getEpochSecond() + 1);
    }
}
