/**
 * Music as fans want it: the OS's ffmpeg turns an artist's master into every format with
 * full tags and cover, and into loudness-normalised previews. This package is a toolkit with
 * no routes and no database; the job queue calls it.
 *
 * <p>Wiring: {@link gatefold.server.media.MediaTools#detect(gatefold.server.config.Settings)}
 * once at start (log {@code describe()}; store {@code formats()} so web-only instances offer
 * what workers make); {@link gatefold.server.media.Probe#audio} on upload (refuses damaged
 * files); {@link gatefold.server.media.FormatOffer#forMaster} for the artist's choices;
 * {@link gatefold.server.media.DerivedKey} to name each derived file;
 * {@link gatefold.server.media.Transcoder} in the jobs.
 *
 * <p>Who writes tags and cover, per container (checked against ffprobe 5.1 in the tests):
 * <ul>
 * <li>FLAC: ffmpeg (Vorbis comments, PICTURE block from an attached picture).
 * <li>M4A (AAC, ALAC): ffmpeg (ilst atoms, covr); CREDITS, which ffmpeg drops, as an iTunes
 *     free-form atom appended by {@link gatefold.server.media.M4aFreeform}.
 * <li>Ogg Vorbis, Opus: ffmpeg writes the comments; the cover is a METADATA_BLOCK_PICTURE
 *     comment we build, since ffmpeg 5.1 cannot attach a picture there.
 * <li>MP3, WAV, AIFF: our {@link gatefold.server.media.Id3v2Tag} (ID3v2.3): ffmpeg writes no
 *     ID3 chunk in WAV, and writes the comment as TXXX instead of COMM in MP3 and AIFF.
 * </ul>
 * Tags reach ffmpeg in an ffmetadata file, never as arguments, so any text is safe and a
 * cover of any size fits (one argument is limited to 128 KiB).
 */
package gatefold.server.media;
