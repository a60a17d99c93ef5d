package gatefold.server.dashboard;

import gatefold.server.TestServer;
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

/** A browser as far as the dashboard can tell: it keeps cookies, follows nothing by itself, and posts forms. */
final class DashboardBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    final TestServer server;
    final Map<String, String> cookies = new LinkedHashMap<>();
    private String from;
    private boolean overHttps;

    DashboardBrowser(TestServer server) {
        this.server = server;
    }

    /** This browser as seen through a trusted reverse proxy: every request says it came from {@code address}. */
    DashboardBrowser from(String address) {
        this.from = address;
        return this;
    }

    /** As if a TLS-terminating proxy in front said so (X-Forwarded-Proto: https). */
    DashboardBrowser overHttps() {
        this.overHttps = true;
        return this;
    }

    HttpResponse<String> get(String path) {
        return remember(server.send(HttpRequest.newBuilder(URI.create(server.url(path))).GET(), headers("text/html")));
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        return post(path, java.util.List.copyOf(form.entrySet()));
    }

    /** Posts fields in order; a name may repeat, as ticked checkboxes do. */
    HttpResponse<String> post(String path, java.util.List<Map.Entry<String, String>> form) {
        String body = form.stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/x-www-form-urlencoded");
        return remember(server.send(request, headers("text/html")));
    }

    /** Posts a form with the CSRF token the page at {@code pagePath} carries. */
    HttpResponse<String> submit(String pagePath, String action, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("csrf", csrfOf(get(pagePath).body()));
        return post(action, form);
    }

    HttpResponse<String> signIn(String email, String password) {
        HttpResponse<String> page = get("/dashboard/signin");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrf", csrfOf(page.body()));
        form.put("email", email);
        form.put("password", password);
        form.put("next", "/dashboard");
        return post("/dashboard/signin", form);
    }

    static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in the page: " + html);
        }
        return m.group(1);
    }

    String[] headers(String accept) {
        String cookie = cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
        java.util.List<String> headers = new java.util.ArrayList<>(java.util.List.of("Accept", accept));
        if (!cookie.isEmpty()) {
            headers.addAll(java.util.List.of("Cookie", cookie));
        }
        if (from != null) {
            headers.addAll(java.util.List.of("X-Forwarded-For", from));
        }
        if (overHttps) {
            headers.addAll(java.util.List.of("X-Forwarded-Proto", "https"));
        }
        return headers.toArray(String[]::new);
    }

    private HttpResponse<String> remember(HttpResponse<String> res) {
        for (String set : res.headers().allValues("Set-Cookie")) {
            String pair = set.substring(0, set.indexOf(';'));
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (value.isEmpty() || set.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return res;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
