package gatefold.web.views.dashboard;

/** A discount code as the artist sees it. */
public record DiscountRow(String id, String code, String off, String release, String window, String uses) {
}
