package gatefold.server.delivery;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import gatefold.server.security.Tokens;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Download links as compact JWS (HS256 with a kid). Verification pins the algorithm,
 * picks the key by kid, and only then looks at the claims; every failure looks the same
 * from outside, except a genuine link that has expired.
 */
public final class LinkSigner {

    public static final int MAX_TOKEN_LENGTH = 1000;
    private final LinkKeys keys;

    public LinkSigner(LinkKeys keys) {
        this.keys = keys;
    }

    public String sign(DownloadLink link) {
        LinkKeys.SigningKey key = keys.signingKey();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("e", link.entitlementId())
                .claim("f", link.fileId())
                .claim("o", link.format())
                .expirationTime(Date.from(link.expiresAt()))
                .jwtID(Tokens.randomBase64(9))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.kid()).build(), claims);
        try {
            jwt.sign(new MACSigner(key.secret()));
        } catch (JOSEException e) {
            throw new IllegalStateException("link key is unusable", e);
        }
        return jwt.serialize();
    }

    public sealed interface Verdict {
    }

    public record Valid(DownloadLink link) implements Verdict {
    }

    public record Expired(DownloadLink link) implements Verdict {
    }

    public record Invalid() implements Verdict {
    }

    public Verdict verify(String token, Instant now) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return new Invalid();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null
                    || jwt.getHeader().getCriticalParams() != null) {
                return new Invalid();
            }
            Optional<byte[]> secret = keys.verifyingKey(jwt.getHeader().getKeyID());
            if (secret.isEmpty() || !jwt.verify(new MACVerifier(secret.get()))) {
                return new Invalid();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            String entitlement = claims.getStringClaim("e");
            String file = claims.getStringClaim("f");
            String format = claims.getStringClaim("o");
            Date exp = claims.getExpirationTime();
            if (entitlement == null || file == null || format == null || exp == null) {
                return new Invalid();
            }
            DownloadLink link = new DownloadLink(entitlement, file, format, exp.toInstant());
            return now.isBefore(exp.toInstant()) ? new Valid(link) : new Expired(link);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return new Invalid();
        }
    }
}
