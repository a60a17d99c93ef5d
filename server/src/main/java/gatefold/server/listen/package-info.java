/**
 * Listening in the browser: the public preview of each track ({@code /preview/{fileId}}, the
 * clip and never more), buyers' whole-track streams through short-lived signed URLs
 * ({@code /listen/{token}}, which never count as a download), and the artist's preview choice
 * per track. The files themselves are made by {@link gatefold.server.media.Previews} on the job
 * queue; this package only decides who may hear what and hands the bytes over.
 */
package gatefold.server.listen;
