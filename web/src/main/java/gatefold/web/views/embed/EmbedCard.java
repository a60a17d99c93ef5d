package gatefold.web.views.embed;

import gatefold.web.views.store.Track;
import java.util.List;

/**
 * The card another site frames: cover (or null), title, artist, price, the formats it comes
 * in ("FLAC, MP3 320 and 7 more", or null), a buy link, and the tracks a visitor may preview.
 * {@code compact} is the one-line size for sidebars and posts (it plays the first preview).
 * {@code rent} (or null) offers a film to rent beside buying it, {@code rentUrl} its checkout.
 * {@code followAction} is where the card's follow form posts (null: no form).
 */
public record EmbedCard(EmbedFrame frame, String title, String artistName, String kindLabel, String priceLabel,
                        String coverSrc, String releaseUrl, String buyUrl, String buyLabel, String formats,
                        boolean compact, List<Track> previews, gatefold.web.views.store.RentForm rent, String rentUrl,
                        String followAction) {

    public EmbedCard(EmbedFrame frame, String title, String artistName, String kindLabel, String priceLabel,
                     String coverSrc, String releaseUrl, String buyUrl, String buyLabel, String formats, boolean compact) {
        this(frame, title, artistName, kindLabel, priceLabel, coverSrc, releaseUrl, buyUrl, buyLabel, formats, compact, List.of(), null, null, null);
    }

    /** What the card's player lists: every preview, or the first one in the compact size. */
    public List<Track> shownPreviews() {
        return compact && previews.size() > 1 ? previews.subList(0, 1) : previews;
    }
}
