package gatefold.server.films;

import gatefold.server.common.Refusal;
import gatefold.server.tools.ToolOutput;
import gatefold.server.tools.ToolRun;
import gatefold.server.tools.ToolSlots;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One packaged rendition copied, without encoding again, into a single MP4 with its index at the
 * front ({@code +faststart}), which any {@code <video>} plays with byte ranges and no script. It
 * takes well under a second for a 20 s film (stream copy only) but doubles what is stored, so it
 * is made only for a store that chooses progressive playback (see the package notes).
 */
public final class ProgressiveRendition {

    private final Path ffmpeg;
    private final ToolSlots slots;

    public ProgressiveRendition(Path ffmpeg) {
        this(ffmpeg, new ToolSlots(1));
    }

    /** Its ffmpeg run waits for one of {@code slots}, the server's encoders. */
    public ProgressiveRendition(Path ffmpeg, ToolSlots slots) {
        this.ffmpeg = ffmpeg;
        this.slots = slots;
    }

    /** Copies {@code rungDir/playlist.m3u8}'s segments into {@code out} (a .mp4 path). */
    public void copy(Path rungDir, Path out, Duration timeout) {
        List<String> args = List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y",
                "-i", rungDir.resolve(HlsCommand.PLAYLIST).toAbsolutePath().toString(),
                "-map", "0", "-c", "copy", "-movflags", "+faststart", "-f", "mp4", out.toAbsolutePath().toString());
        ToolRun.Result ended = slots.run(ToolRun.niced(ffmpeg, args), timeout, ToolOutput.ignored()).finished("ffmpeg", timeout);
        if (!ended.ok()) {
            throw Refusal.invalid("A rendition could not be copied into a single MP4 (ffmpeg stopped: " + ended.lastLine() + ")");
        }
    }
}
