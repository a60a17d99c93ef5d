package gatefold.server.dashboard;

import gatefold.server.accounts.CurrentArtist.SignedIn;
import gatefold.server.catalog.Catalog;
import gatefold.server.common.Refusal;
import gatefold.server.http.ErrorPages;
import gatefold.server.moving.BuyerDrafts;
import gatefold.server.moving.BuyerImport;
import gatefold.web.views.dashboard.BuyerColumnChoice;
import gatefold.web.views.dashboard.BuyersCheckPage;
import gatefold.web.views.dashboard.Choice;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /dashboard/moving/buyers/{id}}: the artist has looked at the columns of a kept
 * buyers' file and either checks again with what they changed ({@code step=check}) or imports
 * ({@code step=import}). Each column's meaning is a plain select ({@code meaning.<n>}), so the
 * page needs no script. Bad rows are listed by line; a file with bad rows imports nothing unless
 * the artist ticks "import the good rows".
 */
final class BuyerCheckPages {

    private static final Map<String, String> LABELS = Map.of("", "(not used)", "email", "Email", "date", "Date",
            "amount", "Amount paid", "currency", "Currency", "name", "Name");
    private final Dashboard dashboard;
    private final BuyerDrafts drafts;
    private final Catalog catalog;

    BuyerCheckPages(Dashboard dashboard, BuyerDrafts drafts, Catalog catalog) {
        this.dashboard = dashboard;
        this.drafts = drafts;
        this.catalog = catalog;
    }

    void addTo(RoutesConfig routes) {
        routes.post("/dashboard/moving/buyers/{id}", dashboard.form(this::confirm));
    }

    private void confirm(Context ctx, SignedIn s) {
        String id = ctx.pathParam("id");
        String artist = s.artist().id();
        List<String> header = drafts.header(artist, id);
        String title = MovingPages.title(catalog, s, drafts.releaseId(artist, id));
        List<String> meanings = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String meaning = ctx.formParam("meaning." + i);
            meanings.add(meaning == null ? "" : meaning);
        }
        var preset = MovingPages.preset(ctx);
        Map<String, String> columns;
        try {
            columns = BuyerDrafts.columnsFrom(header, meanings);
            if (!"import".equals(ctx.formParam("step"))) {
                render(ctx, s, drafts.preview(artist, id, preset, columns), null, null);
                return;
            }
            boolean skipBad = "true".equals(ctx.formParam("skipBad"));
            BuyerImport.Result result = drafts.importNow(artist, id, preset, columns, skipBad, "true".equals(ctx.formParam("mail")));
            if (!result.changed() && !result.problems().isEmpty() && !skipBad) {
                ctx.status(422);
                render(ctx, s, drafts.preview(artist, id, preset, columns), null, result.problems().size()
                        + " row(s) are not buyers, so nothing was imported. Fix the file or the columns, or tick \"Import the good"
                        + " rows\".");
                return;
            }
            done(ctx, s, id, title, result);
        } catch (Refusal refused) {
            ctx.status(ErrorPages.status(refused));
            render(ctx, s, drafts.preview(artist, id, preset, Map.of()), null, refused.getMessage());
        }
    }

    /** The columns, first rows and bad rows of a kept file, for the artist to confirm. */
    void render(Context ctx, SignedIn s, BuyerDrafts.Preview p, String summary, String error) {
        List<BuyerColumnChoice> columns = new ArrayList<>();
        for (int i = 0; i < p.header().size(); i++) {
            String meaning = p.meanings().get(i);
            List<Choice> choices = new ArrayList<>();
            choices.add(new Choice("", LABELS.get(""), meaning.isEmpty()));
            BuyerDrafts.FIELDS.forEach(f -> choices.add(new Choice(f, LABELS.get(f), f.equals(meaning))));
            columns.add(new BuyerColumnChoice(i, p.header().get(i), choices));
        }
        BuyerImport.Result check = p.check();
        if (check == null) {
            check = new BuyerImport.Result(Map.of(), 0, 0, 0, List.of(), false, 0);
            error = error != null ? error : "No column looks like the buyers' email: choose which one holds it.";
        }
        String counted = summary != null ? summary : p.check() == null ? null : p.rows() + " row(s): " + (p.rows() - check.problems().size() - check.notSales()
                - check.duplicates() - check.alreadyHad()) + " new buyer(s), " + check.alreadyHad() + " have it already, "
                + check.duplicates() + " repeated, " + check.problems().size() + " bad" + notSales(check) + ".";
        dashboard.render(ctx, "dashboard/buyers-check.jte", new BuyersCheckPage(dashboard.nav(s, "Buyers", "moving"), p.id(),
                p.fileName(), MovingPages.title(catalog, s, p.releaseId()), p.preset(), columns, p.firstRows(), p.rows(),
                problems(check), counted, false, error));
    }

    private void done(Context ctx, SignedIn s, String id, String title, BuyerImport.Result r) {
        String summary = r.imported() + " buyer(s) imported; " + r.alreadyHad() + " had it already, " + r.duplicates()
                + " repeated in the file, " + r.problems().size() + " bad row(s) left out" + notSales(r) + ".";
        dashboard.render(ctx, "dashboard/buyers-check.jte", new BuyersCheckPage(dashboard.nav(s, "Buyers", "moving"), id, "", title,
                "", List.of(), List.of(), 0, problems(r), summary, true, null));
    }

    private static String notSales(BuyerImport.Result r) {
        return r.notSales() > 0 ? ", " + r.notSales() + " not sales (skipped)" : "";
    }

    private static List<String> problems(BuyerImport.Result r) {
        return r.problems().stream().map(p -> "line " + p.line() + ": " + p.reason()).toList();
    }
}
