package gatefold.server.jobs;

import gatefold.server.OnPostgres;

/**
 * Several queue instances on one PostgreSQL database, as a cluster runs them: each job once,
 * and a job whose instance is killed mid-run finished by another.
 */
@OnPostgres
class JobsAcrossInstancesOnPostgresTest extends AcrossInstancesContract {

    @Override
    protected SharedDatabase newSharedDatabase() {
        return SharedDatabase.postgres();
    }
}
