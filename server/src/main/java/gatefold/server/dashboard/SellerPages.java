package gatefold.server.dashboard;

import gatefold.server.accounts.CurrentArtist.SignedIn;
import gatefold.server.common.Refusal;
import gatefold.server.http.ErrorPages;
import gatefold.server.invoices.SellerProfile;
import gatefold.server.invoices.SellerProfiles;
import gatefold.server.invoices.TaxRates;
import gatefold.server.invoices.TaxReport;
import gatefold.web.views.dashboard.SellerPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Taxes and invoices: the seller profile, the tax rates (pasted as CSV), and the tax report's download. */
final class SellerPages {

    private final Dashboard dashboard;
    private final SellerProfiles profiles;
    private final TaxRates rates;

    SellerPages(Dashboard dashboard, SellerProfiles profiles, TaxRates rates) {
        this.dashboard = dashboard;
        this.profiles = profiles;
        this.rates = rates;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/dashboard/seller", dashboard.page((ctx, s) -> show(ctx, s, profiles.get(s.artist().id()), null, null,
                null, List.of())));
        routes.post("/dashboard/seller", dashboard.form(this::saveProfile));
        routes.post("/dashboard/seller/rates", dashboard.form(this::saveRates));
    }

    private void show(Context ctx, SignedIn s, SellerProfile p, String ratesCsv, String error, String notice, List<String> problems) {
        TaxReport.Period quarter = TaxReport.Period.of(Optional.empty(), Optional.empty(), LocalDate.now(ZoneOffset.UTC));
        String csv = ratesCsv != null ? ratesCsv : TaxRates.csv(rates.list(s.artist().id()));
        dashboard.render(ctx, "dashboard/seller.jte", new SellerPage(dashboard.nav(s, "Taxes and invoices", "seller"),
                p.legalName(), p.address(), p.taxId(), p.invoicePrefix(), p.invoices(), p.pricesIncludeTax(),
                p.stripeAutomaticTax(), csv, problems, error, notice, quarter.from().toString(), quarter.to().toString()));
    }

    private void saveProfile(Context ctx, SignedIn s) {
        SellerProfile typed;
        try {
            typed = new SellerProfile(ctx.formParam("legalName"), ctx.formParam("address"), ctx.formParam("taxId"),
                    ctx.formParam("invoicePrefix"), ctx.formParam("invoices") != null, ctx.formParam("pricesIncludeTax") != null,
                    ctx.formParam("stripeAutomaticTax") != null);
        } catch (Refusal refused) {
            ctx.status(ErrorPages.status(refused));
            show(ctx, s, profiles.get(s.artist().id()), null, refused.getMessage(), null, List.of());
            return;
        }
        show(ctx, s, profiles.save(s.artist().id(), typed), null, null, "Saved.", List.of());
    }

    private void saveRates(Context ctx, SignedIn s) {
        String text = Optional.ofNullable(ctx.formParam("rates")).orElse("");
        TaxRates.Imported imported;
        try {
            imported = rates.importCsv(s.artist().id(), text);
        } catch (Refusal refused) {
            ctx.status(ErrorPages.status(refused));
            show(ctx, s, profiles.get(s.artist().id()), text, refused.getMessage(), null, List.of());
            return;
        }
        if (!imported.ok()) {
            ctx.status(422);
            show(ctx, s, profiles.get(s.artist().id()), text, "No rate was changed.", null, imported.problems());
            return;
        }
        show(ctx, s, profiles.get(s.artist().id()), null, null, "Saved " + imported.rates().size() + " rate(s).", List.of());
    }
}
