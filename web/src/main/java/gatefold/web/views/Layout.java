package gatefold.web.views;

/**
 * What every page's frame needs: the title, the store's name, who is signed in (if anyone),
 * and, for a page that waits for something (a file being prepared), how many seconds until
 * it asks again (0: never).
 */
public record Layout(String title, String storeName, String signedInAs, String csrfToken, int refreshSeconds) {

    public Layout(String title, String storeName, String signedInAs, String csrfToken) {
        this(title, storeName, signedInAs, csrfToken, 0);
    }

    public static Layout of(String title, String storeName) {
        return new Layout(title, storeName, null, null, 0);
    }

    /** The same frame, reloading itself after {@code seconds}. */
    public Layout refreshingEvery(int seconds) {
        return new Layout(title, storeName, signedInAs, csrfToken, seconds);
    }
}
