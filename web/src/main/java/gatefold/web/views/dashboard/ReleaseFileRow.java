package gatefold.web.views.dashboard;

/**
 * A file of a release with its size (readable) and how often fans downloaded it; {@code availableNow}:
 * pre-order buyers get it at once.
 */
public record ReleaseFileRow(String id, String name, String role, String size, String contentType, long downloads, boolean verified,
                      boolean first, boolean last, boolean availableNow) {
}
