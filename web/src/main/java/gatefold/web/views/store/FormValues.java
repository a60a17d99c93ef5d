package gatefold.web.views.store;

/** What the fan typed into a checkout form, shown again after a refusal (nulls where nothing was typed). */
public record FormValues(String email, String amount, String discountCode, String buyerName, String buyerAddress,
                         String buyerTaxId) {

    public static final FormValues EMPTY = new FormValues(null, null, null, null, null, null);
}
