package gatefold.server.watch;

import gatefold.server.catalog.Catalog;
import gatefold.server.delivery.DownloadLinks;
import gatefold.server.delivery.Entitlements;
import gatefold.server.delivery.LinkSigner;
import gatefold.server.jobs.Jobs;
import gatefold.server.media.MediaTools;
import gatefold.server.sales.Orders;
import gatefold.storage.BlobStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/** The film-watching feature as the rest of Gatefold sees it, built and hooked in one place. */
public record WatchServices(FilmStreams streams, Rentals rentals, WatchLinks links, FilmOffers offers, FilmSubtitles subtitles,
                            FilmTrailers trailers) {

    /** What watching needs from the rest of the store. */
    public record Needs(Jdbi jdbi, BlobStore store, Catalog catalog, Jobs jobs, LinkSigner signer, Entitlements entitlements,
                        DownloadLinks downloads, Orders orders, URI publicUrl, Path workDir) {
    }

    /**
     * Builds the services, registers the packaging job where ffmpeg is present, and hooks in:
     * catalog changes plan packages, purchases list their film, rentals and stream-only films
     * withhold the master's download.
     */
    public static WatchServices build(Needs needs, MediaTools tools, Predicate<String> hasBuyers, Clock clock) {
        FilmStreams streams = new FilmStreams(needs.jdbi(), needs.catalog(), needs.jobs(), hasBuyers);
        streams.packagingAvailable(tools.present());
        Rentals rentals = new Rentals(needs.jdbi(), clock);
        WatchLinks links = new WatchLinks(needs.signer(), needs.entitlements(), streams, rentals, needs.publicUrl(), clock);
        FilmOffers offers = new FilmOffers(needs.jdbi(), rentals, clock);
        FilmTrailers trailers = new FilmTrailers(needs.jdbi(), needs.catalog(), needs.jobs(), streams, clock);
        trailers.makingAvailable(tools.present());
        if (tools.present()) {
            FilmTools filmTools = new FilmTools(needs.store(), tools.ffmpeg(), tools.ffprobe(), tools.slots(), needs.workDir());
            needs.jobs().register(TrailerJob.KIND, new TrailerJob(needs.jdbi(), needs.catalog(), trailers, filmTools, clock));
            needs.jobs().register(PackageJob.KIND, new PackageJob(needs.jdbi(), needs.catalog(), streams, filmTools, clock));
        }
        needs.jobs().register(FilmSweepJob.KIND, new FilmSweepJob(needs.jdbi(), needs.catalog(), streams, trailers, needs.store(), clock));
        needs.catalog().watch(streams::refresh);
        needs.catalog().watch(trailers::refresh);
        needs.orders().listen(offers);
        // A rental that is over offers no film to play, so the library never shows a player that will refuse.
        needs.downloads().streamFrom(entitlement -> {
            var film = links.hls(entitlement); // asked first: a purchase of music never looks for a rental
            return film.isEmpty() || !rentals.ended(entitlement.id()) ? film : java.util.List.of();
        });
        needs.downloads().withhold(offers::withheld);
        return new WatchServices(streams, rentals, links, offers, new FilmSubtitles(needs.jdbi(), needs.store(), clock),
                trailers);
    }

    /** This instance runs background work: keep the sweep of unwanted film files scheduled. */
    public void startWork(Jobs jobs) {
        jobs.every(FilmSweepJob.KIND, java.time.Duration.ofDays(1));
    }

    /** What an artist's films take in the store (packages, chosen trailers, subtitles): part of their derived files' figure. */
    public static java.util.function.ToLongFunction<String> derivedBytes(Jdbi jdbi) {
        return artistId -> jdbi.withExtension(WatchDao.class, dao -> dao.filmBytes(artistId, "artists/" + artistId + "/%"));
    }
}
