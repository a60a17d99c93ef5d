package gatefold.storage;

import java.time.Instant;
import java.util.Map;

/**
 * The presigned URLs of a store that has no server of its own (the local disk): they point
 * back at Gatefold, which checks each one here before serving the blob or taking a part.
 */
public interface SelfServedUrls {

    /** The access a presigned URL grants, or an exception when its signature is wrong or expired. */
    PresignedAccess verifyPresigned(String method, String keyPath, Map<String, String> query, Instant now);
}
