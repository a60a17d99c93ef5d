package gatefold.server.cluster;

import gatefold.server.faults.ChildGatefold;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser's cookies, carried from one instance to the other as a proxy's round robin would. */
final class DashboardSession {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final Map<String, String> cookies = new LinkedHashMap<>();

    HttpResponse<String> get(ChildGatefold instance, String path) {
        return send(HttpRequest.newBuilder(URI.create(instance.url(path))).GET().header("Accept", "text/html"));
    }

    HttpResponse<String> post(ChildGatefold instance, String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(instance.url(path))).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html"));
    }

    HttpResponse<String> patch(ChildGatefold instance, String path, String json, String csrf) {
        return send(HttpRequest.newBuilder(URI.create(instance.url(path))).method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("X-CSRF-Token", csrf));
    }

    /** Takes the sign-in form from one instance and sends it to another, as round robin may. */
    HttpResponse<String> signIn(ChildGatefold formFrom, ChildGatefold postTo, String email, String password) {
        String form = get(formFrom, "/dashboard/signin").body();
        return post(postTo, "/dashboard/signin", Map.of("csrf", csrfOf(form), "email", email, "password", password,
                "next", "/dashboard"));
    }

    static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in the page: " + html);
        }
        return m.group(1);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> res = ClusterShop.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : res.headers().allValues("Set-Cookie")) {
                String pair = set.contains(";") ? set.substring(0, set.indexOf(';')) : set;
                cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            return res;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
