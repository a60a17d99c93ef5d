package gatefold.web.views.dashboard;

/**
 * The artist's account page: the password form (asking for the current one when there is
 * one) and how many API tokens work, so the artist can choose to revoke them with a change.
 */
public record AccountPage(Nav nav, String email, boolean hasPassword, int liveTokens, String notice, String error) {
}
