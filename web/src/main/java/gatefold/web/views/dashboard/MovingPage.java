package gatefold.web.views.dashboard;

import java.util.List;

/**
 * Leaving and arriving, for the signed-in artist: "Export everything" ({@code export} null until
 * the first is asked for) and the first step of bringing buyers from another shop's CSV.
 */
public record MovingPage(Nav nav, ExportPanel export, List<Choice> releases, List<Choice> presets, String error, String notice) {
}
