package gatefold.web.views;

/**
 * What every page's frame needs: the title, the store's name, who is signed in (if anyone),
 * for a page that waits for something (a file being prepared) how many seconds until it asks
 * again (0: never), and the path of the page's feeds without extension (null: none), which
 * the head names for feed readers as {@code .atom} and {@code .rss}.
 */
public record Layout(String title, String storeName, String signedInAs, String csrfToken, int refreshSeconds, String feedPath) {

    public Layout(String title, String storeName, String signedInAs, String csrfToken) {
        this(title, storeName, signedInAs, csrfToken, 0, null);
    }

    public static Layout of(String title, String storeName) {
        return new Layout(title, storeName, null, null, 0, null);
    }

    /** The same frame, reloading itself after {@code seconds}. */
    public Layout refreshingEvery(int seconds) {
        return new Layout(title, storeName, signedInAs, csrfToken, seconds, feedPath);
    }

    /** The same frame, telling feed readers where this page's feeds are ({@code /a/band/feed}). */
    public Layout withFeeds(String path) {
        return new Layout(title, storeName, signedInAs, csrfToken, refreshSeconds, path);
    }
}
