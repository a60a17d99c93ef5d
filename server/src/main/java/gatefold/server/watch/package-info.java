/**
 * Watching films in the browser. When a film release is out (or sold), the job queue packages its
 * master into HLS with {@link gatefold.server.films} and stores every file under one content-hash
 * prefix, with a public trailer beside it. A buyer's playlist URL carries a signed token; the
 * server answers the playlists itself, rewritten so every URI in them carries a per-viewing token,
 * and checks the purchase (and a rental's window) again on every segment, so a refund or the end
 * of a rental stops playback within one segment. No cookies: Safari's own player and any HLS
 * client work the same.
 *
 * <p>The player is the browser's own HLS where it has it (Safari, iOS, Android, recent Chromium);
 * no script library is bundled, so the build still needs only a JDK and Maven.
 */
package gatefold.server.watch;
