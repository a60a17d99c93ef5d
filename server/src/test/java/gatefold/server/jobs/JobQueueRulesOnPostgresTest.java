package gatefold.server.jobs;

import gatefold.server.OnPostgres;

/** The job queue's rules on PostgreSQL. */
@OnPostgres
class JobQueueRulesOnPostgresTest extends QueueRulesContract {

    @Override
    protected SharedDatabase newSharedDatabase() {
        return SharedDatabase.postgres();
    }
}
