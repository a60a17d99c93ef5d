package gatefold.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the file store's links with HMAC-SHA256. The signature covers the method,
 * key, upload id, part number and length, expiry, download filename and content type, so none
 * of them can be changed without breaking the link.
 */
final class StoreUrlSigner {

    private static final String VERSION = "gatefold-link-v1";
    private static final String HMAC = "HmacSHA256";

    private final String baseUrl;
    private final SecretKeySpec key;

    StoreUrlSigner(URI publicBaseUrl, byte[] signingKey) {
        String base = publicBaseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.key = new SecretKeySpec(signingKey.clone(), HMAC);
    }

    PresignedRequest signGet(BlobKey blob, Instant expiresAt, String filename, String contentType) {
        long expires = expiresAt.getEpochSecond();
        StringBuilder url = new StringBuilder(blobUrl(blob)).append("?expires=").append(expires);
        if (!isBlank(filename)) {
            url.append("&filename=").append(PercentEncoding.encode(filename));
        }
        if (!isBlank(contentType)) {
            url.append("&type=").append(PercentEncoding.encode(contentType));
        }
        url.append("&sig=").append(sign("GET", blob.value(), "", "", expires, filename, contentType));
        return new PresignedRequest("GET", URI.create(url.toString()), Map.of(), Instant.ofEpochSecond(expires));
    }

    PresignedRequest signPart(BlobKey blob, String uploadId, int partNumber, long length, Instant expiresAt) {
        long expires = expiresAt.getEpochSecond();
        String url = blobUrl(blob) + "?uploadId=" + PercentEncoding.encode(uploadId) + "&partNumber=" + partNumber
                + "&length=" + length + "&expires=" + expires
                + "&sig=" + sign("PUT", blob.value(), uploadId, partField(partNumber, length), expires, null, null);
        return new PresignedRequest("PUT", URI.create(url), Map.of(), Instant.ofEpochSecond(expires));
    }

    PresignedAccess verify(String method, String keyPath, Map<String, String> query, Instant now) {
        String verb = method == null ? "" : method.toUpperCase(Locale.ROOT);
        if (verb.equals("HEAD")) {
            verb = "GET";
        }
        String signature = query.get("sig");
        long expires = parseLong(query.get("expires"));
        if (signature == null || keyPath == null) {
            throw new InvalidSignatureException();
        }
        BlobKey blob;
        try {
            blob = new BlobKey(keyPath);
        } catch (InvalidKeyException e) {
            throw new InvalidSignatureException();
        }
        String uploadId = null;
        int partNumber = 0;
        long length = -1;
        String filename = null;
        String contentType = null;
        if (verb.equals("GET")) {
            filename = blankToNull(query.get("filename"));
            contentType = blankToNull(query.get("type"));
        } else if (verb.equals("PUT")) {
            uploadId = query.get("uploadId");
            partNumber = (int) Math.min(Integer.MAX_VALUE, parseLong(query.get("partNumber")));
            length = parseLong(query.get("length"));
            if (isBlank(uploadId)) {
                throw new InvalidSignatureException();
            }
        } else {
            throw new InvalidSignatureException();
        }
        String part = uploadId == null ? "" : partField(partNumber, length);
        String expected = sign(verb, blob.value(), uploadId == null ? "" : uploadId, part, expires, filename, contentType);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidSignatureException();
        }
        Instant expiresAt = Instant.ofEpochSecond(expires);
        if (now.isAfter(expiresAt)) {
            throw new ExpiredSignatureException();
        }
        return new PresignedAccess(blob, uploadId, partNumber, length, filename, contentType, expiresAt);
    }

    /** A part link names its number and its exact length; download links leave the field empty. */
    private static String partField(int partNumber, long length) {
        return partNumber + "/" + length;
    }

    private String blobUrl(BlobKey blob) {
        return baseUrl + "/blobs/" + PercentEncoding.encodePath(blob);
    }

    /** Free text is percent-encoded so a newline in a filename cannot shift the fields. */
    private String sign(String method, String blobKey, String uploadId, String partNumber, long expires,
                        String filename, String contentType) {
        String canonical = String.join("\n", VERSION, method, blobKey, uploadId, partNumber,
                Long.toString(expires), PercentEncoding.encode(nullToEmpty(filename)),
                PercentEncoding.encode(nullToEmpty(contentType)));
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            byte[] digest = mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + HMAC, e);
        }
    }

    private static long parseLong(String text) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            throw new InvalidSignatureException();
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw new InvalidSignatureException();
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidSignatureException();
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isEmpty();
    }

    private static String blankToNull(String text) {
        return isBlank(text) ? null : text;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
