package gatefold.server.http;

import gatefold.server.common.Refusal;
import gatefold.server.security.Tokens;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The stylesheets and scripts of the web module under /static/, read from the classpath once
 * each, on first request. Their names carry no hash, so caches hold them an hour. Served by a
 * plain route because Javalin's classpath static files mount the whole fat jar as a zip file
 * system, which cost a noticeable part of every start.
 */
final class StaticFiles implements RouteGroup {

    private static final String DIRECTORY = "/gatefold/web/static/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(css|js)");
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    /** A file's bytes and the ETag made from them, both read once. */
    private record Loaded(byte[] bytes, String etag) {
        static Loaded of(byte[] bytes) {
            return new Loaded(bytes, "\"" + Tokens.hash(new String(bytes, StandardCharsets.ISO_8859_1)).substring(0, 16) + "\"");
        }
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/static/{name}", this::serve);
        routes.head("/static/{name}", this::serve);
    }

    private void serve(Context ctx) {
        String name = ctx.pathParam("name");
        Loaded file = Optional.of(name).filter(n -> NAME.matcher(n).matches()).flatMap(this::read)
                .orElseThrow(() -> Refusal.notFound("No such file."));
        byte[] bytes = file.bytes();
        String etag = file.etag();
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.header("ETag", etag);
        ctx.contentType(name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
            ctx.status(304);
        } else if (ctx.method().name().equals("HEAD")) {
            ctx.header("Content-Length", Integer.toString(bytes.length));
        } else {
            ctx.result(bytes);
        }
    }

    private Optional<Loaded> read(String name) {
        Loaded cached = loaded.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = StaticFiles.class.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                return Optional.empty();
            }
            Loaded file = Loaded.of(in.readAllBytes());
            loaded.put(name, file);
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
