package gatefold.server.accounts;

import gatefold.server.security.InstanceSettings;
import gatefold.server.security.Tokens;
import java.util.Optional;

/**
 * The operator's bearer token for admin calls such as creating artists. Either set by
 * GATEFOLD_ADMIN_TOKEN, or generated at first start: shown once, and only its hash kept.
 */
public final class AdminToken {

    private static final String SETTING = "admin_token_sha256";
    private final Optional<String> configuredHash;
    private final InstanceSettings settings;

    private AdminToken(Optional<String> configuredHash, InstanceSettings settings) {
        this.configuredHash = configuredHash;
        this.settings = settings;
    }

    /**
     * Prepares the admin token; returns the token itself only when it was generated just
     * now, so the caller can show it exactly once.
     */
    public static Setup setUp(Optional<String> configured, InstanceSettings settings) {
        if (configured.isPresent()) {
            return new Setup(new AdminToken(Optional.of(Tokens.hash(configured.get())), settings), Optional.empty());
        }
        String candidate = Tokens.generate("gfa");
        InstanceSettings.Created stored = settings.getOrCreate(SETTING, () -> Tokens.hash(candidate));
        return new Setup(new AdminToken(Optional.empty(), settings), stored.createdNow() ? Optional.of(candidate) : Optional.empty());
    }

    public boolean matches(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        Optional<String> hash = configuredHash.isPresent() ? configuredHash : settings.get(SETTING);
        return hash.map(h -> Tokens.matches(presented, h)).orElse(false);
    }

    public record Setup(AdminToken adminToken, Optional<String> shownOnce) {
    }
}
