package gatefold.server.jobs;

/** The job queue's promises on embedded H2 (two pools on one file; a child JVM through H2's TCP server). */
class JobsOnH2Test extends JobQueueContract {

    @Override
    protected SharedDatabase newSharedDatabase() {
        return SharedDatabase.h2();
    }
}
