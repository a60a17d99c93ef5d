/**
 * Films for watching in the browser: a master (MP4, MOV, MKV, WebM) packaged into HLS with fMP4
 * segments, a public trailer, and subtitles. This package knows no HTTP, no database and no store:
 * the job that packages a film calls it with local paths and uploads what it lists.
 *
 * <p>The path of a film: {@link gatefold.server.films.FilmProber#probe} reads the master (display
 * size with rotation and pixel aspect applied, length, frame rate, sound) or refuses it in words an
 * artist can act on; {@link gatefold.server.films.HlsLadder#plan} picks the renditions (360p, 720p,
 * 1080p fitted to the master, never upscaled, the rule is on that class); {@link
 * gatefold.server.films.HlsPackager#pack} runs ffmpeg once per rendition ({@link
 * gatefold.server.films.HlsCommand} holds the arguments) and writes {@code master.m3u8} from the
 * measured files, with codec strings read from each {@code init.mp4}. The server answers playlists
 * itself through {@link gatefold.server.films.PlaylistRewriter}, which points every URI at a
 * per-viewing URL. {@link gatefold.server.films.Subtitles} converts and checks subtitle files and
 * adds them to a stored master playlist; {@link gatefold.server.films.Trailer} makes the trailer.
 *
 * <p>Choices, with what they rest on:
 * <ul>
 * <li>x264 {@code veryfast}: at the 1080p rung's 5000 kb/s on 10 s of testsrc2 it took 7.0 CPU
 * seconds for an SSIM of 22.06 dB, against 13.1 s and 22.22 dB for {@code medium}, 11.1 s and
 * 22.05 dB for {@code faster}, 4.6 s and 21.09 dB for {@code superfast}: half of medium's time for a
 * sixth of a decibel, while superfast loses a full decibel. ({@code ultrafast} even falls back to
 * Constrained Baseline, which the codec strings then say.)</li>
 * <li>One ffmpeg run per rendition rather than one for the whole ladder: faster in wall time on two
 * busy cores in each of four trials, although it decodes the master once per rendition (figures on
 * {@link gatefold.server.films.HlsPackager}).</li>
 * <li>Sound inside every rendition, not a separate audio rendition: every player (Safari's own, the
 * MSE script, ffprobe) plays it without audio-group logic; the cost is a few AAC encodes.</li>
 * <li>Keyframes forced at every multiple of 6 s with scene-cut keyframes off, so all renditions cut at
 * the same instants and a player can switch at any boundary; the metadata of the master (a phone's
 * location) is not copied.</li>
 * <li>BANDWIDTH is the peak segment bitrate (segments under 1 s left out) and AVERAGE-BANDWIDTH the
 * whole rendition's, both measured from the files; the rendition nearest 720p is listed first, since
 * Safari starts with the first listed.</li>
 * </ul>
 *
 * <p>ffmpeg and ffprobe run through {@code tools.ToolRun}: argument lists, {@code nice -n 10}, a timeout that
 * kills the process tree, and at most 64 KiB of stderr kept.
 */
package gatefold.server.films;
