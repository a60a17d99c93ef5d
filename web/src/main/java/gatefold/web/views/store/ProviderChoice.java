package gatefold.web.views.store;

/** One way to pay, as a radio button. */
public record ProviderChoice(String value, String label, boolean checked) {
}
