package gatefold.server.dashboard;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.common.Emails;
import gatefold.server.common.Ids;
import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import gatefold.server.http.Json;
import gatefold.server.jobs.JobContext;
import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobResult;
import gatefold.server.jobs.Jobs;
import gatefold.server.jobs.Lane;
import gatefold.server.mail.Mail;
import gatefold.server.mail.Mailer;
import gatefold.server.security.Tokens;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Emailed sign-in links for artists: the way in that needs no password, so an artist whose
 * account a stranger has locked with wrong passwords (or who forgot theirs) still gets in.
 * A link works once, for 15 minutes, and only a POST spends it. Asking is limited per
 * address bucket and per email so the form cannot flood an inbox; whether the email belongs
 * to an artist is decided off the request thread, so the answer never tells.
 */
public final class SignInLinks {

    /** Looks the address up and mails the artist a link if it is one: key = a fresh id, payload = the address. */
    public static final JobKind SIGN_IN_LINK = JobKind.of("dashboard.signin-link", Lane.MAIL).withMaxAttempts(3);
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int PER_ADDRESS = 10;
    static final int PER_EMAIL = 5;
    private static final String USABLE = "token_hash = :hash AND used = FALSE AND expires_at > :now";
    private final Jdbi jdbi;
    private final Accounts accounts;
    private final Mailer mailer;
    private final URI publicUrl;
    private final Jobs jobs;

    public SignInLinks(Jdbi jdbi, Accounts accounts, Mailer mailer, URI publicUrl, Jobs jobs) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.mailer = mailer;
        this.publicUrl = publicUrl;
        this.jobs = jobs;
        jobs.register(SIGN_IN_LINK, ctx -> {
            Optional<Artist> artist = accounts.byEmail(Json.mapper().readTree(ctx.payload()).path("email").asText());
            if (artist.isPresent()) {
                send(artist.get(), ctx);
            }
            return JobResult.done();
        });
    }

    /** An artist (or anyone) asked for a link for {@code email}; answers the same whether or not it is an artist's. */
    public void request(String rawEmail, ClientAddress from) {
        String email = Emails.normalize(rawEmail);
        admit(email, from);
        // Looked up off the request, in a job, so the answer and its timing are the same either way.
        jobs.enqueue(SIGN_IN_LINK, Ids.ordered("link"), Json.mapper().createObjectNode().put("email", email).toString());
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

    private void send(Artist artist, JobContext ctx) throws Exception {
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
        // At most once: a run that died after queuing the mail must not send a second link.
        ctx.once("mail", () -> mailer.send(new Mail(artist.email(), "Your sign-in link for your dashboard", """
                Someone, hopefully you, asked to sign in to your dashboard at %s.

                Open this link within 15 minutes and press the button to sign in:
                %s/dashboard/signin/link/%s

                The link works once. If you did not ask for it, ignore this email: nothing changes,
                and your password works as before.
                """.formatted(publicUrl, publicUrl, token))));
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
}
