package gatefold.web.views.dashboard;

/** One address on the artist's list: its state (following, pending, left), where it came from, since when, consent time. */
public record FollowerRow(String email, String state, String source, String since, String consentedAt) {
}
