package gatefold.storage;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns what the AWS SDK throws into the store's own exceptions. */
final class S3Failures {

    private S3Failures() {
    }

    /** For calls on a multipart upload, where any 404 means the upload is not there. */
    static RuntimeException translateForUpload(SdkException e, String action, String endpoint) {
        RuntimeException translated = translate(e, action, endpoint);
        if (translated instanceof NoSuchBlobException
                || (e instanceof AwsServiceException service && service.statusCode() == 404)) {
            return new NoSuchUploadException(translated.getMessage(), e);
        }
        return translated;
    }

    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");

    /** An error answer read without the SDK (its status and XML text) as the SDK would have thrown it. */
    static S3Exception serviceError(int status, String text) {
        Matcher code = CODE.matcher(text);
        String errorCode = code.find() ? code.group(1) : null;
        return (S3Exception) S3Exception.builder()
                .statusCode(status)
                .message("HTTP " + status + (errorCode == null ? "" : " " + errorCode))
                .awsErrorDetails(AwsErrorDetails.builder().serviceName("S3").errorCode(errorCode).build())
                .build();
    }

    static RuntimeException translate(SdkException e, String action, String endpoint) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            int status = service.statusCode();
            String detail = "S3 could not " + action + ": " + (code == null ? "" : code + " ") + "(HTTP " + status + ")";
            if ("NoSuchKey".equals(code)) {
                return new NoSuchBlobException(detail, e);
            }
            if ("NoSuchUpload".equals(code)) {
                return new NoSuchUploadException(detail, e);
            }
            if ("InvalidPart".equals(code) || "InvalidPartOrder".equals(code) || "EntityTooSmall".equals(code)) {
                return new InvalidPartException(detail, e);
            }
            if ("InvalidRange".equals(code) || status == 416) {
                return new IllegalArgumentException(detail, e);
            }
            if (status >= 500 || status == 429) {
                return new StoreUnavailableException(detail, e);
            }
            if ((status == 401 || status == 403) && !"AccessDenied".equals(code)) {
                // Rotated or revoked keys make every call fail: the store is down, not the request.
                return new StoreUnavailableException(detail + ": check GATEFOLD_S3_ACCESS_KEY and GATEFOLD_S3_SECRET_KEY", e);
            }
            return new StoreException(detail, e);
        }
        if (e instanceof SdkClientException && causedByIo(e)) {
            return new StoreUnavailableException("cannot reach S3 at " + endpoint + " to " + action + ": "
                    + rootMessage(e), e);
        }
        return new StoreException("S3 could not " + action + ": " + e.getMessage(), e);
    }

    static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
