package gatefold.server.books;

import gatefold.server.common.Named;
import java.time.Instant;
import java.util.List;

/**
 * What preparing one book file for stamping gave, as stored: ready, with the template and
 * the blob copies are cut from ({@code baseKey}, the master's own key or a rewritten copy),
 * or failed, with the reason the artist reads.
 */
public record PreparedStamp(String fileId, String blobKey, String releaseId, State state, String reason, String notes,
                            byte[] template, String baseKey, Long copyLength, Instant preparedAt) {

    public enum State implements Named { READY, FAILED }

    static PreparedStamp ready(String fileId, String blobKey, String releaseId, PreparedBook book, String baseKey, Instant at) {
        return new PreparedStamp(fileId, blobKey, releaseId, State.READY, null, String.join("\n", book.notes()),
                book.template().toBytes(), baseKey, book.template().copyLength(), at);
    }

    static PreparedStamp failed(String fileId, String blobKey, String releaseId, String reason, Instant at) {
        return new PreparedStamp(fileId, blobKey, releaseId, State.FAILED, reason, null, null, null, null, at);
    }

    public boolean ready() {
        return state == State.READY;
    }

    /** What preparation changed, one note a line (a repaired index, restrictions removed). */
    public List<String> noteLines() {
        return notes == null || notes.isBlank() ? List.of() : List.of(notes.split("\n"));
    }
}
