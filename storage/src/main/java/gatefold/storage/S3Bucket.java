package gatefold.storage;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The bucket an S3 store writes to: checked at start, created when asked, every failure naming its setting. */
final class S3Bucket {

    private S3Bucket() {
    }

    /** Fails with the setting to fix unless the bucket exists (or was just created) and accepts the credentials. */
    static void check(S3Client client, S3Settings settings, boolean createBucket) {
        String bucket = settings.bucket();
        try {
            client.headBucket(r -> r.bucket(bucket));
        } catch (NoSuchBucketException e) {
            missingBucket(client, settings, createBucket);
        } catch (S3Exception e) {
            switch (e.statusCode()) {
                case 404 -> missingBucket(client, settings, createBucket);
                case 401, 403 -> throw new StoreUnavailableException("S3 at " + endpoint(settings) + " refused access to bucket \""
                        + bucket + "\" (HTTP " + e.statusCode()
                        + "): check GATEFOLD_S3_ACCESS_KEY and GATEFOLD_S3_SECRET_KEY", e);
                case 301 -> throw new StoreUnavailableException("S3 bucket \"" + bucket + "\" is not in region \""
                        + settings.region() + "\": check GATEFOLD_S3_REGION", e);
                default -> throw new StoreUnavailableException("S3 at " + endpoint(settings) + " answered HTTP "
                        + e.statusCode() + " for bucket \"" + bucket + "\"", e);
            }
        } catch (SdkClientException e) {
            throw new StoreUnavailableException("cannot reach S3 at " + endpoint(settings)
                    + ": check GATEFOLD_S3_ENDPOINT (" + S3Failures.rootMessage(e) + ")", e);
        }
    }

    private static void missingBucket(S3Client client, S3Settings settings, boolean createBucket) {
        if (!createBucket) {
            throw new StoreUnavailableException("S3 bucket \"" + settings.bucket() + "\" does not exist at " + endpoint(settings)
                    + ": check GATEFOLD_S3_BUCKET, or set GATEFOLD_S3_CREATE_BUCKET=true to create it");
        }
        try {
            client.createBucket(r -> {
                r.bucket(settings.bucket());
                // Only AWS itself wants a location outside us-east-1; other services reject or ignore it.
                if (settings.endpoint() == null && !settings.region().equals("us-east-1")) {
                    r.createBucketConfiguration(c -> c.locationConstraint(settings.region()));
                }
            });
        } catch (SdkException e) {
            throw new StoreUnavailableException("could not create S3 bucket \"" + settings.bucket() + "\" at "
                    + endpoint(settings) + ": " + S3Failures.rootMessage(e), e);
        }
    }

    static String endpoint(S3Settings settings) {
        return settings.endpoint() != null ? settings.endpoint().toString() : "AWS region " + settings.region();
    }
}
