package gatefold.server.invoices;

import gatefold.server.common.Refusal;
import gatefold.server.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /invoices/{token}.pdf}: an invoice or credit note for whoever holds its link
 * (the fan's receipt, library and mail, the artist's API). The token is the only key, so the
 * answer is private and kept out of referrers and search engines.
 */
public final class InvoiceRoutes implements RouteGroup {

    private final Invoices invoices;

    public InvoiceRoutes(Invoices invoices) {
        this.invoices = invoices;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/invoices/{file}", this::pdf);
    }

    private void pdf(Context ctx) {
        String file = ctx.pathParam("file");
        String token = file.endsWith(".pdf") ? file.substring(0, file.length() - 4) : "";
        Invoice invoice = invoices.byToken(token).orElseThrow(() -> Refusal.notFound("No such invoice."));
        byte[] pdf = invoices.pdf(invoice);
        ctx.header("Cache-Control", "private, no-cache")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "noindex")
                .header("Content-Disposition", "inline; filename=\"" + invoice.docNumber() + ".pdf\"")
                .contentType("application/pdf")
                .result(pdf);
    }
}
