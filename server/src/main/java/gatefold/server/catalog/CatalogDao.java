package gatefold.server.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Release.class)
@RegisterConstructorMapper(ReleaseFile.class)
@RegisterConstructorMapper(Upload.class)
public interface CatalogDao {

    @SqlUpdate("""
            INSERT INTO releases (id, artist_id, slug, title, kind, description, release_date, pricing, currency, price_minor,
                                  min_price_minor, status, licence, credits, download_limit, formats, genre, created_at, updated_at)
            VALUES (:id, :artistId, :slug, :title, :kind, :description, :releaseDate, :pricing, :currency, :priceMinor,
                    :minPriceMinor, :status, :licence, :credits, :downloadLimit, :formats, :genre, :createdAt, :updatedAt)""")
    void insertRelease(@BindMethods Release release);

    @SqlUpdate("""
            UPDATE releases SET slug = :slug, title = :title, kind = :kind, description = :description,
                   release_date = :releaseDate, pricing = :pricing, currency = :currency, price_minor = :priceMinor,
                   min_price_minor = :minPriceMinor, status = :status, licence = :licence, credits = :credits,
                   download_limit = :downloadLimit, formats = :formats, genre = :genre, updated_at = :updatedAt
            WHERE id = :id""")
    void updateRelease(@BindMethods Release release);

    @SqlQuery("SELECT * FROM releases WHERE id = :id")
    Optional<Release> release(@Bind("id") String id);

    @SqlQuery("SELECT * FROM releases WHERE artist_id = :artistId AND slug = :slug")
    Optional<Release> releaseBySlug(@Bind("artistId") String artistId, @Bind("slug") String slug);

    @SqlQuery("SELECT * FROM releases WHERE artist_id = :artistId ORDER BY created_at DESC, id")
    List<Release> releasesOf(@Bind("artistId") String artistId);

    @SqlQuery("SELECT * FROM releases WHERE status = 'published' ORDER BY updated_at DESC, id LIMIT :limit")
    List<Release> latestPublished(@Bind("limit") int limit);

    @SqlQuery("SELECT COUNT(*) > 0 FROM releases WHERE artist_id = :artistId AND slug = :slug")
    boolean releaseSlugTaken(@Bind("artistId") String artistId, @Bind("slug") String slug);

    @SqlUpdate("DELETE FROM releases WHERE id = :id")
    void deleteRelease(@Bind("id") String id);

    @SqlUpdate("""
            INSERT INTO release_files (id, release_id, name, role, position, size, content_type, sha256, crc32, blob_key, verified,
                                       title, created_at)
            VALUES (:id, :releaseId, :name, :role, :position, :size, :contentType, :sha256, :crc32, :blobKey, :verified, :title,
                    :createdAt)""")
    void insertFile(@BindMethods ReleaseFile file);

    @SqlUpdate("""
            UPDATE release_files SET name = :name, role = :role, position = :position, size = :size,
                   content_type = :contentType, sha256 = :sha256, crc32 = :crc32, blob_key = :blobKey, verified = :verified,
                   title = :title, available_now = :availableNow, verify_claimed_at = NULL
            WHERE id = :id""")
    void updateFile(@BindMethods ReleaseFile file);

    @SqlQuery("SELECT * FROM release_files WHERE release_id = :releaseId ORDER BY position, created_at, id")
    List<ReleaseFile> filesOf(@Bind("releaseId") String releaseId);

    @SqlQuery("SELECT * FROM release_files WHERE id = :id")
    Optional<ReleaseFile> file(@Bind("id") String id);

    @SqlQuery("SELECT * FROM release_files WHERE release_id = :releaseId AND name = :name")
    Optional<ReleaseFile> fileByName(@Bind("releaseId") String releaseId, @Bind("name") String name);

    @SqlUpdate("DELETE FROM release_files WHERE id = :id")
    void deleteFile(@Bind("id") String id);

    @SqlQuery("SELECT COUNT(*) FROM release_files WHERE blob_key = :blobKey")
    int blobReferences(@Bind("blobKey") String blobKey);

    @SqlQuery("""
            SELECT COALESCE(SUM(f.size), 0) FROM release_files f JOIN releases r ON r.id = f.release_id
            WHERE r.artist_id = :artistId""")
    long storageUsed(@Bind("artistId") String artistId);

    @SqlQuery("SELECT COALESCE(MAX(position), 0) FROM release_files WHERE release_id = :releaseId")
    int lastPosition(@Bind("releaseId") String releaseId);

    @SqlQuery("SELECT * FROM release_files WHERE verified = FALSE AND (verify_claimed_at IS NULL OR verify_claimed_at < :staleBefore) ORDER BY created_at")
    List<ReleaseFile> unverified(@Bind("staleBefore") Instant staleBefore);

    @SqlUpdate("UPDATE release_files SET verify_claimed_at = :at WHERE id = :id AND verified = FALSE")
    void backdateClaim(@Bind("id") String id, @Bind("at") Instant at);

    @SqlUpdate("""
            UPDATE release_files SET sha256 = :sha256, crc32 = :crc32, verified = TRUE, verify_claimed_at = NULL
            WHERE id = :id AND blob_key = :blobKey""")
    int markVerified(@Bind("id") String id, @Bind("blobKey") String blobKey, @Bind("sha256") String sha256,
                     @Bind("crc32") long crc32);

    @SqlUpdate("""
            INSERT INTO uploads (id, release_id, artist_id, name, role, size, content_type, part_size, part_count, blob_key,
                                 store_upload_id, created_at, touched_at)
            VALUES (:id, :releaseId, :artistId, :name, :role, :size, :contentType, :partSize, :partCount, :blobKey,
                    :storeUploadId, :createdAt, :touchedAt)""")
    void insertUpload(@BindMethods Upload upload);

    @SqlQuery("SELECT * FROM uploads WHERE id = :id")
    Optional<Upload> upload(@Bind("id") String id);

    @SqlQuery("SELECT * FROM uploads WHERE release_id = :releaseId")
    List<Upload> uploadsOf(@Bind("releaseId") String releaseId);

    /** Moves the upload's clock to when its newest part arrived (never back). */
    @SqlUpdate("UPDATE uploads SET touched_at = :at WHERE id = :id AND touched_at < :at")
    void touchUpload(@Bind("id") String id, @Bind("at") Instant at);

    @SqlUpdate("""
            INSERT INTO completed_uploads (upload_id, artist_id, blob_key, completed_at)
            VALUES (:uploadId, :artistId, :blobKey, :at)""")
    void recordCompleted(@Bind("uploadId") String uploadId, @Bind("artistId") String artistId, @Bind("blobKey") String blobKey,
                         @Bind("at") Instant at);

    @SqlUpdate("DELETE FROM completed_uploads WHERE completed_at < :before")
    int forgetCompletedBefore(@Bind("before") Instant before);

    /** The file an upload of this artist turned into, while it still holds that upload's bytes. */
    @SqlQuery("""
            SELECT f.* FROM completed_uploads c JOIN release_files f ON f.blob_key = c.blob_key
            WHERE c.upload_id = :uploadId AND c.artist_id = :artistId""")
    Optional<ReleaseFile> completedFile(@Bind("uploadId") String uploadId, @Bind("artistId") String artistId);

    /** Returns 1 for the one caller that removed it; a second instance gets 0 and leaves it alone. */
    @SqlUpdate("DELETE FROM uploads WHERE id = :id")
    int deleteUpload(@Bind("id") String id);

    /**
     * Locks the upload's row for the transaction completing it (another request waits, then finds
     * it gone); 0 when it is gone already. The mark is seen only inside that transaction, which
     * either deletes the row with the file's creation or rolls back, even when its instance dies.
     */
    @SqlUpdate("UPDATE uploads SET completing_at = :now, touched_at = :now WHERE id = :id")
    int lockForCompletion(@Bind("id") String id, @Bind("now") Instant now);

    @SqlQuery("SELECT store_upload_id FROM uploads")
    List<String> storeUploadIds();

    @SqlQuery("SELECT * FROM uploads WHERE touched_at < :before")
    List<Upload> uploadsIdleSince(@Bind("before") Instant before);
}
