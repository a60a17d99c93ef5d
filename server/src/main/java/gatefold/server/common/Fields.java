package gatefold.server.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a request asked for, as named values with typed, validated reads: the edge reads a
 * JSON body or builds them from a form, services read them without knowing HTTP. Absent and
 * null are told apart, so a change touches only what it names; a wrong type is refused with a
 * message naming the field.
 */
public final class Fields {

    private final ObjectNode node;

    private Fields(ObjectNode node) {
        this.node = node;
    }

    /** The fields of an object, which must not change afterwards. */
    public static Fields of(ObjectNode node) {
        return new Fields(node);
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

    /** The word in {@code field} as one of {@code type}'s constants; refused, naming the words allowed, if it is none. */
    public <E extends Enum<E> & Named> E requiredNamed(String field, Class<E> type) {
        String word = requiredString(field, 40);
        return Named.parse(type, word).orElseThrow(() -> Refusal.invalid("'" + field + "' must be one of "
                + java.util.Arrays.stream(type.getEnumConstants()).map(Named::id).sorted().toList() + "."));
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
