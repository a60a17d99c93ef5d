package gatefold.web.views.dashboard;

/** A download code with its uses and who redeemed it. */
public record CodeRow(String code, int uses, int maxUses, String expiresAt, String redeemedBy) {
}
