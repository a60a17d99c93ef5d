/**
 * A fan's own data: on their request, the artist (for their own buyers and followers) or the
 * operator (the whole store) shows everything kept about one email address ({@link FanData}) and
 * erases it ({@link FanErasure}): sales stay as anonymous rows with their figures, access ends,
 * follows go, and the address joins the do-not-mail list ({@code mail.DoNotMail}).
 *
 * <p>SQL style: plain Jdbi handles with the SQL inline, since every statement is written once
 * for one table and scoped by {@link FanScope}.
 */
package gatefold.server.privacy;
