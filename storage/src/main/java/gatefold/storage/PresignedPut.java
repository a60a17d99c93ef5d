package gatefold.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Uploads a body to a plain-http S3 endpoint, such as a MinIO or S3Proxy beside the server.
 * Over http the SDK signs every chunk of a body and the service checks each signature; on
 * a small server that CPU, not the network, then limits how fast a musician's upload goes.
 * A presigned URL signs the request but not the payload (UNSIGNED-PAYLOAD, as the SDK sends
 * over https), and the body streams through as is. Failures are thrown as the SDK's own
 * exceptions, so they translate the same way.
 */
final class PresignedPut {

    private static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;
    private static final int COPY_BUFFER = 128 * 1024;

    private final S3Presigner presigner;
    private final String bucket;

    PresignedPut(S3Presigner presigner, String bucket) {
        this.presigner = presigner;
        this.bucket = bucket;
    }

    /** Stores exactly {@code length} bytes of {@code body} and returns the quoted ETag. */
    String putObject(String key, String contentType, InputStream body, long length) {
        return send(presigner.presignPutObject(r -> r.signatureDuration(LIFETIME)
                .putObjectRequest(p -> p.bucket(bucket).key(key).contentType(contentType))), body, length);
    }

    /** Stores exactly {@code length} bytes of {@code body} as one part and returns its quoted ETag. */
    String uploadPart(String key, String uploadId, int partNumber, InputStream body, long length) {
        return send(presigner.presignUploadPart(r -> r.signatureDuration(LIFETIME)
                .uploadPartRequest(p -> p.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber))),
                body, length);
    }

    private static String send(PresignedRequest request, InputStream body, long length) {
        HttpURLConnection connection = null;
        boolean answered = false;
        try {
            connection = (HttpURLConnection) request.url().openConnection();
            connection.setRequestMethod("PUT");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(length);
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout(READ_TIMEOUT_MILLIS);
            for (Map.Entry<String, List<String>> header : request.signedHeaders().entrySet()) {
                if (!header.getKey().equalsIgnoreCase("host")) {
                    connection.setRequestProperty(header.getKey(), String.join(",", header.getValue()));
                }
            }
            OutputStream out = connection.getOutputStream();
            copy(body, out);
            out.close();
            int status = connection.getResponseCode();
            if (status / 100 != 2) {
                throw serviceError(connection, status);
            }
            try (InputStream response = connection.getInputStream()) {
                response.readAllBytes();
            }
            answered = true;
            return connection.getHeaderField("ETag");
        } catch (IOException e) {
            throw SdkClientException.builder().message(e.getMessage()).cause(e).build();
        } finally {
            if (!answered && connection != null) {
                // A body cut short must never look complete to S3, so the connection goes.
                connection.disconnect();
            }
        }
    }

    private static SdkException serviceError(HttpURLConnection connection, int status) throws IOException {
        String text = "";
        try (InputStream error = connection.getErrorStream()) {
            if (error != null) {
                text = new String(error.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return S3Failures.serviceError(status, text);
    }

    /** Copies in fewer, bigger socket writes than {@link InputStream#transferTo}'s 8 KiB. */
    private static void copy(InputStream body, OutputStream out) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        int n;
        while ((n = body.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
        }
    }
}
