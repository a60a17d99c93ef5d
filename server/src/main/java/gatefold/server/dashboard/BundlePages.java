package gatefold.server.dashboard;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gatefold.server.accounts.CurrentArtist.SignedIn;
import gatefold.server.audience.Bundle;
import gatefold.server.audience.Bundles;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.common.Fields;
import gatefold.server.common.Refusal;
import gatefold.server.http.ErrorPages;
import gatefold.web.views.dashboard.BundleForm;
import gatefold.web.views.dashboard.BundleRow;
import gatefold.web.views.dashboard.BundlesPage;
import gatefold.web.views.dashboard.Choice;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Bundles: the list, the form that makes one, a bundle's own page to edit it, and deleting one
 * nobody bought. The form becomes the JSON body the API takes, so both are checked the same way.
 */
final class BundlePages {

    private final Dashboard dashboard;
    private final Catalog catalog;
    private final Bundles bundles;

    BundlePages(Dashboard dashboard, Catalog catalog, Bundles bundles) {
        this.dashboard = dashboard;
        this.catalog = catalog;
        this.bundles = bundles;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/dashboard/bundles", dashboard.page((ctx, s) -> list(ctx, s, blank(s, Set.of()), null)));
        routes.post("/dashboard/bundles", dashboard.form(this::create));
        routes.get("/dashboard/bundles/{id}", dashboard.page((ctx, s) ->
                edit(ctx, s, filled(s, bundles.owned(s.artist(), ctx.pathParam("id"))), null)));
        routes.post("/dashboard/bundles/{id}", dashboard.form(this::update));
        routes.post("/dashboard/bundles/{id}/delete", dashboard.form(this::delete));
    }

    private void list(Context ctx, SignedIn s, BundleForm form, String error) {
        List<BundleRow> rows = bundles.of(s.artist()).stream().map(b -> new BundleRow(b.id(), b.title(),
                bundles.releases(b).stream().map(Release::title).collect(Collectors.joining(", ")), Dashboard.money(b.price()),
                b.includesFuture(), dashboard.publicUrl() + "/bundles/" + b.id())).toList();
        dashboard.render(ctx, "dashboard/bundles.jte", new BundlesPage(dashboard.nav(s, "Bundles", "bundles"), rows, form, error));
    }

    private void edit(Context ctx, SignedIn s, BundleForm form, String error) {
        dashboard.render(ctx, "dashboard/bundles.jte", new BundlesPage(dashboard.nav(s, "Edit " + form.title(), "bundles"),
                List.of(), form, error));
    }

    private void create(Context ctx, SignedIn s) {
        try {
            bundles.create(s.artist(), body(ctx));
        } catch (Refusal refused) {
            refusedBy(refused);
            ctx.status(ErrorPages.status(refused));
            list(ctx, s, typed(ctx, s, null), refused.getMessage());
            return;
        }
        Dashboard.seeOther(ctx, "/dashboard/bundles");
    }

    private void update(Context ctx, SignedIn s) {
        Bundle bundle = bundles.owned(s.artist(), ctx.pathParam("id"));
        try {
            bundles.update(s.artist(), bundle.id(), body(ctx));
        } catch (Refusal refused) {
            refusedBy(refused);
            ctx.status(ErrorPages.status(refused));
            edit(ctx, s, typed(ctx, s, bundle.id()), refused.getMessage());
            return;
        }
        Dashboard.seeOther(ctx, "/dashboard/bundles");
    }

    private void delete(Context ctx, SignedIn s) {
        try {
            bundles.delete(s.artist(), ctx.pathParam("id"));
        } catch (Refusal refused) {
            refusedBy(refused);
            ctx.status(ErrorPages.status(refused));
            list(ctx, s, blank(s, Set.of()), refused.getMessage());
            return;
        }
        Dashboard.seeOther(ctx, "/dashboard/bundles");
    }

    /** Someone else's bundle or release is not shown as a form error: it answers like a missing page. */
    private static void refusedBy(Refusal refused) {
        if (ErrorPages.status(refused) == 404) {
            throw refused;
        }
    }

    /** The posted form as the API's body. */
    private static Fields body(Context ctx) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("title", Optional.ofNullable(ctx.formParam("title")).orElse(""));
        ctx.formParams("releaseIds").forEach(node.putArray("releaseIds")::add);
        node.put("includesFuture", ctx.formParam("includesFuture") != null);
        node.put("price", Optional.ofNullable(ctx.formParam("price")).orElse("").strip());
        Optional.ofNullable(Dashboard.blankToNull(ctx.formParam("minPrice"))).ifPresent(m -> node.put("minPrice", m));
        return Fields.of(node);
    }

    private BundleForm blank(SignedIn s, Set<String> ticked) {
        return new BundleForm(null, "", releases(s, ticked), "", "", false);
    }

    private BundleForm filled(SignedIn s, Bundle b) {
        Set<String> ticked = bundles.releases(b).stream().map(Release::id).collect(Collectors.toSet());
        return new BundleForm(b.id(), b.title(), releases(s, ticked), b.price().amount(),
                b.minPrice().map(m -> m.amount()).orElse(""), b.includesFuture());
    }

    private BundleForm typed(Context ctx, SignedIn s, String id) {
        return new BundleForm(id, Optional.ofNullable(ctx.formParam("title")).orElse(""),
                releases(s, Set.copyOf(ctx.formParams("releaseIds"))), Optional.ofNullable(ctx.formParam("price")).orElse(""),
                Optional.ofNullable(ctx.formParam("minPrice")).orElse(""), ctx.formParam("includesFuture") != null);
    }

    /** The releases a bundle may hold: published or unlisted ones. */
    private List<Choice> releases(SignedIn s, Set<String> ticked) {
        return catalog.releases(s.artist()).stream().filter(Release::isOut)
                .map(r -> new Choice(r.id(), r.title() + " (" + r.price().map(Dashboard::money).orElse("free") + ")", ticked.contains(r.id()))).toList();
    }
}
