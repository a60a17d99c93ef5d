/**
 * Leaving and arriving: an artist, or the whole store, as one tar archive that another Gatefold
 * imports ({@link gatefold.server.moving.StoreExport}, {@link gatefold.server.moving.StoreImport},
 * format in docs/EXPORT.md), and buyers from another shop's CSV
 * ({@link gatefold.server.moving.BuyerImport}, docs/BUYERS-CSV.md). On a shared store an artist
 * asks for their own archive from the dashboard: {@link gatefold.server.moving.ArtistExports} has a
 * job stream it into the store under {@code exports/} and mails a link that lasts a week; the
 * dashboard's buyers' page keeps the CSV in {@link gatefold.server.moving.BuyerDrafts} while the
 * artist confirms its columns.
 *
 * <p>This package reads and writes other features' tables directly, with plain JDBC driven by
 * the table list in {@link gatefold.server.moving.MovedTables}: an archive is a copy of rows,
 * not of any feature's behaviour, and one generic copier keeps every column (including ones
 * added later) without each feature having to know about moving. The tar format is hand-written
 * ({@link gatefold.server.moving.TarWriter}, {@link gatefold.server.moving.TarReader}, about 300
 * lines) because it is small, and because the import must refuse, by name and before reading,
 * every entry kind and name that a general tar library would happily unpack.
 */
package gatefold.server.moving;
