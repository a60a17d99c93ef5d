/**
 * The artist as seller of record: their seller profile, tax rates per buyer country,
 * invoice and credit-note numbers, the PDFs, and the tax report.
 *
 * <p>SQL: inline Jdbi handle statements, each in the class whose rule it carries, because most
 * of them run on the handle of a transaction that sales opened (confirming or refunding a
 * purchase) and must commit or roll back with it.
 */
package gatefold.server.invoices;
