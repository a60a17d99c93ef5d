package gatefold.server.accounts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatefold.server.common.Emails;
import gatefold.server.common.Ids;
import gatefold.server.common.Money;
import gatefold.server.common.Refusal;
import gatefold.server.db.Sql;
import gatefold.server.security.Tokens;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Artists, their passwords and their API tokens. */
public final class Accounts {

    public static final int MIN_PASSWORD = 10;
    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final ObjectMapper json = new ObjectMapper();

    private final List<java.util.function.Consumer<String>> renamed = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Accounts(Jdbi jdbi, PasswordHasher hasher) {
        this.jdbi = jdbi;
        this.hasher = hasher;
    }

    private ArtistDao dao() {
        return jdbi.onDemand(ArtistDao.class);
    }

    public record NewArtist(Artist artist, String apiToken) {
    }

    public NewArtist createArtist(String name, String email, Optional<String> password) {
        return createArtist(name, email, password, Optional.empty());
    }

    /** As above, with a storage quota in bytes (empty: unlimited). */
    public NewArtist createArtist(String name, String email, Optional<String> password, Optional<Long> storageQuotaBytes) {
        String cleanName = cleanName(name);
        String cleanEmail = normalizeEmail(email);
        String hash = password.map(p -> hasher.hash(checkPassword(p))).orElse(null);
        for (int attempt = 0; ; attempt++) {
            if (dao().byEmail(cleanEmail).isPresent()) {
                throw Refusal.conflict("An artist with this email already exists.");
            }
            String slug = Slugs.unique(Slugs.of(cleanName, "artist"), dao()::slugTaken);
            Artist artist = new Artist(Ids.next("art"), slug, cleanName, cleanEmail, hash, "", "[]", "EUR",
                    storageQuotaBytes.orElse(null), Instant.now());
            String token = Tokens.generate("gft");
            try {
                jdbi.useTransaction(h -> {
                    ArtistDao tx = h.attach(ArtistDao.class);
                    tx.insert(artist);
                    tx.insertToken(new ApiToken(Ids.next("tok"), artist.id(), Tokens.hash(token), "first token", Instant.now(), null, null));
                });
                return new NewArtist(artist, token);
            } catch (UnableToExecuteStatementException e) {
                // Someone took the slug or email between our check and the insert; look again.
                if (!Sql.isUniqueViolation(e)) {
                    throw e;
                }
                if (attempt >= 3) {
                    throw Refusal.conflict("This artist could not be created; try again.");
                }
            }
        }
    }

    public Optional<Artist> byId(String id) {
        return dao().byId(id);
    }

    public Optional<Artist> bySlug(String slug) {
        return dao().bySlug(slug);
    }

    /** The artist signing in with this email, however it was spelled; empty for an address that is not one. */
    public Optional<Artist> byEmail(String email) {
        String canonical = Emails.canonical(email);
        return canonical.length() > 320 ? Optional.empty() : dao().byEmail(canonical);
    }

    /** Whether {@code password} is the artist's; false when the artist has none (signs in by link or token only). */
    public boolean passwordMatches(Artist artist, String password) {
        return artist.passwordHash() != null && hasher.verify(password, artist.passwordHash());
    }

    /** Checks email and password; the same answer and the same time whether or not the email exists. */
    public Optional<Artist> signIn(String email, String password) {
        Optional<Artist> artist = dao().byEmail(normalizeEmail(email));
        if (artist.isEmpty() || artist.get().passwordHash() == null) {
            hasher.burn(password);
            return Optional.empty();
        }
        return hasher.verify(password, artist.get().passwordHash()) ? artist : Optional.empty();
    }

    public record IssuedToken(ApiToken token, String secret) {
    }

    public IssuedToken issueToken(Artist artist, String label) {
        String secret = Tokens.generate("gft");
        ApiToken token = new ApiToken(Ids.next("tok"), artist.id(), Tokens.hash(secret), label, Instant.now(), null, null);
        dao().insertToken(token);
        return new IssuedToken(token, secret);
    }

    public List<ApiToken> tokens(Artist artist) {
        return dao().tokensOf(artist.id());
    }

    public boolean revokeToken(Artist artist, String tokenId) {
        return dao().revokeToken(tokenId, artist.id(), Instant.now()) == 1;
    }

    /** Revokes every live token of the artist except {@code keep} (the one making the call, if any); returns how many. */
    public int revokeTokensExcept(Artist artist, Optional<String> keep) {
        return dao().revokeTokensExcept(artist.id(), keep.map(Tokens::hash).orElse(""), Instant.now());
    }

    /** How many live tokens the artist has besides {@code keep}. */
    public int liveTokensExcept(Artist artist, Optional<String> keep) {
        return dao().liveTokensExcept(artist.id(), keep.map(Tokens::hash).orElse(""));
    }

    /** The artist a bearer token belongs to, if the token is live. */
    public Optional<Artist> byToken(String secret) {
        if (secret == null || secret.length() > 200) {
            return Optional.empty();
        }
        ArtistDao dao = dao();
        return dao.liveToken(Tokens.hash(secret)).flatMap(token -> {
            if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(Instant.now().minusSeconds(60))) {
                dao.touchToken(token.id(), Instant.now());
            }
            return dao.byId(token.artistId());
        });
    }

    public Artist update(Artist artist) {
        Optional<Artist> before = byId(artist.id());
        try {
            dao().update(artist);
        } catch (UnableToExecuteStatementException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            throw Refusal.conflict("That slug or email is already taken.");
        }
        if (before.isPresent() && (!before.get().name().equals(artist.name()) || !before.get().slug().equals(artist.slug()))) {
            renamed.forEach(watcher -> watcher.accept(artist.id()));
        }
        return artist;
    }

    /**
     * Hears an artist id when the artist's name or slug changed: both are in every file made
     * from their masters (the artist tag, the release's address).
     */
    public void onRename(java.util.function.Consumer<String> watcher) {
        renamed.add(watcher);
    }

    public Artist changeProfile(Artist a, ProfileChange change) {
        String slug = change.slug().map(s -> {
            if (!Slugs.isValid(s)) {
                throw Refusal.invalid("'slug' may hold lowercase letters, digits and single dashes, up to 60 characters.");
            }
            if (!s.equals(a.slug()) && dao().slugTaken(s)) {
                throw Refusal.conflict("That slug is already taken.");
            }
            return s;
        }).orElse(a.slug());
        String email = change.email().map(Accounts::normalizeEmail).orElse(a.email());
        String hash = change.password().map(p -> hasher.hash(checkPassword(p))).orElse(a.passwordHash());
        String links = change.links().map(this::linksJson).orElse(a.links());
        String currency = change.defaultCurrency().map(c -> Money.currency(c).getCurrencyCode()).orElse(a.defaultCurrency());
        return update(new Artist(a.id(), slug, change.name().map(Accounts::cleanName).orElse(a.name()), email, hash,
                change.bio().orElse(a.bio()), links, currency, a.storageQuotaBytes(), a.createdAt()));
    }

    public record ProfileChange(Optional<String> name, Optional<String> slug, Optional<String> email,
                                Optional<String> password, Optional<String> bio, Optional<List<String>> links,
                                Optional<String> defaultCurrency) {
    }

    public List<String> links(Artist artist) {
        try {
            return List.of(json.readValue(artist.links(), String[].class));
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private String linksJson(List<String> links) {
        for (String link : links) {
            try {
                URI uri = new URI(link);
                if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException();
                }
            } catch (Exception e) {
                throw Refusal.invalid("Each link must be an http or https URL.");
            }
        }
        try {
            return json.writeValueAsString(links);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String cleanName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200 || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.invalid("'name' must be 1 to 200 characters without control characters.");
        }
        return trimmed;
    }

    static String normalizeEmail(String email) {
        return Emails.normalize(email);
    }

    static String checkPassword(String password) {
        if (password.length() < MIN_PASSWORD || password.length() > 1000) {
            throw Refusal.invalid("'password' must be at least " + MIN_PASSWORD + " characters.");
        }
        return password;
    }
}
