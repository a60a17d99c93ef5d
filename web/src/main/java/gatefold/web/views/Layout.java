package gatefold.web.views;

/** What every page's frame needs: the title, the store's name, and who is signed in (if anyone). */
public record Layout(String title, String storeName, String signedInAs, String csrfToken) {

    public static Layout of(String title, String storeName) {
        return new Layout(title, storeName, null, null);
    }
}
