package gatefold.web.views.dashboard;

import java.util.List;

/**
 * A music release's sound and formats on its dashboard page: what checking each track found
 * (with its title field), which formats fans get (with the genre written into every file),
 * how far making each format has come, and the room those files take.
 *
 * @param toolsNotice why this store makes no other formats (no ffmpeg), or null
 * @param done what the artist's last action here did ("Trying 2 files again."), or null
 * @param canRetry whether something failed that the artist can try again
 * @param busy whether anything is still being checked or made, so the page keeps itself up to date
 */
public record FormatsPanel(String toolsNotice, String done, List<TrackCheck> tracks, List<FormatOption> options, String genre,
                           List<FormatState> states, boolean canRetry, String storage, boolean busy) {
}
