package gatefold.server.books;

import gatefold.server.common.Fields;
import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.Refusal;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The artist's stamping choices for a release: the wording every copy carries, and which
 * book files are stamped. Turning a file's stamping on queues its preparation; the wording
 * needs none (every field is wide enough for any allowed wording).
 */
public final class StampChoices {

    static final Set<String> FIELDS = Set.of("wording", "files");
    private final org.jdbi.v3.core.Jdbi jdbi;
    private final Catalog catalog;
    private final Stamping stamping;

    StampChoices(org.jdbi.v3.core.Jdbi jdbi, Catalog catalog, Stamping stamping) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.stamping = stamping;
    }

    /** {@code wording}: text with NAME or EMAIL (null or "" for the default); {@code files}: {fileId: true|false}. */
    public void change(Release release, Fields body) {
        if (!release.kind().equals("book")) {
            throw Refusal.invalid("Only book releases are stamped with their buyer.");
        }
        Map<String, Boolean> files = files(release, body);
        String wording = body.string("wording", StampText.MAX_WORDING + 1).map(String::strip).orElse("");
        StampText.checkWording(wording);
        Instant now = Instant.now();
        jdbi.useTransaction(h -> {
            StampDao dao = h.attach(StampDao.class);
            if (body.has("wording")) {
                dao.forgetWording(release.id());
                if (!wording.isEmpty() && !wording.equals(StampText.DEFAULT_WORDING)) {
                    dao.insertWording(release.id(), wording, now);
                }
            }
            files.forEach((fileId, stamped) -> {
                dao.forgetChoice(fileId);
                if (!stamped) {
                    dao.insertChoice(fileId, release.id(), false, now);
                }
            });
        });
        stamping.plan(release.id());
    }

    private Map<String, Boolean> files(Release release, Fields body) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        JsonNode node = body.raw("files").orElse(null);
        if (node == null) {
            return out;
        }
        if (!node.isObject() || node.size() > 1000) {
            throw Refusal.invalid("'files' must be an object of file ids to true (stamped) or false.");
        }
        Map<String, ReleaseFile> books = new LinkedHashMap<>();
        catalog.files(release).stream().filter(f -> BookTypes.stampable(release, f)).forEach(f -> books.put(f.id(), f));
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!books.containsKey(entry.getKey())) {
                throw Refusal.invalid("'" + entry.getKey() + "' is not a PDF or EPUB file of this release.");
            }
            if (!entry.getValue().isBoolean()) {
                throw Refusal.invalid("'files' values must be true (stamped) or false.");
            }
            out.put(entry.getKey(), entry.getValue().booleanValue());
        }
        return out;
    }
}
