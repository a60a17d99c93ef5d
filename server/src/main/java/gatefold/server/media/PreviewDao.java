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

/** The artist's preview choice per track; a track without a row has the default clip. */
@RegisterConstructorMapper(PreviewDao.Row.class)
interface PreviewDao {

    record Row(String fileId, String mode, Long startMs, Long lengthMs, Instant updatedAt) {
        PreviewChoice choice() {
            return PreviewChoice.of(mode, startMs, lengthMs);
        }

        static Row of(String fileId, PreviewChoice choice, Instant at) {
            return new Row(fileId, choice.mode().id(), choice.start() == null ? null : choice.start().toMillis(),
                    choice.mode() == PreviewChoice.Mode.CLIP ? choice.length().toMillis() : null, at);
        }
    }

    @SqlQuery("SELECT * FROM track_previews WHERE file_id = :fileId")
    Optional<Row> row(@Bind("fileId") String fileId);

    @SqlQuery("SELECT * FROM track_previews WHERE file_id IN (<fileIds>)")
    List<Row> rows(@BindList(value = "fileIds", onEmpty = BindList.EmptyHandling.NULL_STRING) List<String> fileIds);

    @SqlUpdate("UPDATE track_previews SET mode = :mode, start_ms = :startMs, length_ms = :lengthMs, updated_at = :updatedAt"
            + " WHERE file_id = :fileId")
    int update(@BindMethods Row row);

    @SqlUpdate("INSERT INTO track_previews (file_id, mode, start_ms, length_ms, updated_at)"
            + " VALUES (:fileId, :mode, :startMs, :lengthMs, :updatedAt)")
    void insert(@BindMethods Row row);
}
