package gatefold.storage;

import java.net.URI;

/**
 * Where an S3-compatible store lives and how to sign in to it.
 *
 * @param endpoint  null for AWS itself; set for R2, B2, MinIO, Garage and the like
 * @param region    "us-east-1" when blank; R2 wants "auto"
 * @param accessKey with {@code secretKey}: static credentials; both blank: the default AWS provider chain
 * @param pathStyle {@code https://host/bucket/key} instead of {@code https://bucket.host/key}
 */
public record S3Settings(URI endpoint, String region, String bucket, String accessKey, String secretKey,
                         boolean pathStyle) {

    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("an S3 store needs a bucket (GATEFOLD_S3_BUCKET)");
        }
        region = region == null || region.isBlank() ? "us-east-1" : region.trim();
        accessKey = blankToNull(accessKey);
        secretKey = blankToNull(secretKey);
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException(
                    "set both GATEFOLD_S3_ACCESS_KEY and GATEFOLD_S3_SECRET_KEY, or neither");
        }
    }

    public boolean hasStaticCredentials() {
        return accessKey != null;
    }

    /** Never prints the secret key, so settings can be logged. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket
                + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? null : "***")
                + ", pathStyle=" + pathStyle + "]";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
