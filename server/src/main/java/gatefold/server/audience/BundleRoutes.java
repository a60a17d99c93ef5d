package gatefold.server.audience;

import gatefold.server.common.Fields;
import gatefold.server.accounts.Artist;
import gatefold.server.accounts.CurrentArtist;
import gatefold.server.catalog.Release;
import gatefold.server.common.Money;
import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import gatefold.server.http.JsonBody;
import gatefold.server.http.RouteGroup;
import gatefold.server.sales.Checkout;
import gatefold.server.storefront.StorePages;
import gatefold.web.views.store.BundlePage;
import gatefold.web.views.store.Link;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Bundles: the artist's API to make, list, replace and delete them, their public description, and their checkout. */
public final class BundleRoutes implements RouteGroup {

    private final Bundles bundles;
    private final CurrentArtist current;
    private final URI publicUrl;

    public BundleRoutes(Bundles bundles, CurrentArtist current, URI publicUrl) {
        this.bundles = bundles;
        this.current = current;
        this.publicUrl = publicUrl;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/bundles", ctx -> {
            Artist artist = current.require(ctx);
            ctx.status(201).json(view(bundles.create(artist, JsonBody.of(ctx, Bundles.FIELDS))));
        });
        routes.get("/api/bundles", ctx -> ctx.json(bundles.of(current.require(ctx)).stream().map(this::view).toList()));
        routes.get("/api/bundles/{id}", ctx -> ctx.json(view(bundles.owned(current.require(ctx), ctx.pathParam("id")))));
        routes.put("/api/bundles/{id}", ctx -> ctx.json(view(bundles.update(current.require(ctx), ctx.pathParam("id"),
                JsonBody.of(ctx, Bundles.FIELDS)))));
        routes.delete("/api/bundles/{id}", ctx -> {
            bundles.delete(current.require(ctx), ctx.pathParam("id"));
            ctx.status(204);
        });
        routes.get("/bundles/{id}", this::show);
        routes.post("/checkout/bundle/{id}", this::checkout);
    }

    Map<String, Object> view(Bundle b) {
        var releases = bundles.releases(b);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", b.id());
        out.put("title", b.title());
        out.put("price", b.price().toWire());
        out.put("minPrice", b.minPrice().map(m -> m.toWire()).orElse(null));
        out.put("worth", new Money(releases.stream().mapToLong(BundlePrice::worth).sum(),
                b.price().currency()).toWire());
        out.put("includesFuture", b.includesFuture());
        out.put("releases", releases.stream().map(BundleRoutes::release).toList());
        out.put("checkoutUrl", publicUrl + "/checkout/bundle/" + b.id());
        return out;
    }

    /** The public bundle: JSON for tools, a page with the buy form for a browser. */
    private void show(Context ctx) {
        Bundle bundle = bundles.find(ctx.pathParam("id")).orElseThrow(() -> Refusal.notFound("No such bundle."));
        Artist artist = bundles.artistOf(bundle).orElseThrow(() -> Refusal.notFound("No such bundle."));
        String accept = Optional.ofNullable(ctx.header("Accept")).orElse("");
        if (!accept.contains("text/html")) {
            ctx.json(view(bundle));
            return;
        }
        List<Release> releases = bundles.releases(bundle);
        String currency = bundle.currency();
        Money worth = new Money(releases.stream().mapToLong(BundlePrice::worth).sum(), bundle.price().currency());
        StorePages.render(ctx, "store/bundle.jte", new BundlePage(StorePages.layout(bundle.title()), bundle.title(), artist.name(),
                "/a/" + artist.slug(), releases.stream().map(r -> new Link("/r/" + artist.slug() + "/" + r.slug(), r.title())).toList(),
                bundle.price().amount() + " " + currency, worth.amount() + " " + currency, bundle.includesFuture(),
                "/checkout/bundle/" + bundle.id()));
    }

    private static Map<String, Object> release(Release r) {
        return Map.of("id", r.id(), "title", r.title());
    }

    /** Like a release's checkout: JSON answers 201 with where to pay; a form is sent on there. */
    private void checkout(Context ctx) {
        String bundleId = ctx.pathParam("id");
        String type = Optional.ofNullable(ctx.contentType()).orElse("");
        boolean json = type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
        Checkout.Request request;
        if (json) {
            Fields body = JsonBody.of(ctx, Set.of("email", "provider", "country"));
            request = new Checkout.Request(body.requiredString("email", 320), Optional.empty(), Optional.empty(),
                    body.string("provider", 20), Optional.empty(), body.string("country", 2), Optional.empty());
        } else {
            request = new Checkout.Request(Optional.ofNullable(ctx.formParam("email")).orElse(""), Optional.empty(),
                    Optional.empty(), Optional.ofNullable(ctx.formParam("provider")).filter(p -> !p.isBlank()), Optional.empty(),
                    Optional.ofNullable(ctx.formParam("country")).filter(c -> !c.isBlank()), Optional.empty());
        }
        Checkout.Started started = bundles.checkout(bundleId, request, ClientAddress.of(ctx));
        if (!json) {
            ctx.redirect(started.next().toString(), HttpStatus.SEE_OTHER);
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", started.purchase().id());
        out.put("bundleId", bundleId);
        out.put("status", started.purchase().status());
        out.put("amount", started.purchase().amount().toWire());
        out.put("redirectUrl", started.next().toString());
        out.put("receiptUrl", started.receipt().toString());
        ctx.status(201).json(out);
    }
}
