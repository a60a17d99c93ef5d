package gatefold.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import gatefold.server.db.Database;
import gatefold.server.db.TestDatabases;
import gatefold.server.security.MasterKey;
import gatefold.server.security.SecretBox;
import gatefold.server.security.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gatefold signs and verifies download links itself, for speed; this keeps them standard
 * compact JWS: Nimbus JOSE verifies the links Gatefold signs, and Gatefold verifies links
 * Nimbus signs with the same key.
 */
class LinkSignerTest {

    static Database database;
    static LinkKeys keys;
    static LinkSigner signer;

    @BeforeAll
    static void start() {
        database = TestDatabases.h2();
        keys = new LinkKeys(database.jdbi(), new SecretBox(MasterKey.load(Optional.of(java.util.Base64.getEncoder().encodeToString(Tokens.randomBytes(32))), null))).ensure();
        signer = new LinkSigner(keys);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void nimbusVerifiesTheLinksGatefoldSigns() throws Exception {
        Instant expires = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String token = signer.sign(new DownloadLink("ent_1", "fil_1", "flac", expires));
        SignedJWT jwt = SignedJWT.parse(token);
        LinkKeys.SigningKey key = keys.signingKey();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(key.kid());
        assertThat(jwt.verify(new MACVerifier(key.secret()))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getStringClaim("e")).isEqualTo("ent_1");
        assertThat(claims.getStringClaim("f")).isEqualTo("fil_1");
        assertThat(claims.getStringClaim("o")).isEqualTo("flac");
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(expires);
        assertThat(claims.getJWTID()).isNotBlank();
    }

    @Test
    void gatefoldVerifiesLinksNimbusSignsAndItsOwn() throws Exception {
        LinkKeys.SigningKey key = keys.signingKey();
        Instant expires = Instant.now().plus(Duration.ofHours(1));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.kid()).build(),
                new JWTClaimsSet.Builder().claim("e", "ent_2").claim("f", "fil_2").claim("o", "original")
                        .expirationTime(Date.from(expires)).build());
        jwt.sign(new MACSigner(key.secret()));
        LinkSigner.Verdict verdict = signer.verify(jwt.serialize(), Instant.now());
        assertThat(verdict).isInstanceOf(LinkSigner.Valid.class);
        assertThat(((LinkSigner.Valid) verdict).link().entitlementId()).isEqualTo("ent_2");

        String own = signer.sign(new DownloadLink("ent_3", "fil_3", "original", expires));
        assertThat(signer.verify(own, Instant.now())).isInstanceOf(LinkSigner.Valid.class);
        assertThat(signer.verify(own, expires.plusSeconds(1))).isInstanceOf(LinkSigner.Expired.class);
        // Two links for the same file differ (each has its own id).
        assertThat(signer.sign(new DownloadLink("ent_3", "fil_3", "original", expires))).isNotEqualTo(own);
    }
}
