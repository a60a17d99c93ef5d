package gatefold.server.films;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatefold.server.common.Refusal;
import gatefold.server.tools.ToolOutput;
import gatefold.server.tools.ToolRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads a film master with ffprobe. Only MP4, MOV, Matroska and WebM are films here; anything
 * else, a file ffprobe cannot read, or one without a picture is refused with a reason an artist
 * can act on ("re-export it as MP4"), never ffprobe's own words alone.
 */
public final class FilmProber {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final int MAX_JSON = 256 * 1024;
    private static final List<String> CONTAINERS = List.of("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm");
    // Only the fields we use: no tags, so no file can make the answer large.
    private static final String ENTRIES = "format=format_name,duration"
            + ":stream=index,codec_type,codec_name,width,height,sample_aspect_ratio,avg_frame_rate,r_frame_rate,duration"
            + ":stream_disposition=attached_pic:stream_side_data=rotation";

    private final Path ffprobe;

    public FilmProber(Path ffprobe) {
        this.ffprobe = ffprobe;
    }

    public FilmProbe probe(Path master) {
        if (!Files.isRegularFile(master)) {
            throw Refusal.notFound("The film file is missing");
        }
        List<String> args = List.of("-v", "error", "-print_format", "json", "-show_entries", ENTRIES,
                master.toAbsolutePath().toString());
        ToolRun.Result probed = ToolRun.run(ToolRun.niced(ffprobe, args), TIMEOUT, ToolOutput.head(MAX_JSON))
                .finished("ffprobe", TIMEOUT);
        if (probed.stdoutCut()) {
            throw Refusal.invalid("ffprobe described this file at unusual length; it is not a film we can read");
        }
        if (!probed.ok()) {
            throw Refusal.invalid("This file could not be read as a film (it may be damaged or cut short): "
                    + "export it again as MP4 (H.264) or MOV and upload that");
        }
        return parse(probed.stdout());
    }

    /** Turns ffprobe's JSON into a probe, or refuses it. Package-visible for tests. */
    static FilmProbe parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw Refusal.invalid("This file could not be read as a film");
        }
        String container = root.path("format").path("format_name").asText("");
        if (!CONTAINERS.contains(container)) {
            throw Refusal.invalid("Films must be MP4, MOV, MKV or WebM files; this one is "
                    + (container.isEmpty() ? "not a video file" : "another kind (" + container + ")"));
        }
        JsonNode video = firstStream(root, "video").orElseThrow(() -> Refusal.invalid("This file has no picture: a film needs a video track"));
        String codec = video.path("codec_name").asText("");
        if (codec.isEmpty() || codec.equals("none")) {
            throw Refusal.invalid("This film's picture is in a format we cannot convert: export it again as MP4 (H.264) or MOV");
        }
        Optional<String> audio = firstStream(root, "audio").map(s -> s.path("codec_name").asText("unknown"));
        Duration duration = duration(root, video);
        int rotation = rotation(video);
        int[] size = displaySize(video, rotation);
        FrameRate rate = FrameRate.parse(video.path("avg_frame_rate").asText())
                .or(() -> FrameRate.parse(video.path("r_frame_rate").asText()))
                .orElse(FrameRate.DEFAULT);
        return new FilmProbe(size[0], size[1], rotation, duration, rate, container, codec, audio);
    }

    /** The display matrix's turn, to the nearest quarter (phones write exactly 90, -90 or 180). */
    private static int rotation(JsonNode video) {
        for (JsonNode side : video.path("side_data_list")) {
            if (side.has("rotation")) {
                return Math.floorMod(Math.round(side.path("rotation").asDouble() / 90.0) * 90, 360);
            }
        }
        return 0;
    }

    private static Optional<JsonNode> firstStream(JsonNode root, String type) {
        for (JsonNode stream : root.path("streams")) {
            boolean cover = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            if (type.equals(stream.path("codec_type").asText()) && !cover) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }

    private static Duration duration(JsonNode root, JsonNode video) {
        double seconds = root.path("format").path("duration").asDouble(0);
        if (!(seconds > 0)) {
            seconds = video.path("duration").asDouble(0);
        }
        if (!(seconds > 0.1)) {
            throw Refusal.invalid("This film has no length we can read: export it again as MP4 (H.264) or MOV");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /** Width and height as shown: square pixels (sample aspect ratio applied to the width), then rotation. */
    private static int[] displaySize(JsonNode video, long rotation) {
        int width = video.path("width").asInt(0);
        int height = video.path("height").asInt(0);
        if (width < 16 || height < 16) {
            throw Refusal.invalid("This film's picture size could not be read (" + width + "x" + height + ")");
        }
        String[] sar = video.path("sample_aspect_ratio").asText("1:1").split(":");
        try {
            long num = Long.parseLong(sar[0]);
            long den = sar.length > 1 ? Long.parseLong(sar[1]) : 1;
            if (num > 0 && den > 0 && num != den) {
                width = (int) Math.round((double) width * num / den);
            }
        } catch (NumberFormatException e) {
            // an unreadable aspect ratio means square pixels
        }
        return rotation % 180 == 0 ? new int[] {width, height} : new int[] {height, width};
    }
}
