package gatefold.server.invoices;

import gatefold.server.common.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/**
 * An invoice or credit note as issued, with the seller, item and amounts copied in. A credit
 * note carries the amounts of the invoice it {@code corrects}, positive; it is printed negative.
 *
 * @param kind "invoice" or "credit_note"
 */
public record Invoice(String id, String artistId, String purchaseId, String kind, int seriesYear, int seq, String docNumber,
                      String corrects, Instant issuedAt, String tokenHash, String sealedToken, String sellerName,
                      String sellerAddress, String sellerTaxId, String buyerEmail, String item, String currency, long netMinor,
                      long taxMinor, long totalMinor, BigDecimal taxRate, String taxLabel, String taxCountry) {

    public static final String INVOICE = "invoice";
    public static final String CREDIT_NOTE = "credit_note";

    public boolean isCreditNote() {
        return CREDIT_NOTE.equals(kind);
    }

    public Money net() {
        return new Money(netMinor, Currency.getInstance(currency));
    }

    public Money tax() {
        return new Money(taxMinor, Currency.getInstance(currency));
    }

    public Money total() {
        return new Money(totalMinor, Currency.getInstance(currency));
    }
}
