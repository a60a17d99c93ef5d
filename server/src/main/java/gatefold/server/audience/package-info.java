/**
 * The artist's own audience: fans who follow by email (double opt-in, one-click unsubscribe),
 * the mails they get when something new comes out, the store's feeds, pre-orders that open
 * on their release date, and bundles up to the whole discography.
 *
 * <h2>SQL style</h2>
 * Jdbi SqlObject interfaces with the SQL in annotations ({@link gatefold.server.audience.FollowerDao},
 * {@link gatefold.server.audience.BundleDao}), records as rows; every statement runs on H2 in
 * PostgreSQL mode and on PostgreSQL (V23).
 *
 * <h2>Mail exactly once</h2>
 * Anything followers are told is first written as an announcement row (its id is the release
 * id for a release, so a release is announced once however often it is edited or republished),
 * then mailed by a job of the MAIL lane as a {@link gatefold.server.mail.MailOut}. Each mail is recorded in {@code announcement_mails}
 * before it leaves, inside {@link gatefold.server.jobs.JobContext#once}: a second run, a second
 * instance or a restart mid-send skips whoever was mailed.
 */
package gatefold.server.audience;
