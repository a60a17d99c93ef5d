package gatefold.web.views.embed;

import java.util.List;

/**
 * The checkout form inside the overlay: email, an amount for pay-what-you-want, a discount
 * code and the ways to pay. {@code error} (or null) says what to fix after a refused attempt.
 * {@code tax} asks where the fan lives when the artist charges tax. {@code rent} (or null): this
 * checkout rents the film at its one price, with no amount and no discount code.
 */
public record EmbedCheckout(EmbedFrame frame, String title, String artistName, String coverSrc, String priceLabel,
                            String action, boolean free, boolean payWhatYouWant, String amountLabel, String amount,
                            String email, List<ProviderOption> providers, String error, String releaseUrl,
                            gatefold.web.views.store.TaxQuestion tax, gatefold.web.views.store.RentForm rent) {

    public EmbedCheckout(EmbedFrame frame, String title, String artistName, String coverSrc, String priceLabel, String action,
                         boolean free, boolean payWhatYouWant, String amountLabel, String amount, String email,
                         List<ProviderOption> providers, String error, String releaseUrl, gatefold.web.views.store.TaxQuestion tax) {
        this(frame, title, artistName, coverSrc, priceLabel, action, free, payWhatYouWant, amountLabel, amount, email, providers,
                error, releaseUrl, tax, null);
    }

    public EmbedCheckout(EmbedFrame frame, String title, String artistName, String coverSrc, String priceLabel, String action,
                         boolean free, boolean payWhatYouWant, String amountLabel, String amount, String email,
                         List<ProviderOption> providers, String error, String releaseUrl) {
        this(frame, title, artistName, coverSrc, priceLabel, action, free, payWhatYouWant, amountLabel, amount, email, providers,
                error, releaseUrl, gatefold.web.views.store.TaxQuestion.NONE);
    }
}
