package gatefold.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedUploadPartRequest;

/** Presigned S3 requests as plain {@link PresignedRequest}s: a download for a fan, a part for an uploading browser. */
final class S3Presigning {

    private final S3Presigner presigner;
    private final String bucket;

    S3Presigning(S3Presigner presigner, String bucket) {
        this.presigner = presigner;
        this.bucket = bucket;
    }

    PresignedRequest get(BlobKey key, Duration lifetime, String downloadFilename, String contentType) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key.value());
        if (downloadFilename != null && !downloadFilename.isEmpty()) {
            request.responseContentDisposition(ContentDisposition.attachment(downloadFilename));
        }
        if (contentType != null && !contentType.isEmpty()) {
            request.responseContentType(contentType);
        }
        PresignedGetObjectRequest presigned = presigner.presignGetObject(
                r -> r.signatureDuration(lifetime).getObjectRequest(request.build()));
        return new PresignedRequest("GET", uri(presigned.url()), headers(presigned.signedHeaders()), presigned.expiration());
    }

    /** Content-Length becomes a signed header: S3 refuses a body of any other length. */
    PresignedRequest part(BlobKey key, String uploadId, int partNumber, long length, Duration lifetime) {
        PresignedUploadPartRequest presigned = presigner.presignUploadPart(r -> r.signatureDuration(lifetime).uploadPartRequest(
                p -> p.bucket(bucket).key(key.value()).uploadId(uploadId).partNumber(partNumber).contentLength(length)));
        return new PresignedRequest("PUT", uri(presigned.url()), headers(presigned.signedHeaders()), presigned.expiration());
    }

    private static URI uri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK presigned an invalid URL", e);
        }
    }

    /**
     * The headers a plain client must send. Host and Content-Length are left out: every client
     * sets them from the URL and the body (browsers refuse to set them), and both are signed.
     */
    private static Map<String, String> headers(Map<String, List<String>> signed) {
        Map<String, String> headers = new LinkedHashMap<>();
        signed.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                headers.put(name, String.join(",", values));
            }
        });
        return Map.copyOf(headers);
    }
}
