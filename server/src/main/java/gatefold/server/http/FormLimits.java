package gatefold.server.http;

import gatefold.server.common.Refusal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How big a multipart form may be. Javalin parses one whenever a handler asks for a form
 * field, so every route that reads a form (checkout, sign-in, the dashboard) would otherwise
 * take a multipart body of any size and spool it to disk. Here every form is held to
 * {@link #FIELDS} bytes, all in memory; a route that takes a file raises its own limit with
 * {@link #acceptingFiles}. A body declared larger is refused with 413 before a byte is read;
 * one sent without a length is parsed only up to the limit and then refused the same way.
 * A file's bytes beyond {@link #IN_MEMORY} wait in a folder of the request's own under
 * {@code spool}, deleted when the request ends, whether the form was taken or refused.
 */
public final class FormLimits {

    /** A form without files: a few fields, well under this. */
    public static final long FIELDS = 64 * 1024;
    /** Parts up to this size stay in memory; only a file's bytes may reach the disk. */
    static final int IN_MEMORY = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(FormLimits.class);
    private static final String LIMIT = "gatefold.form.limit";
    private static final String FOLDER = "gatefold.form.folder";
    /** Where Javalin and Jetty look for the multipart settings of one request. */
    private static final String JETTY_CONFIG = "org.eclipse.jetty.multipartConfig";

    private final Path spool;

    /** {@code spool}: the folder for parts too big for memory; emptied now, as only a crash leaves anything there. */
    public FormLimits(Path spool) {
        this.spool = spool;
        try {
            Files.createDirectories(spool);
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(spool)) {
                for (Path left : leftovers) {
                    deleteTree(left);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the folder for form uploads at " + spool, e);
        }
    }

    public Path spool() {
        return spool;
    }

    void install(JavalinConfig config) {
        // The default for any request the check below does not see: fields only, nothing on disk.
        config.jetty.multipartConfig.cacheDirectory(spool.toString());
        config.jetty.multipartConfig.maxFileSize(FIELDS, io.javalin.config.SizeUnit.BYTES);
        config.jetty.multipartConfig.maxTotalRequestSize(FIELDS, io.javalin.config.SizeUnit.BYTES);
        config.jetty.multipartConfig.maxInMemoryFileSize((int) FIELDS, io.javalin.config.SizeUnit.BYTES);
        config.routes.beforeMatched(this::check);
        config.routes.after(FormLimits::cleanUp);
        config.routes.exception(ServletException.class, (e, ctx) -> {
            // The parser left the rest of the body unread: this connection cannot carry another request.
            ctx.header("Connection", "close");
            ErrorPages.respond(ctx, refusalFor(e, ctx));
        });
    }

    /**
     * Jetty stops parsing a form at its limit and says so only in the message ("max length
     * exceeded: N"); any other unreadable multipart body is the client's mistake.
     */
    private static Refusal refusalFor(ServletException e, Context ctx) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().contains("exceeded")) {
                Long raised = ctx.attribute(LIMIT);
                return tooLarge(raised != null ? raised : FIELDS);
            }
        }
        return Refusal.badRequest("This form could not be read.");
    }

    /** A before-handler for a route whose form carries a file of up to {@code maxBytes} (the whole body, fields included). */
    public static Handler acceptingFiles(long maxBytes) {
        return ctx -> ctx.attribute(LIMIT, maxBytes);
    }

    private void check(Context ctx) throws IOException {
        if (!ctx.isMultipartFormData()) {
            return;
        }
        Long raised = ctx.attribute(LIMIT);
        long limit = raised != null ? raised : FIELDS;
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        if (raised == null) {
            // Fields only: all in memory, so nothing of it can reach the disk.
            ctx.req().setAttribute(JETTY_CONFIG, new MultipartConfigElement(spool.toString(), limit, limit, (int) limit));
            return;
        }
        // A folder of this request's own, removed when it ends however parsing went.
        Path folder = Files.createTempDirectory(spool, "form-");
        ctx.attribute(FOLDER, folder);
        ctx.req().setAttribute(JETTY_CONFIG, new MultipartConfigElement(folder.toString(), limit, limit, IN_MEMORY));
    }

    private static void cleanUp(Context ctx) {
        Path folder = ctx.attribute(FOLDER);
        if (folder == null) {
            return;
        }
        try {
            deleteTree(folder);
        } catch (IOException e) {
            LOG.warn("could not remove the form upload folder {}: {}", folder, e.getMessage());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    static Refusal tooLarge(long limit) {
        return Refusal.tooLarge("This form is too large: it may be at most " + describe(limit) + ".");
    }

    private static String describe(long bytes) {
        return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MiB" : bytes / 1024 + " KiB";
    }
}
