package gatefold.server.dashboard;

import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.ByteSizes;
import gatefold.server.media.AudioFormat;
import gatefold.server.media.MediaServices;
import gatefold.web.views.dashboard.FormatOption;
import gatefold.web.views.dashboard.FormatState;
import gatefold.web.views.dashboard.FormatsPanel;
import gatefold.web.views.dashboard.TrackCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A music release's sound and formats as its dashboard page shows them, read from the same
 * answer as {@code GET /api/releases/{id}/formats}, and the artist's "Try again" for what failed.
 */
final class FormatPanels {

    static final String NO_TOOLS = "This store cannot make other formats: ffmpeg was not found. Fans get your original files.";
    private final MediaServices media;

    FormatPanels(MediaServices media) {
        this.media = media;
    }

    /** The formats a release offers when the artist has not chosen: every one but the original. */
    static Set<String> defaults() {
        return Arrays.stream(AudioFormat.values()).filter(f -> !f.isOriginal()).map(AudioFormat::id).collect(Collectors.toSet());
    }

    /** The panel for a music release; null for other kinds, which are offered as uploaded. */
    @SuppressWarnings("unchecked")
    FormatsPanel of(Release release, List<ReleaseFile> files, String done) {
        if (!release.kind().equals("music")) {
            return null;
        }
        Map<String, Object> status = media.status().formats(release);
        boolean tools = Boolean.TRUE.equals(((Map<String, Object>) status.get("tools")).get("available"));
        List<TrackCheck> tracks = tracks(files, (List<Map<String, Object>>) status.get("tracks"), tools);
        List<FormatOption> options = options(release);
        Set<String> chosen = options.stream().filter(FormatOption::chosen).map(FormatOption::id).collect(Collectors.toSet());
        // Formats left out are shown by their unticked boxes; listing each as "not offered" again would only be noise.
        List<FormatState> states = !tools ? List.of() : states((List<Map<String, Object>>) status.get("formats")).stream()
                .filter(f -> chosen.contains(f.id())).toList();
        Map<String, Object> storage = (Map<String, Object>) status.get("derivedStorage");
        boolean busy = tracks.stream().anyMatch(TrackCheck::checking) || states.stream().anyMatch(FormatState::building);
        return new FormatsPanel(tools ? null : NO_TOOLS, done, tracks, options, release.genre() == null ? "" : release.genre(),
                states, states.stream().anyMatch(FormatState::failed),
                ByteSizes.readable(number(storage.get("used"))) + " of " + ByteSizes.readable(number(storage.get("cap"))), busy);
    }

    /** Puts every failed job of the release back on the queue; how many went back. */
    int retry(Release release) {
        return media.status().retry(release);
    }

    /** What pressing "Try again" did, from the count it sent back in the address. */
    static String retried(String count) {
        if (count == null || !count.matches("\\d{1,6}")) {
            return null;
        }
        return switch (count) {
            case "0" -> "Nothing had failed, so there was nothing to try again.";
            case "1" -> "Trying 1 file again.";
            default -> "Trying " + count + " files again.";
        };
    }

    @SuppressWarnings("unchecked")
    private static List<TrackCheck> tracks(List<ReleaseFile> files, List<Map<String, Object>> checked, boolean tools) {
        Map<String, Map<String, Object>> checks = new HashMap<>();
        for (Map<String, Object> track : checked) {
            checks.put((String) track.get("fileId"), (Map<String, Object>) track.getOrDefault("check", Map.of()));
        }
        List<TrackCheck> out = new ArrayList<>();
        for (ReleaseFile file : files) {
            if (!checks.containsKey(file.id())) {
                continue;
            }
            Map<String, Object> check = checks.get(file.id());
            String sound = (String) check.get("description");
            if (sound == null && !tools) {
                sound = "Not checked: this store has no ffmpeg.";
            }
            out.add(new TrackCheck(file.id(), file.name(), file.title() == null ? "" : file.title(),
                    file.withPlace(file.name(), file.role(), file.position(), null).trackTitle(), sound, (String) check.get("problem")));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<FormatState> states(List<Map<String, Object>> formats) {
        List<FormatState> out = new ArrayList<>();
        for (Map<String, Object> format : formats) {
            String state = (String) format.get("status");
            List<Map<String, Object>> tracks = (List<Map<String, Object>>) format.get("tracks");
            Integer percent = state.equals("building") ? percent(tracks) : null;
            String detail = state.equals("failed") ? tracks.stream().map(t -> (String) t.get("error")).filter(e -> e != null)
                    .findFirst().orElse("making a file failed") : (String) format.get("reason");
            Object size = format.get("size");
            out.add(new FormatState((String) format.get("format"), (String) format.get("label"), state, percent, detail,
                    size == null ? null : ByteSizes.readable(number(size))));
        }
        return out;
    }

    /** Files ready count whole, files being made by how far they are. */
    private static int percent(List<Map<String, Object>> tracks) {
        double done = 0;
        for (Map<String, Object> track : tracks) {
            done += "ready".equals(track.get("status")) ? 1 : track.get("progress") instanceof Number p ? p.doubleValue() : 0;
        }
        return tracks.isEmpty() ? 0 : (int) Math.floor(100 * done / tracks.size());
    }

    private static List<FormatOption> options(Release release) {
        Set<String> chosen = release.formats() == null ? defaults() : new HashSet<>(Arrays.asList(release.formats().split(",")));
        List<AudioFormat> order = new ArrayList<>(EnumSet.allOf(AudioFormat.class));
        order.remove(AudioFormat.ORIGINAL);
        order.add(AudioFormat.ORIGINAL);
        return order.stream().map(f -> new FormatOption(f.id(), f.isOriginal() ? "Original files, as uploaded" : f.label(),
                chosen.contains(f.id()))).toList();
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
