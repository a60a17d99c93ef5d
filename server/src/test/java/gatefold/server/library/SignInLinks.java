package gatefold.server.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Follows a library sign-in link as a fan's browser does: opens it, then presses its button. */
public final class SignInLinks {

    private SignInLinks() {
    }

    /** Returns the answer to pressing the button (303 to /library with the session cookie, when the link works). */
    public static HttpResponse<String> follow(Function<HttpRequest.Builder, HttpResponse<String>> send, URI link) {
        HttpResponse<String> page = send.apply(HttpRequest.newBuilder(link).header("Accept", "text/html"));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Matcher field = Pattern.compile("name=\"" + FormToken.FIELD + "\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(field.find()).as(page.body()).isTrue();
        Matcher action = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"").matcher(page.body());
        assertThat(action.find()).as(page.body()).isTrue();
        assertThat(action.group(1)).isEqualTo(link.getPath());
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(FormToken.COOKIE + "="))
                .findFirst().orElseThrow();
        return send.apply(HttpRequest.newBuilder(link).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie.substring(0, cookie.indexOf(';')))
                .POST(HttpRequest.BodyPublishers.ofString(FormToken.FIELD + "=" + field.group(1))));
    }
}
