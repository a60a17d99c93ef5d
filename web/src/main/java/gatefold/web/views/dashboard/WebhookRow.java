package gatefold.web.views.dashboard;

/** A seller webhook: where sales are announced. */
public record WebhookRow(String id, String url, String created) {
}
