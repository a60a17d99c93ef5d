package gatefold.web.views.embed;

import java.util.List;

/**
 * The checkout form inside the overlay: email, an amount for pay-what-you-want, a discount
 * code and the ways to pay. {@code error} (or null) says what to fix after a refused attempt.
 * {@code tax} asks where the fan lives when the artist charges tax.
 */
public record EmbedCheckout(EmbedFrame frame, String title, String artistName, String coverSrc, String priceLabel,
                            String action, boolean free, boolean payWhatYouWant, String amountLabel, String amount,
                            String email, List<ProviderOption> providers, String error, String releaseUrl,
                            gatefold.web.views.store.TaxQuestion tax) {

    public EmbedCheckout(EmbedFrame frame, String title, String artistName, String coverSrc, String priceLabel, String action,
                         boolean free, boolean payWhatYouWant, String amountLabel, String amount, String email,
                         List<ProviderOption> providers, String error, String releaseUrl) {
        this(frame, title, artistName, coverSrc, priceLabel, action, free, payWhatYouWant, amountLabel, amount, email, providers,
                error, releaseUrl, gatefold.web.views.store.TaxQuestion.NONE);
    }
}
