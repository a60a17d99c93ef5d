package gatefold.server.dashboard;

import gatefold.server.common.Fields;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseStatus;
import gatefold.server.common.Money;
import gatefold.server.common.Refusal;
import gatefold.web.views.dashboard.ReleaseFields;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The release form: turns posted fields into the same body the JSON API takes (so the
 * catalog checks both the same way), and a release or a refused post back into fields.
 */
final class ReleaseForm {

    static final List<String> KINDS = List.of("music", "book", "film", "other");
    static final List<String> PRICINGS = List.of("fixed", "pwyw", "free");
    static final List<String> STATUSES = Arrays.stream(ReleaseStatus.values()).map(ReleaseStatus::id).toList();
    static final List<String> LICENCES = List.of("all-rights-reserved", "cc0", "cc-by", "cc-by-sa", "cc-by-nd", "cc-by-nc",
            "cc-by-nc-sa", "cc-by-nc-nd");

    private ReleaseForm() {
    }

    /** The posted form as an API body; empty optional fields clear their value. */
    static Fields body(Context ctx, boolean creating) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        text(ctx, node, "title", true);
        text(ctx, node, "kind", false);
        text(ctx, node, "pricing", false);
        text(ctx, node, "currency", false);
        text(ctx, node, "licence", false);
        text(ctx, node, "status", false);
        text(ctx, node, "description", true);
        text(ctx, node, "credits", true);
        if (!creating) {
            text(ctx, node, "slug", false);
        }
        String pricing = param(ctx, "pricing");
        if ("free".equals(pricing)) {
            node.putNull("price");
            node.putNull("minPrice");
        } else {
            nullable(ctx, node, "price");
            nullable(ctx, node, "minPrice");
        }
        nullable(ctx, node, "releaseDate");
        String limit = param(ctx, "downloadLimit");
        if (limit == null || limit.isBlank()) {
            node.putNull("downloadLimit");
        } else {
            try {
                node.put("downloadLimit", Long.parseLong(limit.strip()));
            } catch (NumberFormatException e) {
                throw Refusal.invalid("The download limit must be a whole number (or empty for no limit).");
            }
        }
        return Fields.of(node);
    }

    /** A body that only sets the order of the tracks. */
    static Fields trackOrder(List<String> fileIds) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        fileIds.forEach(node.putArray("trackOrder")::add);
        return Fields.of(node);
    }

    /** A file's new name, as the file API takes it. */
    static Fields rename(String name) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("name", name);
        return Fields.of(node);
    }

    /**
     * The formats fans get and the genre in their tags, as the API's PATCH takes them: the
     * default set (every format but the original) is sent as null, so a format added to
     * Gatefold later is offered too; nothing ticked is sent as an empty list, which is refused.
     */
    static Fields formats(List<String> ticked, Set<String> defaults, String genre) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (new java.util.HashSet<>(ticked).equals(defaults)) {
            node.putNull("formats");
        } else {
            ticked.forEach(node.putArray("formats")::add);
        }
        node.put("genre", genre == null ? "" : genre.strip());
        return Fields.of(node);
    }

    /** A track's title as the file API takes it; empty goes back to the title taken from the file name. */
    static Fields title(String title) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (title == null || title.isBlank()) {
            node.putNull("title");
        } else {
            node.put("title", title.strip());
        }
        return Fields.of(node);
    }

    /** A file's pre-order flag as the file API takes it. */
    static Fields availableNow(boolean now) {
        return Fields.of(JsonNodeFactory.instance.objectNode().put("availableNow", now));
    }

    /** A body that only sets the status. */
    static Fields status(String status) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("status", status);
        return Fields.of(node);
    }

    static ReleaseFields of(Release r) {
        return new ReleaseFields(r.title(), r.slug(), r.description(), r.price().map(Money::amount).orElse(""),
                r.minPrice().map(Money::amount).orElse(""), r.currency(),
                r.releaseDate() == null ? "" : r.releaseDate().toString(), r.credits(),
                r.downloadLimit() == null ? "" : r.downloadLimit().toString(), Dashboard.choices(KINDS, r.kind()),
                Dashboard.choices(PRICINGS, r.pricing()), Dashboard.choices(LICENCES, r.licence()),
                Dashboard.choices(STATUSES, r.status().id()));
    }

    static ReleaseFields blank(String currency) {
        return new ReleaseFields("", "", "", "", "", currency, "", "", "", Dashboard.choices(KINDS, "music"),
                Dashboard.choices(PRICINGS, "fixed"), Dashboard.choices(LICENCES, "all-rights-reserved"),
                Dashboard.choices(STATUSES, ReleaseStatus.DRAFT.id()));
    }

    /** What the artist typed, shown again above the reason it was refused. */
    static ReleaseFields typed(Context ctx) {
        return new ReleaseFields(or(ctx, "title"), or(ctx, "slug"), or(ctx, "description"), or(ctx, "price"),
                or(ctx, "minPrice"), or(ctx, "currency"), or(ctx, "releaseDate"), or(ctx, "credits"), or(ctx, "downloadLimit"),
                Dashboard.choices(KINDS, or(ctx, "kind")), Dashboard.choices(PRICINGS, or(ctx, "pricing")),
                Dashboard.choices(LICENCES, or(ctx, "licence")), Dashboard.choices(STATUSES, or(ctx, "status")));
    }

    private static String or(Context ctx, String name) {
        return Optional.ofNullable(param(ctx, name)).orElse("");
    }

    private static String param(Context ctx, String name) {
        return ctx.formParam(name);
    }

    private static void text(Context ctx, ObjectNode node, String name, boolean keepEmpty) {
        String value = param(ctx, name);
        if (value != null && (keepEmpty || !value.isBlank())) {
            // Browsers send CRLF in text areas; store plain newlines.
            node.put(name, keepEmpty ? value.replace("\r\n", "\n") : value.strip());
        }
    }

    private static void nullable(Context ctx, ObjectNode node, String name) {
        String value = param(ctx, name);
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            node.putNull(name);
        } else {
            node.put(name, value.strip());
        }
    }
}
