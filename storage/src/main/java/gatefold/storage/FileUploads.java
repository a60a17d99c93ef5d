package gatefold.storage;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The file store's multipart uploads: a folder per upload holding a description and one
 * file per part, named {@code <number>.<md5>} so a part and its ETag appear in one rename.
 */
final class FileUploads {

    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern PART_FILE = Pattern.compile("(\\d{5})\\.([0-9a-f]{32})");
    private static final Pattern ETAG = Pattern.compile("[0-9a-f]{32}");
    private static final String DESCRIPTION = "upload.properties";

    private final FileLayout layout;
    private final TempFolder temp;
    private final SecureRandom random = new SecureRandom();
    private final KeyLocks locks = new KeyLocks();

    record Upload(String id, Path folder, String contentType) {
    }

    FileUploads(FileLayout layout, TempFolder temp) {
        this.layout = layout;
        this.temp = temp;
    }

    Upload create(BlobKey key, String contentType) throws IOException {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path folder = layout.upload(id);
        Files.createDirectories(folder);
        Properties description = new Properties();
        description.setProperty("key", key.value());
        if (contentType != null) {
            description.setProperty("contentType", contentType);
        }
        StringWriter text = new StringWriter();
        description.store(text, null);
        try (StagedFile staged = temp.stage(true)) {
            byte[] encoded = text.toString().getBytes(StandardCharsets.UTF_8);
            staged.write(encoded, encoded.length);
            staged.moveTo(folder.resolve(DESCRIPTION));
        }
        return new Upload(id, folder, contentType);
    }

    /** The upload, if it exists and was started for this key. */
    Upload open(BlobKey key, String uploadId) throws IOException {
        if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
            throw noSuchUpload(uploadId);
        }
        Path folder = layout.upload(uploadId);
        Properties description = new Properties();
        try {
            description.load(new StringReader(Files.readString(folder.resolve(DESCRIPTION), StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            throw noSuchUpload(uploadId);
        }
        if (!key.value().equals(description.getProperty("key"))) {
            throw noSuchUpload(uploadId);
        }
        return new Upload(uploadId, folder, description.getProperty("contentType"));
    }

    /** Uploads whose key starts with the prefix, as {@link BlobStore#pendingUploads} lists them. */
    List<PendingUpload> pending(String keyPrefix) throws IOException {
        List<PendingUpload> found = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(layout.uploads)) {
            for (Path folder : folders) {
                Path description = folder.resolve(DESCRIPTION);
                Properties properties = new Properties();
                Instant started;
                try {
                    properties.load(new StringReader(Files.readString(description, StandardCharsets.UTF_8)));
                    started = Files.getLastModifiedTime(description).toInstant();
                } catch (NoSuchFileException e) {
                    continue; // Being discarded, or never finished starting.
                }
                String key = properties.getProperty("key", "");
                if (UPLOAD_ID.matcher(folder.getFileName().toString()).matches() && key.startsWith(keyPrefix)) {
                    found.add(new PendingUpload(BlobKey.of(key), folder.getFileName().toString(), started));
                }
            }
        }
        found.sort(Comparator.comparing(PendingUpload::started));
        return found;
    }

    /** Moves a written part into the upload, replacing any earlier copy of that part. */
    PartInfo addPart(Upload upload, int partNumber, StagedFile part) throws IOException {
        String etag = part.md5Hex();
        part.seal();
        synchronized (lockFor(upload.id())) {
            Path target = upload.folder().resolve(partFileName(partNumber, etag));
            try {
                part.moveTo(target);
            } catch (NoSuchFileException e) {
                throw noSuchUpload(upload.id());
            }
            for (Path other : partFiles(upload.folder())) {
                boolean samePart = PART_FILE.matcher(other.getFileName().toString()).matches()
                        && partNumberOf(other) == partNumber;
                if (samePart && !other.equals(target)) {
                    Files.deleteIfExists(other);
                }
            }
        }
        return new PartInfo(partNumber, etag, part.size());
    }

    /** Received parts in part-number order; after a crash mid-replacement the newest copy wins. */
    List<PartInfo> parts(Upload upload) throws IOException {
        Map<Integer, Path> newest = new TreeMap<>();
        Map<Path, BasicFileAttributes> attributes = new HashMap<>();
        for (Path file : partFiles(upload.folder())) {
            if (!PART_FILE.matcher(file.getFileName().toString()).matches()) {
                continue;
            }
            try {
                attributes.put(file, Files.readAttributes(file, BasicFileAttributes.class));
            } catch (NoSuchFileException e) {
                continue;
            }
            newest.merge(partNumberOf(file), file, (a, b) ->
                    attributes.get(a).lastModifiedTime().compareTo(attributes.get(b).lastModifiedTime()) >= 0 ? a : b);
        }
        List<PartInfo> parts = new ArrayList<>();
        newest.forEach((number, file) -> parts.add(new PartInfo(number, etagOf(file), attributes.get(file).size())));
        return parts;
    }

    /** When the newest part file was written (parts are renamed into place whole), if any. */
    Optional<Instant> lastPartReceived(Upload upload) throws IOException {
        Instant newest = null;
        for (Path file : partFiles(upload.folder())) {
            if (!PART_FILE.matcher(file.getFileName().toString()).matches()) {
                continue;
            }
            try {
                Instant written = Files.getLastModifiedTime(file).toInstant();
                newest = newest == null || written.isAfter(newest) ? written : newest;
            } catch (NoSuchFileException e) {
                // Replaced by a newer copy of the same part while we looked.
            }
        }
        return Optional.ofNullable(newest);
    }

    /**
     * The files to assemble, after checking the parts are ascending, present with the named
     * ETags, and at least {@link StoreRules#MIN_PART_SIZE} except the last.
     */
    List<Path> partFilesFor(Upload upload, List<PartInfo> parts) throws IOException {
        if (parts == null || parts.isEmpty()) {
            throw new InvalidPartException("a multipart upload needs at least one part");
        }
        List<Path> files = new ArrayList<>(parts.size());
        int previous = 0;
        for (int i = 0; i < parts.size(); i++) {
            PartInfo part = parts.get(i);
            if (part.partNumber() <= previous) {
                throw new InvalidPartException("parts must be listed in ascending part-number order");
            }
            previous = part.partNumber();
            String etag = StoreRules.unquote(part.etag());
            if (part.partNumber() > StoreRules.MAX_PART_NUMBER || etag == null || !ETAG.matcher(etag).matches()) {
                throw new InvalidPartException("part " + part.partNumber() + " was not uploaded with that ETag");
            }
            Path file = upload.folder().resolve(partFileName(part.partNumber(), etag));
            long size;
            try {
                size = Files.size(file);
            } catch (NoSuchFileException e) {
                throw new InvalidPartException("part " + part.partNumber() + " was not uploaded with that ETag");
            }
            if (size < StoreRules.MIN_PART_SIZE && i < parts.size() - 1) {
                throw new InvalidPartException("part " + part.partNumber()
                        + " is smaller than 5 MiB; only the last part may be");
            }
            files.add(file);
        }
        return files;
    }

    /** Deletes the upload's folder; a missing folder is fine. */
    void discard(String uploadId) throws IOException {
        Path folder = layout.upload(uploadId);
        synchronized (lockFor(uploadId)) {
            if (!Files.isDirectory(folder)) {
                return;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static List<Path> partFiles(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            entries.forEach(files::add);
        } catch (NoSuchFileException e) {
            throw noSuchUpload(folder.getFileName().toString());
        }
        return files;
    }

    private static int partNumberOf(Path partFile) {
        return Integer.parseInt(partFile.getFileName().toString().substring(0, 5));
    }

    private static String etagOf(Path partFile) {
        return partFile.getFileName().toString().substring(6);
    }

    private static String partFileName(int partNumber, String etag) {
        return String.format("%05d.%s", partNumber, etag);
    }

    private static NoSuchUploadException noSuchUpload(String uploadId) {
        return new NoSuchUploadException("no multipart upload " + uploadId + " for this key");
    }

    private Object lockFor(String uploadId) {
        return locks.lockFor(uploadId);
    }
}
