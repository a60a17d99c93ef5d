package gatefold.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * Renders the precompiled JTE templates. Each template takes one typed view record
 * ({@code @param gatefold.web.views.X page}); HTML escaping is automatic and
 * context-aware, so text from artists and fans is always inert.
 */
public final class Pages {

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders {@code name} (e.g. "release.jte") with its view record. */
    public String render(String name, Object view) {
        StringOutput out = new StringOutput();
        engine.render(name, view, out);
        return out.toString();
    }
}
