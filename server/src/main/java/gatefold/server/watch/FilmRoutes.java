package gatefold.server.watch;

import gatefold.server.common.Fields;
import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.common.Money;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import gatefold.server.sales.Purchase;
import gatefold.server.sales.Sales;
import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The artist's side of films: {@code GET, PUT /api/releases/{id}/film} (stream-only, the rental
 * price and windows, whether the stream is packaged), {@code PUT /api/releases/{id}/subtitles/{file}}
 * (a {@code .srt} or {@code .vtt} body; the file name says the language: {@code film.en.srt}), {@code
 * DELETE /api/releases/{id}/subtitles/{language}}, and {@code POST /api/releases/{id}/rentals}
 * ({@code {email, amount?}}: a rental recorded by the artist, like an offline sale).
 */
public final class FilmRoutes implements RouteGroup {

    private final WatchServices watch;
    private final Catalog catalog;
    private final Sales sales;
    private final CurrentArtist current;

    public FilmRoutes(WatchServices watch, Catalog catalog, Sales sales, CurrentArtist current) {
        this.watch = watch;
        this.catalog = catalog;
        this.sales = sales;
        this.current = current;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/releases/{id}/film", ctx -> {
            Release release = catalog.owned(current.require(ctx), ctx.pathParam("id"));
            ctx.json(view(release, watch.offers().of(release.id())));
        });
        routes.put("/api/releases/{id}/film", ctx -> {
            Release release = catalog.owned(current.require(ctx), ctx.pathParam("id"));
            Fields body = JsonBody.of(ctx, Set.of("streamOnly", "rentPrice", "rentStartDays", "rentWatchHours", "trailer"));
            if (body.has("trailer")) {
                watch.trailers().choose(release, body.isNull("trailer") ? Optional.empty()
                        : trailerChoice(release, body.raw("trailer").orElseThrow()));
            }
            FilmOffer offer = watch.offers().of(release.id());
            if (body.has("streamOnly") || body.has("rentPrice") || body.has("rentStartDays") || body.has("rentWatchHours")) {
                offer = edited(release, offer, body);
            }
            ctx.json(view(release, offer));
        });
        routes.put("/api/releases/{id}/subtitles/{file}", ctx -> {
            Release release = catalog.owned(current.require(ctx), ctx.pathParam("id"));
            byte[] upload = ctx.bodyInputStream().readNBytes(gatefold.server.films.Subtitles.MAX_BYTES + 1);
            FilmSubtitle saved = watch.subtitles().put(release, ctx.pathParam("file"),
                    Optional.ofNullable(ctx.queryParam("name")), upload);
            ctx.status(201).json(subtitleView(saved));
        });
        routes.delete("/api/releases/{id}/subtitles/{language}", ctx -> {
            Release release = catalog.owned(current.require(ctx), ctx.pathParam("id"));
            if (!watch.subtitles().remove(release, ctx.pathParam("language"))) {
                throw gatefold.server.common.Refusal.notFound("This film has no subtitles in that language.");
            }
            ctx.status(204);
        });
        routes.post("/api/releases/{id}/rentals", ctx -> {
            Artist artist = current.require(ctx);
            Release release = catalog.owned(artist, ctx.pathParam("id"));
            Fields body = JsonBody.of(ctx, Set.of("email", "amount"));
            if (!watch.offers().of(release.id()).forRent()) {
                throw gatefold.server.common.Refusal.conflict("This film is not offered to rent; set a rental price first.");
            }
            Optional<Money> amount = body.raw("amount").filter(n -> !n.isNull())
                    .map(n -> Money.parse(n.path("amount").asText(n.asText()), java.util.Currency.getInstance(release.currency())));
            Purchase purchase = sales.recordByArtist(artist, release.id(), body.requiredString("email", 320), amount,
                    FilmOffers.RENTAL, Optional.empty());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", purchase.id());
            out.put("releaseId", purchase.releaseId());
            out.put("email", purchase.email());
            out.put("status", purchase.status());
            out.put("rental", watch.rentals().of(purchase.entitlementId()).orElse(null));
            ctx.status(201).json(out);
        });
    }

    /**
     * The offer with what the body names changed and the rest kept: setting a rent price must not
     * quietly end stream-only (and hand the master out again), nor stream-only end a rental offer.
     * {@code "rentPrice": null} stops renting.
     */
    private FilmOffer edited(Release release, FilmOffer offer, Fields body) {
        Optional<Long> price = body.has("rentPrice")
                ? body.raw("rentPrice").filter(n -> !n.isNull()).map(n -> Money.parse(n.path("amount").asText(n.asText()),
                        java.util.Currency.getInstance(release.currency())).minor())
                : Optional.ofNullable(offer.rentPriceMinor());
        boolean streamOnly = body.raw("streamOnly").filter(n -> !n.isNull()).map(n -> n.asBoolean()).orElse(offer.streamOnly());
        return watch.offers().set(release, streamOnly, price,
                Optional.of(body.integer("rentStartDays", 1, 365).map(Long::intValue).orElse(offer.rentStartDays())),
                Optional.of(body.integer("rentWatchHours", 1, 720).map(Long::intValue).orElse(offer.rentWatchHours())));
    }

    /** {@code {"start": 90, "length": 45}} (seconds; length 30 when left out), {@code {"fileId": ...}}, or null for the default. */
    private static Optional<TrailerChoice> trailerChoice(Release release, com.fasterxml.jackson.databind.JsonNode trailer) {
        if (trailer.hasNonNull("fileId")) {
            return Optional.of(TrailerChoice.upload(release.id(), trailer.path("fileId").asText()));
        }
        if (!trailer.path("start").isNumber() || !(trailer.path("length").isNumber() || trailer.path("length").isMissingNode())) {
            throw gatefold.server.common.Refusal.invalid("Choose a trailer as {\"start\": seconds, \"length\": seconds},"
                    + " {\"fileId\": a video file of this film}, or null for the default clip.");
        }
        java.time.Duration length = trailer.has("length") ? java.time.Duration.ofMillis((long) (trailer.path("length").asDouble() * 1000))
                : TrailerChoice.DEFAULT_LENGTH;
        return Optional.of(TrailerChoice.clip(release.id(), java.time.Duration.ofMillis((long) (trailer.path("start").asDouble() * 1000)),
                length));
    }

    private Map<String, Object> trailerView(Release release) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<TrailerChoice> choice = watch.trailers().choice(release.id());
        out.put("choice", choice.map(TrailerChoice::view).orElse(null));
        String state = choice.isEmpty() ? "default" : watch.trailers().made(release).isPresent() ? "ready" : "making";
        Optional<gatefold.server.jobs.Job> job = watch.trailers().making(release);
        if (job.isPresent() && job.get().state() == gatefold.server.jobs.JobState.FAILED) {
            state = "failed";
            out.put("problem", job.get().lastError());
        }
        out.put("state", state);
        out.put("url", watch.trailers().url(release.id()).orElse(null));
        return out;
    }

    private static Map<String, Object> subtitleView(FilmSubtitle subtitle) {
        return Map.of("language", subtitle.language(), "name", subtitle.name(), "bytes", subtitle.bytes());
    }

    private Map<String, Object> view(Release release, FilmOffer offer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("releaseId", release.id());
        out.put("streamOnly", offer.streamOnly());
        out.put("rentPrice", offer.forRent() ? new Money(offer.rentPriceMinor(), java.util.Currency.getInstance(release.currency()))
                .toWire() : null);
        out.put("rentStartDays", offer.rentStartDays());
        out.put("rentWatchHours", offer.rentWatchHours());
        out.put("trailer", trailerView(release));
        out.put("subtitles", watch.subtitles().of(release.id()).stream().map(FilmRoutes::subtitleView).toList());
        Optional<FilmStream> stream = watch.streams().current(release);
        out.put("stream", stream.map(s -> Map.of("renditions", s.renditions(), "trailer", s.trailer(), "bytes", s.bytes()))
                .orElse(null));
        // Until it is packaged: how it is going, and why it failed, in words the artist can act on.
        watch.streams().packaging(release).ifPresent(job -> {
            Map<String, Object> packaging = new LinkedHashMap<>();
            packaging.put("state", job.state().id());
            packaging.put("problem", job.lastError());
            out.put("packaging", packaging);
        });
        return out;
    }
}
