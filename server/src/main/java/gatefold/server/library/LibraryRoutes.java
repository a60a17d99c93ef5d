package gatefold.server.library;

import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import gatefold.server.storefront.ChosenFormat;
import gatefold.server.storefront.FormatRows;
import gatefold.server.storefront.StorePages;
import gatefold.server.watch.Rental;
import gatefold.server.watch.RentalTerms;
import gatefold.web.views.MessagePage;
import gatefold.web.views.store.LibraryEntry;
import gatefold.web.views.store.Track;
import gatefold.server.delivery.DownloadLinks;
import gatefold.web.views.store.LibraryPage;
import gatefold.web.views.store.Link;
import gatefold.web.views.store.LibrarySignInConfirmPage;
import gatefold.web.views.store.LibrarySignInPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fan's library pages: ask for a sign-in link, follow it, see every purchase with
 * fresh links (HTML, or JSON for {@code Accept: application/json}), download the album in a
 * format (which remembers the choice), sign out.
 */
public final class LibraryRoutes implements RouteGroup {

    static final String SESSION_COOKIE = "gatefold_library";
    static final String SENT = "If this email bought anything here, a sign-in link is on its way. It works once, for 15 minutes.";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private final Library library;
    private final Clock clock;

    /** {@code clock}: the time a rental's words are told at, the same the stream checks its windows with. */
    public LibraryRoutes(Library library, Clock clock) {
        this.library = library;
        this.clock = clock;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/library", this::show);
        routes.post("/library", this::requestLink);
        routes.get("/library/signin/{token}", this::confirmSignIn);
        routes.post("/library/signin/{token}", this::signIn);
        routes.post("/library/signout", this::signOut);
        routes.get("/library/albums/{purchaseId}", this::album);
    }

    private void show(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        Optional<FanSession> session = currentSession(ctx);
        if (session.isEmpty()) {
            if (FormToken.wantsJson(ctx)) {
                throw Refusal.unauthorized("Sign in to your library: POST /library with your email for a sign-in link.");
            }
            StorePages.render(ctx, "store/signin.jte", askForm(ctx, null));
            return;
        }
        String email = session.get().email();
        List<LibraryItem> items = library.items(email, clock.instant());
        if (FormToken.wantsJson(ctx)) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("email", email);
            out.put("purchases", items);
            ctx.json(out);
            return;
        }
        List<LibraryEntry> entries = items.stream().map(item -> entry(email, item)).toList();
        StorePages.render(ctx, "store/library.jte", new LibraryPage(StorePages.layout("Your library"), email, entries,
                FormToken.FIELD, session.get().formToken()));
    }

    private LibraryEntry entry(String email, LibraryItem item) {
        ChosenFormat chosen = library.chosen(email, item.releaseId());
        String filmUrl = item.streams().stream().filter(s -> s.kind().equals("hls")).map(DownloadLinks.Stream::url)
                .findFirst().orElse(null);
        return new LibraryEntry(item.releaseTitle(), item.artistName(), DAY.format(item.purchasedAt()),
                FormatRows.albums("/library/albums/" + item.purchaseId(), item.albums(), chosen),
                FormatRows.rows(item.downloads(), chosen, library.files(item.releaseId())::get),
                item.invoice() == null ? null : new Link(item.invoice().url(), "Invoice " + item.invoice().number()),
                player(item), filmUrl, item.rental() == null ? null : rentalNote(item.rental()),
                filmUrl == null ? List.of() : library.captions(item.releaseId(), filmUrl),
                StorePages.preorderNote(java.util.Optional.ofNullable(item.opensOn()).map(java.time.LocalDate::parse),
                        !item.downloads().isEmpty()));
    }

    /** A rental's time left, in words: the same moment and figures as the JSON's {@code rental}. */
    static String rentalNote(RentalTerms rental) {
        java.time.format.DateTimeFormatter when = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(ZoneOffset.UTC);
        if (rental.state() == Rental.State.ENDED && rental.firstPlayAt() == null) {
            return "This rental was not started in time and has ended.";
        }
        if (rental.state() == Rental.State.NOT_STARTED) {
            return "Rented: start watching by " + when.format(rental.startBy()) + ", then you have " + rental.watchHours()
                    + " hours to finish.";
        }
        if (rental.state() == Rental.State.ENDED) {
            return "This rental ended on " + when.format(rental.endsAt()) + ".";
        }
        long hours = java.time.Duration.ofSeconds(rental.secondsLeft()).toHours();
        return "Rented: " + (hours >= 1 ? hours + " hours" : "less than an hour") + " left to watch (until "
                + when.format(rental.endsAt()) + ").";
    }

    /** The purchase's tracks for the page's player, each through its signed stream URL. */
    private List<Track> player(LibraryItem item) {
        Map<String, gatefold.server.catalog.ReleaseFile> files = library.files(item.releaseId());
        List<Track> tracks = new java.util.ArrayList<>();
        for (DownloadLinks.Stream stream : item.streams()) {
            gatefold.server.catalog.ReleaseFile file = files.get(stream.fileId());
            if (stream.kind().equals("audio") && file != null) {
                tracks.add(new Track(tracks.size() + 1, file.trackTitle(), null, stream.url()));
            }
        }
        return tracks;
    }

    /** The album in the format the fan pressed: remembered as their choice, then downloaded. */
    private void album(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        Optional<FanSession> session = currentSession(ctx);
        if (session.isEmpty()) {
            ctx.redirect("/library", HttpStatus.SEE_OTHER);
            return;
        }
        String link = library.albumLink(session.get().email(), ctx.pathParam("purchaseId"),
                Optional.ofNullable(ctx.queryParam("format")).orElse(""))
                .orElseThrow(() -> Refusal.notFound("There is no album download in that format in your library."));
        ctx.redirect(link, HttpStatus.SEE_OTHER);
    }

    private LibrarySignInPage askForm(Context ctx, String notice) {
        String token = FormToken.issue(ctx, secure(ctx));
        return new LibrarySignInPage(StorePages.layout("Your library"), notice, FormToken.FIELD, token);
    }

    private void requestLink(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        boolean json = FormToken.isJson(ctx);
        String email;
        if (json) {
            email = JsonBody.of(ctx, Set.of("email")).requiredString("email", 320);
        } else {
            FormToken.check(ctx);
            email = Optional.ofNullable(ctx.formParam("email")).orElse("");
        }
        library.requestLink(email, ClientAddress.of(ctx));
        if (json) {
            ctx.status(202).json(Map.of("message", SENT));
        } else {
            StorePages.render(ctx, "message.jte", new MessagePage(StorePages.layout("Check your email"), "Check your email", SENT,
                    "/", "Back to the store"));
        }
    }

    /**
     * Opening a sign-in link shows one button; only pressing it (a POST) spends the link.
     * Mail scanners and chat previews open links with GET, and would otherwise use up the
     * fan's link before the fan ever clicks it.
     */
    private void confirmSignIn(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        String token = ctx.pathParam("token");
        if (!library.isUsable(token)) {
            linkGone(ctx);
            return;
        }
        if (FormToken.wantsJson(ctx)) {
            ctx.json(Map.of("message", "POST to this link to sign in; it works once."));
            return;
        }
        StorePages.render(ctx, "store/signin-confirm.jte", new LibrarySignInConfirmPage(StorePages.layout("Your library"),
                "/library/signin/" + token, FormToken.FIELD, FormToken.issue(ctx, secure(ctx))));
    }

    private void linkGone(Context ctx) {
        String message = "This sign-in link was already used or has expired. Ask for a new one below; it arrives in a minute.";
        if (FormToken.wantsJson(ctx)) {
            throw Refusal.gone(message);
        }
        ctx.status(410);
        StorePages.render(ctx, "store/signin.jte", askForm(ctx, message));
    }

    private void signIn(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        if (!FormToken.isJson(ctx)) {
            FormToken.check(ctx);
        }
        Optional<String> session = library.signIn(ctx.pathParam("token"));
        if (session.isEmpty()) {
            linkGone(ctx);
            return;
        }
        ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=" + session.get() + "; Path=/library; Max-Age="
                + Library.SESSION_LIFETIME.toSeconds() + "; HttpOnly; SameSite=Lax" + (secure(ctx) ? "; Secure" : ""));
        ctx.redirect("/library", HttpStatus.SEE_OTHER);
    }

    private void signOut(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        Optional<FanSession> session = Optional.ofNullable(ctx.cookie(SESSION_COOKIE)).flatMap(library::session);
        if (session.isPresent()) {
            if (!FormToken.isJson(ctx)) {
                FormToken.require(session.get().formToken(), ctx.formParam(FormToken.FIELD));
            }
            library.signOut(session.get());
        }
        clearSession(ctx);
        if (FormToken.isJson(ctx)) {
            ctx.status(204);
        } else {
            ctx.redirect("/library", HttpStatus.SEE_OTHER);
        }
    }

    private Optional<FanSession> currentSession(Context ctx) {
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (cookie == null) {
            return Optional.empty();
        }
        Optional<FanSession> session = library.session(cookie);
        if (session.isEmpty()) {
            clearSession(ctx);
        }
        return session;
    }

    /** Secure cookies when the store's address is https or this request came over https. */
    private boolean secure(Context ctx) {
        return ClientAddress.secureCookies(ctx, library.publicUrl());
    }

    private void clearSession(Context ctx) {
        ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=; Path=/library; Max-Age=0; HttpOnly; SameSite=Lax"
                + (secure(ctx) ? "; Secure" : ""));
    }
}
