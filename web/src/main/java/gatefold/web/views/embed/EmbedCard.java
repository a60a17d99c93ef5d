package gatefold.web.views.embed;

/**
 * The card another site frames: cover (or null), title, artist, price, the formats it comes
 * in ("FLAC, MP3 320 and 7 more", or null) and a buy link.
 * {@code compact} is the one-line size for sidebars and posts.
 */
public record EmbedCard(EmbedFrame frame, String title, String artistName, String kindLabel, String priceLabel,
                        String coverSrc, String releaseUrl, String buyUrl, String buyLabel, String formats,
                        boolean compact) {
}
