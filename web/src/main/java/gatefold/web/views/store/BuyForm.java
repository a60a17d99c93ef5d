package gatefold.web.views.store;

import java.util.List;

/**
 * The buy form, which works without JavaScript: it posts to {@code action}.
 * {@code pricing} is fixed, pwyw or free; {@code price} is the price in words; for pay
 * what you want, {@code minimum} and {@code suggested} are decimal strings in
 * {@code currency}. {@code unavailable} explains why nobody can pay online (or is null).
 * {@code tax} asks where the fan lives when the artist charges tax; {@code values} and
 * {@code error} show a refused attempt again. {@code preorder} says, on a pre-order, when it comes out
 * and what buyers get at once (or is null).
 */
public record BuyForm(String action, String pricing, String price, String currency, String minimum, String suggested,
                      List<ProviderChoice> providers, String button, String unavailable, TaxQuestion tax, FormValues values,
                      String error, String preorder) {

    public BuyForm(String action, String pricing, String price, String currency, String minimum, String suggested,
                   List<ProviderChoice> providers, String button, String unavailable, TaxQuestion tax, FormValues values,
                   String error) {
        this(action, pricing, price, currency, minimum, suggested, providers, button, unavailable, tax, values, error, null);
    }

    public BuyForm(String action, String pricing, String price, String currency, String minimum, String suggested,
                   List<ProviderChoice> providers, String button, String unavailable) {
        this(action, pricing, price, currency, minimum, suggested, providers, button, unavailable, TaxQuestion.NONE,
                FormValues.EMPTY, null);
    }

    public boolean pwyw() {
        return "pwyw".equals(pricing);
    }

    public boolean free() {
        return "free".equals(pricing);
    }

    /** The same form with the tax question, and what the fan typed before (if anything). */
    public BuyForm with(TaxQuestion question, FormValues typed, String problem) {
        String amount = typed.amount() != null ? typed.amount() : suggested;
        return new BuyForm(action, pricing, price, currency, minimum, amount, providers, button, unavailable, question, typed,
                problem, preorder);
    }

    /** The same form as a pre-order: its heading and button say so, and {@code note} says when it comes out. */
    public BuyForm asPreorder(String note, String preorderButton) {
        return new BuyForm(action, pricing, price, currency, minimum, suggested, providers, preorderButton, unavailable, tax, values,
                error, note);
    }
}
