package gatefold.server.http;

import gatefold.server.common.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON object request body with typed, validated fields. Absent and null are told
 * apart, so PATCH changes only what it names; unknown fields and wrong types are refused
 * with a message naming the field.
 */
public final class JsonBody {

    private static final ObjectMapper MAPPER = Json.mapper();
    public static final int MAX_BYTES = 256 * 1024;
    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    public static JsonBody of(Context ctx, Set<String> allowed) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BYTES) {
            throw Refusal.tooLarge("The JSON body is larger than " + MAX_BYTES / 1024 + " KiB.");
        }
        byte[] bytes;
        try {
            bytes = ctx.bodyInputStream().readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw Refusal.badRequest("The request body could not be read.");
        }
        if (bytes.length > MAX_BYTES) {
            throw Refusal.tooLarge("The JSON body is larger than " + MAX_BYTES / 1024 + " KiB.");
        }
        return parse(bytes, allowed);
    }

    public static JsonBody parse(byte[] bytes, Set<String> allowed) {
        JsonNode parsed;
        try {
            parsed = bytes.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw Refusal.badRequest("The request body is not valid JSON.");
        }
        if (parsed == null || !parsed.isObject()) {
            throw Refusal.badRequest("The request body must be a JSON object.");
        }
        Iterator<String> names = parsed.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw Refusal.invalid("Unknown field '" + name + "'.");
            }
        }
        return new JsonBody((ObjectNode) parsed);
    }

    public boolean has(String field) {
        return node.has(field);
    }

    public boolean isNull(String field) {
        return node.has(field) && node.get(field).isNull();
    }

    public Optional<String> string(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw Refusal.invalid("'" + field + "' must be a string.");
        }
        String text = value.textValue();
        if (text.length() > maxLength) {
            throw Refusal.invalid("'" + field + "' is longer than " + maxLength + " characters.");
        }
        return Optional.of(text);
    }

    public String requiredString(String field, int maxLength) {
        String text = string(field, maxLength).orElseThrow(() -> Refusal.invalid("'" + field + "' is required."));
        if (text.isBlank()) {
            throw Refusal.invalid("'" + field + "' must not be empty.");
        }
        return text;
    }

    public Optional<Long> integer(String field, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw Refusal.invalid("'" + field + "' must be a whole number.");
        }
        long n = value.longValue();
        if (n < min || n > max) {
            throw Refusal.invalid("'" + field + "' must be between " + min + " and " + max + ".");
        }
        return Optional.of(n);
    }

    public Optional<JsonNode> raw(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    public Optional<List<String>> strings(String field, int maxItems, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray() || value.size() > maxItems) {
            throw Refusal.invalid("'" + field + "' must be a list of at most " + maxItems + " strings.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.textValue().length() > maxLength) {
                throw Refusal.invalid("'" + field + "' must hold strings of at most " + maxLength + " characters.");
            }
            out.add(item.textValue());
        }
        return Optional.of(out);
    }
}
