package gatefold.server.media;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Checks of masters, derived files, and what the media workers can make. */
@RegisterConstructorMapper(MediaCheck.class)
@RegisterConstructorMapper(DerivedFile.class)
@RegisterConstructorMapper(MediaWorkers.Worker.class)
interface MediaDao {

    @SqlQuery("SELECT * FROM file_media WHERE file_id = :fileId AND blob_key = :blobKey")
    Optional<MediaCheck> check(@Bind("fileId") String fileId, @Bind("blobKey") String blobKey);

    @SqlQuery("SELECT * FROM file_media WHERE file_id IN (<fileIds>)")
    List<MediaCheck> checks(@BindList(value = "fileIds", onEmpty = BindList.EmptyHandling.NULL_STRING) List<String> fileIds);

    @SqlUpdate("""
            INSERT INTO file_media (file_id, blob_key, state, problem, codec, container, duration_ms, sample_rate, bit_depth,
                                    channels, bitrate, lossless, width, height, checked_at)
            VALUES (:fileId, :blobKey, :state, :problem, :codec, :container, :durationMs, :sampleRate, :bitDepth,
                    :channels, :bitrate, :lossless, :width, :height, :checkedAt)""")
    void insertCheck(@BindMethods MediaCheck check);

    @SqlUpdate("DELETE FROM file_media WHERE file_id = :fileId AND blob_key <> :blobKey")
    void forgetOlderChecks(@Bind("fileId") String fileId, @Bind("blobKey") String blobKey);

    @SqlQuery("SELECT * FROM derived_files WHERE derived_key = :key")
    Optional<DerivedFile> derived(@Bind("key") String key);

    @SqlQuery("SELECT * FROM derived_files WHERE derived_key IN (<keys>)")
    List<DerivedFile> derived(@BindList(value = "keys", onEmpty = BindList.EmptyHandling.NULL_STRING) List<String> keys);

    @SqlQuery("SELECT * FROM derived_files WHERE release_id = :releaseId")
    List<DerivedFile> derivedOfRelease(@Bind("releaseId") String releaseId);

    @SqlQuery("SELECT * FROM derived_files WHERE created_at < :before ORDER BY created_at")
    List<DerivedFile> derivedBefore(@Bind("before") Instant before);

    @SqlUpdate("""
            INSERT INTO derived_files (derived_key, artist_id, release_id, file_id, format, blob_key, size, crc32, sha256, created_at)
            VALUES (:derivedKey, :artistId, :releaseId, :fileId, :format, :blobKey, :size, :crc32, :sha256, :createdAt)""")
    void insertDerived(@BindMethods DerivedFile file);

    @SqlUpdate("DELETE FROM derived_files WHERE derived_key = :key")
    int deleteDerived(@Bind("key") String key);

    @SqlQuery("SELECT COALESCE(SUM(size), 0) FROM derived_files WHERE artist_id = :artistId")
    long derivedBytes(@Bind("artistId") String artistId);

    @SqlQuery("SELECT COUNT(*) FROM derived_files WHERE blob_key = :blobKey")
    int derivedBlobReferences(@Bind("blobKey") String blobKey);

    @SqlUpdate("UPDATE media_workers SET formats = :formats, previews = :previews, tool_version = :toolVersion,"
            + " absence = :absence, seen_at = :seenAt WHERE instance_id = :instanceId")
    int updateWorker(@BindMethods MediaWorkers.Worker worker);

    @SqlUpdate("""
            INSERT INTO media_workers (instance_id, formats, previews, tool_version, absence, seen_at)
            VALUES (:instanceId, :formats, :previews, :toolVersion, :absence, :seenAt)""")
    void insertWorker(@BindMethods MediaWorkers.Worker worker);

    @SqlQuery("SELECT * FROM media_workers WHERE seen_at > :since")
    List<MediaWorkers.Worker> workersSeenSince(@Bind("since") Instant since);

    @SqlUpdate("DELETE FROM media_workers WHERE seen_at < :before")
    void forgetWorkers(@Bind("before") Instant before);
}
