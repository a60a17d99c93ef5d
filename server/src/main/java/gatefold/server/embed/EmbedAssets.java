package gatefold.server.embed;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A script or stylesheet from the web module, read once. Short cache: artists paste the
 * script tag once and a new Gatefold version should reach their pages within minutes.
 */
final class EmbedAssets {

    private final byte[] bytes;
    private final String contentType;

    private EmbedAssets(byte[] bytes, String contentType) {
        this.bytes = bytes;
        this.contentType = contentType;
    }

    static EmbedAssets load(String name, String contentType) {
        String path = "/gatefold/web/static/" + name;
        try (InputStream in = EmbedAssets.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the web module");
            }
            return new EmbedAssets(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void serve(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.contentType(contentType).result(bytes);
    }
}
