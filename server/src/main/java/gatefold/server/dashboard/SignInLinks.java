package gatefold.server.dashboard;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.common.Emails;
import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import gatefold.server.mail.Mail;
import gatefold.server.mail.Mailer;
import gatefold.server.security.Tokens;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emailed sign-in links for artists: the way in that needs no password, so an artist whose
 * account a stranger has locked with wrong passwords (or who forgot theirs) still gets in.
 * A link works once, for 15 minutes, and only a POST spends it. Asking is limited per
 * address bucket and per email so the form cannot flood an inbox; whether the email belongs
 * to an artist is decided off the request thread, so the answer never tells.
 */
public final class SignInLinks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SignInLinks.class);
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int PER_ADDRESS = 10;
    static final int PER_EMAIL = 5;
    private static final String USABLE = "token_hash = :hash AND used = FALSE AND expires_at > :now";
    private final Jdbi jdbi;
    private final Accounts accounts;
    private final Mailer mailer;
    private final URI publicUrl;
    private final ThreadPoolExecutor background = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(100), r -> {
                Thread t = new Thread(r, "gatefold-artist-links");
                t.setDaemon(true);
                return t;
            }, (r, pool) -> LOG.warn("too many artist sign-in links waiting to be sent; one request was dropped"));

    public SignInLinks(Jdbi jdbi, Accounts accounts, Mailer mailer, URI publicUrl) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.mailer = mailer;
        this.publicUrl = publicUrl;
        background.allowCoreThreadTimeOut(true);
    }

    /** An artist (or anyone) asked for a link for {@code email}; answers the same whether or not it is an artist's. */
    public void request(String rawEmail, ClientAddress from) {
        String email = Emails.normalize(rawEmail);
        admit(email, from);
        background.execute(() -> {
            try {
                accounts.byEmail(email).ifPresent(this::send);
            } catch (RuntimeException e) {
                LOG.warn("an artist sign-in link could not be prepared: {}", e.getMessage());
            }
        });
    }

    private void admit(String email, ClientAddress from) {
        Instant now = Instant.now();
        String byAddress = "ip:" + from.bucket();
        String byEmail = "email:" + email;
        jdbi.useHandle(h -> {
            if (count(h, byAddress, now.minus(WINDOW)) >= PER_ADDRESS || count(h, byEmail, now.minus(WINDOW)) >= PER_EMAIL) {
                throw Refusal.tooMany("Too many sign-in links were asked for; wait 15 minutes and try again.", WINDOW);
            }
            for (String bucket : new String[] {byAddress, byEmail}) {
                h.createUpdate("INSERT INTO artist_link_requests (bucket, requested_at) VALUES (:b, :at)")
                        .bind("b", bucket).bind("at", now).execute();
            }
            h.createUpdate("DELETE FROM artist_link_requests WHERE requested_at < :before")
                    .bind("before", now.minus(WINDOW.multipliedBy(2))).execute();
        });
    }

    private static int count(Handle h, String bucket, Instant since) {
        return h.createQuery("SELECT COUNT(*) FROM artist_link_requests WHERE bucket = :b AND requested_at > :since")
                .bind("b", bucket).bind("since", since).mapTo(Integer.class).one();
    }

    private void send(Artist artist) {
        String token = Tokens.generate("asl");
        Instant now = Instant.now();
        jdbi.useHandle(h -> {
            h.createUpdate("""
                    INSERT INTO artist_signin_links (token_hash, artist_id, expires_at, used, created_at)
                    VALUES (:hash, :artist, :expires, FALSE, :now)""")
                    .bind("hash", Tokens.hash(token)).bind("artist", artist.id()).bind("expires", now.plus(LIFETIME))
                    .bind("now", now).execute();
            h.createUpdate("DELETE FROM artist_signin_links WHERE expires_at < :before")
                    .bind("before", now.minus(Duration.ofDays(1))).execute();
        });
        mailer.send(new Mail(artist.email(), "Your sign-in link for your dashboard", """
                Someone, hopefully you, asked to sign in to your dashboard at %s.

                Open this link within 15 minutes and press the button to sign in:
                %s/dashboard/signin/link/%s

                The link works once. If you did not ask for it, ignore this email: nothing changes,
                and your password works as before.
                """.formatted(publicUrl, publicUrl, token)));
    }

    /** Whether a link would still sign in, without spending it (for the page a GET shows). */
    public boolean isUsable(String token) {
        if (token == null || token.length() > 100) {
            return false;
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM artist_signin_links WHERE " + USABLE)
                .bind("hash", Tokens.hash(token)).bind("now", Instant.now()).mapTo(Integer.class).one()) == 1;
    }

    /** Spends a link (once, before it expires): the artist it signs in; empty when spent, expired or unknown. */
    public Optional<Artist> use(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Tokens.hash(token);
        Optional<String> artistId = jdbi.inTransaction(h -> {
            int used = h.createUpdate("UPDATE artist_signin_links SET used = TRUE WHERE " + USABLE)
                    .bind("hash", hash).bind("now", Instant.now()).execute();
            return used != 1 ? Optional.<String>empty()
                    : h.createQuery("SELECT artist_id FROM artist_signin_links WHERE token_hash = :hash")
                            .bind("hash", hash).mapTo(String.class).findOne();
        });
        return artistId.flatMap(accounts::byId);
    }

    /** Lets links already asked for go out (briefly) before the mailer stops. */
    @Override
    public void close() {
        background.shutdown();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
