package gatefold.server.catalog;

import gatefold.server.OnPostgres;

/** Whole-file and resumable uploads to S3, with PostgreSQL as the database. */
@OnPostgres
class FileUploadOnS3AndPostgresTest extends FileUploadOnS3Test {
}
