package gatefold.server.library;

import gatefold.server.common.Refusal;
import gatefold.server.security.Tokens;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Guards the fan's forms (library sign-in, redeem) against cross-site posts: the page
 * sets a random cookie and puts the same value in a hidden field; a post must carry both.
 * JSON requests need neither, since browsers cannot send that content type cross-site.
 */
public final class FormToken {

    static final String COOKIE = "gatefold_form";
    public static final String FIELD = "csrf";

    private FormToken() {
    }

    /** The token for a form on this page, setting the cookie when the browser has none yet. */
    public static String issue(Context ctx, boolean secure) {
        String existing = ctx.cookie(COOKIE);
        if (existing != null && existing.matches("[A-Za-z0-9_-]{43}")) {
            return existing;
        }
        String token = Tokens.randomBase64(32);
        ctx.res().addHeader("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
        return token;
    }

    /** Refuses a form post whose hidden field does not match the cookie. */
    public static void check(Context ctx) {
        require(ctx.cookie(COOKIE), ctx.formParam(FIELD));
    }

    static void require(String expected, String given) {
        if (expected == null || given == null || expected.isEmpty()
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw Refusal.forbidden("This form has expired; reload the page and try again.");
        }
    }

    public static boolean isJson(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    public static boolean wantsJson(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json")
                && !accept.toLowerCase(Locale.ROOT).contains("text/html");
    }
}
