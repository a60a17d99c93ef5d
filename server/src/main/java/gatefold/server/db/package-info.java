/**
 * The database, and where SQL lives. One shape per purpose:
 * <ul>
 *   <li><b>A feature's records</b>, tables that several classes write or that are read as records
 *       (releases, files, purchases, entitlements, download counts, jobs, bundles, ...): the feature's
 *       Jdbi SqlObject interface ({@code CatalogDao}, {@code SalesDao}, {@code DeliveryDao},
 *       {@code AllowanceDao}, {@code JobDao}, ...), the SQL in an annotation on the method that runs it.</li>
 *   <li><b>A table one class keeps to itself</b> (a limiter's counts, sign-in links, the outbox, a
 *       setting, an export's rows, the webhook queue): that class's own statements, with Jdbi's fluent
 *       API, next to the rule they serve. Nothing else writes that table; a second writer means the
 *       table has become a feature's record and moves to its DAO.</li>
 *   <li><b>Plain JDBC</b> only where {@code bench/run} showed Jdbi's statement machinery costing as
 *       much as the query: {@code delivery.DeliveryTarget} (the one query of every download click) and
 *       {@code delivery.DownloadLog} (batched inserts).</li>
 *   <li><b>Whole-store walks</b> ({@code moving}, {@code privacy.FanErasure}): generic SQL over the
 *       list of tables ({@code moving.MovedTables}), because they must reach every table.</li>
 *   <li><b>Schema</b>: SQL scripts in {@code db/migration}, the same on H2 and PostgreSQL, applied by
 *       {@link gatefold.server.db.Migrations}.</li>
 * </ul>
 * {@code TableHomesTest} reads the sources and fails when a table is written from two classes
 * outside these rules. Statuses are enums mapped by name ({@link gatefold.server.db.NamedEnums});
 * a lost race is told from any other failure by {@link gatefold.server.db.Sql}.
 */
package gatefold.server.db;
