package gatefold.server.audience;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.common.Refusal;
import gatefold.server.mail.MailText;
import gatefold.server.storefront.Covers;
import gatefold.web.views.store.Cover;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An artist's published releases, or the whole store's latest, as a {@link Feed}. */
public final class Feeds {

    static final int ENTRIES = 50;
    private final Catalog catalog;
    private final Accounts accounts;
    private final Covers covers;
    private final URI publicUrl;

    public Feeds(Catalog catalog, Accounts accounts, Covers covers, URI publicUrl) {
        this.catalog = catalog;
        this.accounts = accounts;
        this.covers = covers;
        this.publicUrl = publicUrl;
    }

    public Feed ofArtist(String slug, String self) {
        Artist artist = accounts.bySlug(slug).orElseThrow(() -> Refusal.notFound("There is no artist at this address."));
        List<Release> releases = catalog.releases(artist).stream().filter(Release::isPublished)
                .sorted(Comparator.comparing(Feeds::published).reversed()).limit(ENTRIES).toList();
        List<Feed.Entry> entries = releases.stream().map(r -> entry(artist, r)).toList();
        return new Feed(artist.name(), "New releases from " + artist.name(), publicUrl + "/a/" + artist.slug(), publicUrl + self,
                updated(entries, artist.createdAt()), artist.name(), entries);
    }

    public Feed ofStore(String self) {
        Map<String, Optional<Artist>> artists = new HashMap<>();
        List<Feed.Entry> entries = new ArrayList<>();
        for (Release r : catalog.latestPublished(ENTRIES)) {
            artists.computeIfAbsent(r.artistId(), accounts::byId).ifPresent(a -> entries.add(entry(a, r)));
        }
        entries.sort(Comparator.comparing(Feed.Entry::published).reversed());
        String host = publicUrl.getHost();
        return new Feed("New releases at " + host, "Music, books and films sold here by the people who made them",
                publicUrl + "/", publicUrl + self, updated(entries, Instant.EPOCH), host, entries);
    }

    private Feed.Entry entry(Artist artist, Release r) {
        Cover cover = covers.view(r, catalog.files(r));
        String summary = MailText.line(r.description(), 500);
        if (summary.isEmpty()) {
            summary = r.title() + " by " + artist.name();
        }
        return new Feed.Entry(publicUrl + "/releases/" + r.id(), r.title(), publicUrl + "/r/" + artist.slug() + "/" + r.slug(),
                artist.name(), published(r), r.updatedAt(), summary, cover == null ? null : publicUrl + cover.src());
    }

    /** The release date when the artist gave one, else when it was made. */
    static Instant published(Release r) {
        return r.releaseDate() != null ? r.releaseDate().atStartOfDay(ZoneOffset.UTC).toInstant() : r.createdAt();
    }

    private static Instant updated(List<Feed.Entry> entries, Instant fallback) {
        return entries.stream().map(Feed.Entry::updated).max(Comparator.naturalOrder()).orElse(fallback);
    }
}
