/**
 * Whole-release downloads: one zip per format of an album, or of a book's stamped copies,
 * computed on the fly from files already in the store and never stored per fan.
 *
 * <p>{@link gatefold.server.albums.AlbumZip} lays the zip out from
 * {@link gatefold.server.albums.ZipItem}s (name, size, CRC-32, time, identity, and where the
 * bytes are), so a download route knows the length and ETag before sending and serves any
 * Range by streaming just the items it covers. {@link gatefold.server.common.Crc32Combine}
 * gives a stamped book's CRC from the original's and the buyer's suffix;
 * {@link gatefold.server.albums.Playlist} writes the zip's M3U. Names come from
 * {@code common.FileNames}. This package knows no HTTP and no database.
 */
package gatefold.server.albums;
