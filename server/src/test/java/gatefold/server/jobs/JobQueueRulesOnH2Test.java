package gatefold.server.jobs;

/** The job queue's rules on embedded H2. */
class JobQueueRulesOnH2Test extends QueueRulesContract {

    @Override
    protected SharedDatabase newSharedDatabase() {
        return SharedDatabase.h2();
    }
}
