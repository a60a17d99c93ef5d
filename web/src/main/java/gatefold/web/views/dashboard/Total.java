package gatefold.web.views.dashboard;

/** Confirmed sales in one currency. */
public record Total(String currency, String amount, long sales) {
}
