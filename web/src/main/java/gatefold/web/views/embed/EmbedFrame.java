package gatefold.web.views.embed;

/**
 * The frame of every page shown inside another site's iframe: its title, and the host page's
 * origin (validated by the server, or null) so the frame script knows where to send messages.
 */
public record EmbedFrame(String title, String hostOrigin) {
}
