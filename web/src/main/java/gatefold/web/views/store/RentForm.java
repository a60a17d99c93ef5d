package gatefold.web.views.store;

/**
 * Renting a film, beside buying it: posts to {@code action} with {@code option=rent}. {@code
 * terms} says the two windows in words ("30 days to start, then 72 hours to finish").
 */
public record RentForm(String action, String price, String terms) {
}
