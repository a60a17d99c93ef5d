package gatefold.server.library;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.Emails;
import gatefold.server.common.Ids;
import gatefold.server.delivery.DownloadLinks;
import gatefold.server.http.ClientAddress;
import gatefold.server.http.Json;
import gatefold.server.jobs.JobContext;
import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobResult;
import gatefold.server.jobs.Jobs;
import gatefold.server.jobs.Lane;
import gatefold.server.mail.Mail;
import gatefold.server.mail.Mailer;
import gatefold.server.sales.Purchase;
import gatefold.server.sales.SaleDocuments;
import gatefold.server.sales.Sales;
import gatefold.server.security.Tokens;
import gatefold.server.storefront.ChosenFormat;
import gatefold.server.watch.Rental;
import gatefold.server.watch.RentalTerms;
import gatefold.web.views.store.Caption;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fan's library: every release they got under their email, with fresh links. They sign
 * in by asking for a link by email (sent only if the email has purchases, though the
 * answer is always the same), which works once within 15 minutes and opens a session.
 */
public final class Library {

    private static final Logger LOG = LoggerFactory.getLogger(Library.class);
    /** Decides whether an address has purchases and mails it a sign-in link if so: key = a fresh id, payload = the address. */
    public static final JobKind SIGN_IN_LINK = JobKind.of("library.signin-link", Lane.MAIL).withMaxAttempts(3);
    static final Duration LINK_LIFETIME = Duration.ofMinutes(15);
    static final Duration SESSION_LIFETIME = Duration.ofDays(30);
    private final Jdbi jdbi;
    private final Sales sales;
    private final Catalog catalog;
    private final Accounts accounts;
    private final DownloadLinks links;
    private final FormatPreferences preferences;
    private final Mailer mailer;
    private final URI publicUrl;
    private final SignInLimiter limiter;
    private final Jobs jobs;
    private final SaleDocuments documents;

    /** How sign-in links reach fans: a job on the queue sends a mail with a link to this store. */
    public record SignInMail(Mailer mailer, Jobs jobs, URI publicUrl) { }

    public Library(Jdbi jdbi, Sales sales, Catalog catalog, Accounts accounts, PurchaseContents contents, SignInMail sending) {
        Mailer mailer = sending.mailer();
        URI publicUrl = sending.publicUrl();
        Jobs jobs = sending.jobs();
        this.documents = contents.documents();
        this.jdbi = jdbi;
        this.sales = sales;
        this.catalog = catalog;
        this.accounts = accounts;
        this.links = contents.links();
        this.preferences = contents.preferences();
        this.mailer = mailer;
        this.publicUrl = publicUrl;
        this.limiter = new SignInLimiter(jdbi);
        this.jobs = jobs;
        jobs.register(SIGN_IN_LINK, ctx -> {
            sendLinkIfBuyer(Json.mapper().readTree(ctx.payload()).path("email").asText(), ctx);
            return JobResult.done();
        });
    }

    public URI publicUrl() {
        return publicUrl;
    }

    /**
     * A fan asked for a sign-in link. Whether the email has purchases is decided off the
     * request thread, in a {@link #SIGN_IN_LINK} job, so the answer and its timing are the same either way.
     */
    public void requestLink(String rawEmail, ClientAddress from) {
        String email = Emails.normalize(rawEmail);
        limiter.admit(from, email);
        jobs.enqueue(SIGN_IN_LINK, Ids.ordered("link"), Json.mapper().createObjectNode().put("email", email).toString());
    }

    private void sendLinkIfBuyer(String email, JobContext ctx) throws Exception {
        if (sales.confirmedPurchasesOf(email).isEmpty()) {
            return;
        }
        String token = Tokens.generate("sgn");
        Instant now = Instant.now();
        jdbi.useHandle(h -> {
            h.createUpdate("""
                    INSERT INTO library_signin_links (token_hash, email, expires_at, used, created_at)
                    VALUES (:hash, :email, :expires, FALSE, :now)""")
                    .bind("hash", Tokens.hash(token)).bind("email", email).bind("expires", now.plus(LINK_LIFETIME)).bind("now", now)
                    .execute();
            h.createUpdate("DELETE FROM library_signin_links WHERE expires_at < :before")
                    .bind("before", now.minus(Duration.ofDays(1))).execute();
        });
        // At most once: a run that died after queuing the mail must not send a second link.
        ctx.once("mail", () -> mailer.send(new Mail(email, "Your sign-in link for your library", """
                Someone, hopefully you, asked to open the library of %s at %s.

                Open this link within 15 minutes to see your purchases and fresh download links:
                %s/library/signin/%s

                The link works once. If you did not ask for it, you can ignore this email.
                """.formatted(email, publicUrl, publicUrl, token))));
    }

    /** Whether a sign-in link would still sign in, without spending it. */
    public boolean isUsable(String token) {
        if (!plausible(token)) {
            return false;
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM library_signin_links WHERE " + USABLE)
                .bind("hash", Tokens.hash(token)).bind("now", Instant.now()).mapTo(Integer.class).one()) == 1;
    }

    /** Uses a sign-in link (once, before it expires) and opens a session; empty when the link is spent or unknown. */
    public Optional<String> signIn(String token) {
        if (!plausible(token)) {
            return Optional.empty();
        }
        String hash = Tokens.hash(token);
        Instant now = Instant.now();
        return jdbi.inTransaction(h -> {
            int used = h.createUpdate("UPDATE library_signin_links SET used = TRUE WHERE " + USABLE)
                    .bind("hash", hash).bind("now", now).execute();
            if (used != 1) {
                return Optional.<String>empty();
            }
            String email = h.createQuery("SELECT email FROM library_signin_links WHERE token_hash = :hash")
                    .bind("hash", hash).mapTo(String.class).one();
            String session = Tokens.generate("lib");
            h.createUpdate("""
                    INSERT INTO library_sessions (token_hash, email, expires_at, created_at)
                    VALUES (:hash, :email, :expires, :now)""")
                    .bind("hash", Tokens.hash(session)).bind("email", email).bind("expires", now.plus(SESSION_LIFETIME))
                    .bind("now", now).execute();
            h.createUpdate("DELETE FROM library_sessions WHERE expires_at < :now").bind("now", now).execute();
            return Optional.of(session);
        });
    }

    /** A sign-in link not yet used and not expired. */
    private static final String USABLE = "token_hash = :hash AND used = FALSE AND expires_at > :now";

    private static boolean plausible(String token) {
        return token != null && token.length() <= 100;
    }

    Optional<FanSession> session(String sessionToken) {
        if (sessionToken == null || sessionToken.length() > 100) {
            return Optional.empty();
        }
        String hash = Tokens.hash(sessionToken);
        return jdbi.withHandle(h -> h.createQuery("SELECT email FROM library_sessions WHERE token_hash = :hash AND expires_at > :now")
                .bind("hash", hash).bind("now", Instant.now()).mapTo(String.class).findOne())
                .map(email -> new FanSession(hash, email));
    }

    void signOut(FanSession session) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM library_sessions WHERE token_hash = :hash")
                .bind("hash", session.tokenHash()).execute());
    }

    private Function<String, Optional<Rental>> rentals = entitlementId -> Optional.empty();

    /** Where a rented purchase's windows are read; set once while wiring. */
    public Library withRentals(Function<String, Optional<Rental>> rentalOf) {
        this.rentals = rentalOf;
        return this;
    }

    private Function<String, List<Caption>> captions = releaseId -> List.of();

    /** Where a film's subtitles are listed, relative to its master playlist ({@code subtitles/en.vtt}); set once while wiring. */
    public Library withCaptions(Function<String, List<Caption>> captionsOf) {
        this.captions = captionsOf;
        return this;
    }

    /** A film's subtitles with their sources beside this master playlist URL. */
    List<Caption> captions(String releaseId, String masterUrl) {
        String base = masterUrl.substring(0, masterUrl.lastIndexOf('/') + 1);
        return captions.apply(releaseId).stream()
                .map(c -> new Caption(base + c.src(), c.language(), c.label())).toList();
    }

    /** Everything the fan got and still has, newest first, with links signed just now and rentals told as of {@code now}. */
    public List<LibraryItem> items(String email, Instant now) {
        List<LibraryItem> items = new ArrayList<>();
        for (Purchase p : sales.confirmedPurchasesOf(email)) {
            Optional<Release> release = catalog.release(p.releaseId());
            Optional<List<DownloadLinks.Download>> downloads = links.forEntitlement(p.entitlementId());
            if (release.isEmpty() || downloads.isEmpty()) {
                continue;
            }
            String artistName = accounts.byId(p.artistId()).map(Artist::name).orElse("");
            items.add(new LibraryItem(p.id(), p.releaseId(), release.get().title(), artistName, p.amount().toWire(),
                    p.createdAt(), downloads.get(), links.albumsFor(p.entitlementId()),
                    documents.issued(p.id()).invoice().orElse(null), links.streamsFor(p.entitlementId()),
                    rentals.apply(p.entitlementId()).map(r -> RentalTerms.of(r, now)).orElse(null),
                    links.opensOn(p.entitlementId()).map(Object::toString).orElse(null)));
        }
        return items;
    }

    /** A release's files by id, for their names and checksums next to the links. */
    public Map<String, ReleaseFile> files(String releaseId) {
        Map<String, ReleaseFile> files = new HashMap<>();
        catalog.release(releaseId).ifPresent(r -> catalog.files(r).forEach(f -> files.put(f.id(), f)));
        return files;
    }

    /** The format the fan chose last for this release (or anywhere), to list first. */
    public ChosenFormat chosen(String email, String releaseId) {
        return preferences.of(email, releaseId);
    }

    /**
     * The fan pressed the album in a format: their choice is remembered, and the link to it
     * signed; empty when the purchase is not theirs (or no longer confirmed) or has no album in it.
     */
    public Optional<String> albumLink(String email, String purchaseId, String format) {
        return sales.confirmedPurchasesOf(email).stream().filter(p -> p.id().equals(purchaseId)).findFirst()
                .flatMap(p -> preferences.choose(email, p.releaseId(), links.albumsFor(p.entitlementId()), format))
                .map(DownloadLinks.Album::url);
    }
}
