package gatefold.web.views.dashboard;

/** The snippet an artist pastes into their own site, and a live preview of the embed card. */
public record EmbedPage(Nav nav, String releaseId, String releaseTitle, String snippet, String previewSrc, String releaseUrl) {
}
