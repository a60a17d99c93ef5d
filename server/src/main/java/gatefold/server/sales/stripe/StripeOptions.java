package gatefold.server.sales.stripe;

import gatefold.server.config.ConfigException;
import gatefold.server.config.Settings;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the operator may set for Stripe: another API address (a local stand-in for tests or
 * a proxy) and the platform's secret key, which lets artists who connected their Stripe
 * account through the operator's platform (Connect) take payments without a key of their own.
 *
 * @param apiBase     {@code GATEFOLD_STRIPE_API_BASE}; empty means Stripe itself
 * @param platformKey {@code GATEFOLD_STRIPE_PLATFORM_KEY}; empty means Connect-only artists cannot sell online
 */
public record StripeOptions(Optional<String> apiBase, Optional<String> platformKey) {

    public static final String API_BASE = "GATEFOLD_STRIPE_API_BASE";
    public static final String PLATFORM_KEY = "GATEFOLD_STRIPE_PLATFORM_KEY";

    public StripeOptions {
        apiBase = apiBase.map(StripeOptions::checkedBase);
    }

    public static StripeOptions none() {
        return new StripeOptions(Optional.empty(), Optional.empty());
    }

    /** From the process environment only. */
    public static StripeOptions fromEnvironment() {
        return read(name -> Optional.ofNullable(System.getenv(name)).map(String::strip).filter(v -> !v.isEmpty()));
    }

    /** From the server's settings (the environment over the properties file), as the rest of the configuration. */
    public static StripeOptions from(Settings settings) {
        return read(settings::get);
    }

    private static StripeOptions read(Function<String, Optional<String>> lookup) {
        return new StripeOptions(lookup.apply(API_BASE), lookup.apply(PLATFORM_KEY));
    }

    private static String checkedBase(String raw) {
        URI uri;
        try {
            uri = URI.create(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(API_BASE + "=" + raw + " is not a URL; leave it unset to use Stripe itself");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new ConfigException(API_BASE + "=" + raw + " must be an http(s) address; leave it unset to use Stripe itself");
        }
        return raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    }

    @Override
    public String toString() {
        return "StripeOptions[apiBase=" + apiBase.orElse("stripe") + ", platformKey=" + (platformKey.isPresent() ? "set" : "unset") + "]";
    }
}
