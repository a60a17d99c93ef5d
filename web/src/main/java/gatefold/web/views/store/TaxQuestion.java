package gatefold.web.views.store;

import java.util.List;

/**
 * The tax part of a checkout form, only for artists who charge tax or issue invoices:
 * the countries a fan picks where they live from (empty: not asked), a note on how tax is
 * charged, and whether business buyers may add invoice details.
 */
public record TaxQuestion(List<Option> countries, String note, boolean askBuyer) {

    public static final TaxQuestion NONE = new TaxQuestion(List.of(), null, false);

    public boolean asksCountry() {
        return !countries.isEmpty();
    }

    public boolean any() {
        return asksCountry() || note != null || askBuyer;
    }
}
