package gatefold.web.views.embed;

/** One way to pay offered in the embedded checkout. */
public record ProviderOption(String value, String label, boolean checked) {
}
