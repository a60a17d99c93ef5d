package gatefold.server.delivery;

import gatefold.server.common.Refusal;
import gatefold.server.http.RouteGroup;
import gatefold.storage.BlobInfo;
import gatefold.storage.ExpiredSignatureException;
import gatefold.storage.BlobStore;
import gatefold.storage.InvalidSignatureException;
import gatefold.storage.LengthMismatchException;
import gatefold.storage.NoSuchBlobException;
import gatefold.storage.NoSuchUploadException;
import gatefold.storage.PartInfo;
import gatefold.storage.PresignedAccess;
import gatefold.storage.SelfServedUrls;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Serves the local store's presigned URLs: GET/HEAD of a blob and PUT of an upload part,
 * each allowed only with a valid, unexpired HMAC signature made by the store itself.
 */
public final class StoreLinkRoutes implements RouteGroup {

    static final String PREFIX = "/blobs/";
    private final BlobStore store;
    private final SelfServedUrls urls;

    public StoreLinkRoutes(BlobStore store, SelfServedUrls urls) {
        this.store = store;
        this.urls = urls;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(PREFIX + "*", this::download);
        routes.head(PREFIX + "*", this::download);
        routes.put(PREFIX + "*", this::uploadPart);
    }

    private void download(Context ctx) throws Exception {
        PresignedAccess access = verify(ctx, "GET");
        if (access.uploadId() != null) {
            throw Refusal.forbidden("This link is not valid.");
        }
        BlobInfo info = store.head(access.key()).orElseThrow(() -> Refusal.notFound("This file is no longer here."));
        String type = access.contentType() != null ? access.contentType() : info.contentType();
        BlobResponse.send(ctx, store, info, type, access.downloadFilename());
    }

    /**
     * A part takes exactly the length its link was signed for: a larger Content-Length is
     * refused before a byte is read, and a chunked body is read no further than one byte past
     * it. Either way nothing is stored.
     */
    private void uploadPart(Context ctx) {
        PresignedAccess access = verify(ctx, "PUT");
        if (access.uploadId() == null) {
            throw Refusal.forbidden("This link is not valid.");
        }
        long expected = access.partLength();
        long declared = ctx.req().getContentLengthLong();
        if (declared > expected) {
            throw Refusal.tooLarge("This part must be exactly " + expected + " bytes; the request has " + declared + ".");
        }
        if (declared >= 0 && declared < expected) {
            throw Refusal.badRequest("This part must be exactly " + expected + " bytes; the request has " + declared + ".");
        }
        CountingInputStream body = new CountingInputStream(ctx.bodyInputStream());
        try {
            PartInfo part = store.uploadPart(access.key(), access.uploadId(), access.partNumber(), body, expected);
            ctx.header("ETag", "\"" + part.etag() + "\"");
            ctx.status(200).json(Map.of("partNumber", part.partNumber(), "etag", part.etag(), "size", part.size()));
        } catch (NoSuchUploadException e) {
            throw Refusal.notFound("This upload no longer exists; start it again.");
        } catch (LengthMismatchException e) {
            String message = "This part must be exactly " + expected + " bytes.";
            throw body.count() > expected ? Refusal.tooLarge(message) : Refusal.badRequest(message + " The body ended early.");
        }
    }

    private PresignedAccess verify(Context ctx, String method) {
        String raw = ctx.req().getRequestURI();
        String keyPath = decodePath(raw.substring(raw.indexOf(PREFIX) + PREFIX.length()));
        Map<String, String> query = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> {
            if (v.size() == 1) {
                query.put(k, v.get(0));
            }
        });
        try {
            return urls.verifyPresigned(method, keyPath, query, Instant.now());
        } catch (ExpiredSignatureException e) {
            throw Refusal.forbidden("This link has expired; ask for a fresh one.");
        } catch (InvalidSignatureException | IllegalArgumentException e) {
            throw Refusal.forbidden("This link is not valid.");
        } catch (NoSuchBlobException e) {
            throw Refusal.notFound("This file is no longer here.");
        }
    }

    /** Percent-decoding for a path: unlike form decoding, '+' stays a plus. */
    static String decodePath(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
