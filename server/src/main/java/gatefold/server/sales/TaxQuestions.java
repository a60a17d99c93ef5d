package gatefold.server.sales;

import gatefold.web.views.store.Option;
import gatefold.web.views.store.TaxQuestion;
import java.util.List;
import java.util.Optional;

/**
 * The tax part of a checkout form, built from the artist's terms: nothing at all for an artist
 * who charges no tax and issues no invoices; else a note on how tax is charged, the country
 * select (chosen: what the fan chose, else the region of their browser's language), and the
 * invoice details for business buyers.
 */
public final class TaxQuestions {

    private TaxQuestions() {
    }

    public static TaxQuestion of(TaxTerms terms, Optional<String> chosen, String acceptLanguage) {
        if (!terms.asksCountry() && !terms.stripeAutomatic() && !terms.invoices()) {
            return TaxQuestion.NONE;
        }
        List<Option> countries = List.of();
        if (terms.asksCountry()) {
            String selected = chosen.filter(Countries::known).or(() -> Countries.fromAcceptLanguage(acceptLanguage)).orElse("");
            countries = Countries.all().stream().map(c -> new Option(c.code(), c.name(), c.code().equals(selected))).toList();
        }
        return new TaxQuestion(countries, note(terms), terms.invoices());
    }

    private static String note(TaxTerms terms) {
        String label = terms.asksCountry() ? terms.label() : "tax";
        if (terms.asksCountry()) {
            return terms.pricesIncludeTax() ? "Prices include " + label + " at the rate of the country you live in."
                    : capitalized(label) + " for the country you live in is added to the price.";
        }
        if (terms.stripeAutomatic()) {
            return terms.pricesIncludeTax() ? "Prices include tax." : "Tax is added to the price when you pay.";
        }
        return null;
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
