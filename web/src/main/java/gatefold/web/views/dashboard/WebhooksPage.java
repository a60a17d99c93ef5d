package gatefold.web.views.dashboard;

import java.util.List;

/** Seller webhooks; the signing secret of a new one is shown once, right after it is added. */
public record WebhooksPage(Nav nav, List<WebhookRow> webhooks, String newSecret, String error) {
}
