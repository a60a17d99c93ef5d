package gatefold.server.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gatefold.server.security.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Download links as compact JWS (RFC 7515: HS256 with a kid, claims e, f, o, exp, jti).
 * Signing and verifying are written here rather than done by Nimbus JOSE: verification
 * runs on every click, and Nimbus's parse and claim objects cost more than the rest of
 * the click (docs/ARCHITECTURE.md has the figures). {@code LinkSignerTest} keeps the
 * tokens standard: Nimbus verifies ours, and ours verifies Nimbus's. Verification pins the
 * algorithm, picks the key by kid and checks the MAC before it looks at the claims; every
 * failure looks the same from outside, except a genuine link that has expired.
 */
public final class LinkSigner {

    public static final int MAX_TOKEN_LENGTH = 1000;
    private final LinkKeys keys;

    public LinkSigner(LinkKeys keys) {
        this.keys = keys;
    }

    public String sign(DownloadLink link) {
        LinkKeys.SigningKey key = keys.signingKey();
        ObjectNode header = JSON.createObjectNode().put("kid", key.kid()).put("alg", "HS256");
        ObjectNode claims = JSON.createObjectNode()
                .put("e", link.entitlementId())
                .put("f", link.fileId())
                .put("o", link.format())
                .put("exp", link.expiresAt().getEpochSecond())
                .put("jti", Tokens.randomBase64(9));
        String signingInput = URL_ENCODER.encodeToString(json(header)) + "." + URL_ENCODER.encodeToString(json(claims));
        return signingInput + "." + URL_ENCODER.encodeToString(hmac(key.secret(), signingInput));
    }

    private static byte[] json(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public sealed interface Verdict {
    }

    public record Valid(DownloadLink link) implements Verdict {
    }

    public record Expired(DownloadLink link) implements Verdict {
    }

    public record Invalid() implements Verdict {
    }

    private static final Invalid INVALID = new Invalid();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /**
     * Checks a link the way a fan's click needs it: fast and strict. The header must name
     * HS256 and a known kid and nothing critical; the HMAC is compared in constant time
     * before any claim is read.
     */
    public Verdict verify(String token, Instant now) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return INVALID;
        }
        int headerEnd = token.indexOf('.');
        int payloadEnd = headerEnd < 0 ? -1 : token.indexOf('.', headerEnd + 1);
        if (headerEnd <= 0 || payloadEnd <= headerEnd + 1 || token.indexOf('.', payloadEnd + 1) >= 0) {
            return INVALID;
        }
        try {
            JsonNode header = JSON.readTree(URL_DECODER.decode(token.substring(0, headerEnd)));
            JsonNode kid = header.get("kid");
            if (!header.isObject() || !"HS256".equals(text(header.get("alg"))) || kid == null || !kid.isTextual()
                    || header.has("crit") || header.has("b64")) {
                return INVALID;
            }
            Optional<byte[]> secret = keys.verifyingKey(kid.asText());
            if (secret.isEmpty()) {
                return INVALID;
            }
            byte[] expected = hmac(secret.get(), token.substring(0, payloadEnd));
            // Compared as canonical text, so a signature spelled another way (its last character's
            // unused bits set) is refused and every link has exactly one spelling.
            if (!MessageDigest.isEqual(URL_ENCODER.encode(expected),
                    token.substring(payloadEnd + 1).getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                return INVALID;
            }
            JsonNode claims = JSON.readTree(URL_DECODER.decode(token.substring(headerEnd + 1, payloadEnd)));
            String entitlement = text(claims.get("e"));
            String file = text(claims.get("f"));
            String format = text(claims.get("o"));
            JsonNode exp = claims.get("exp");
            if (entitlement == null || file == null || format == null || exp == null || !exp.canConvertToLong()) {
                return INVALID;
            }
            Instant expires = Instant.ofEpochSecond(exp.asLong());
            DownloadLink link = new DownloadLink(entitlement, file, format, expires);
            return now.isBefore(expires) ? new Valid(link) : new Expired(link);
        } catch (IOException | RuntimeException e) {
            return INVALID;
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static byte[] hmac(byte[] secret, String signingInput) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("link key is unusable", e);
        }
        return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    }
}
