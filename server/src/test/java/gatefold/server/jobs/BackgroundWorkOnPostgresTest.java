package gatefold.server.jobs;

/** Gatefold's background work with two instances on one PostgreSQL database. */
class BackgroundWorkOnPostgresTest extends BackgroundWorkAcrossInstancesContract {

    @Override
    protected SharedDatabase newSharedDatabase() {
        return SharedDatabase.postgres();
    }
}
