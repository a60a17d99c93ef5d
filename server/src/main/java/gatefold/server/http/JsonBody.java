package gatefold.server.http;

import gatefold.server.common.Fields;
import gatefold.server.common.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads a JSON object request body into {@link Fields}: bounded in size, refused when it is
 * not an object or names a field the route does not take. Services get the fields, never
 * the request.
 */
public final class JsonBody {

    private static final ObjectMapper MAPPER = Json.mapper();
    public static final int MAX_BYTES = 256 * 1024;

    private JsonBody() {
    }

    public static Fields of(Context ctx, Set<String> allowed) {
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

    public static Fields parse(byte[] bytes, Set<String> allowed) {
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
        return Fields.of((ObjectNode) parsed);
    }
}
