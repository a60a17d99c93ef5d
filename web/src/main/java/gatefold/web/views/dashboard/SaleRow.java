package gatefold.web.views.dashboard;

/** One sale in the sales table. */
public record SaleRow(String date, String release, String email, String amount, String status, String source) {
}
