package gatefold.web.views.store;

import java.util.List;

/**
 * The buy form, which works without JavaScript: it posts to {@code action}.
 * {@code pricing} is fixed, pwyw or free; {@code price} is the price in words; for pay
 * what you want, {@code minimum} and {@code suggested} are decimal strings in
 * {@code currency}. {@code unavailable} explains why nobody can pay online (or is null).
 */
public record BuyForm(String action, String pricing, String price, String currency, String minimum, String suggested,
                      List<ProviderChoice> providers, String button, String unavailable) {

    public boolean pwyw() {
        return "pwyw".equals(pricing);
    }

    public boolean free() {
        return "free".equals(pricing);
    }
}
