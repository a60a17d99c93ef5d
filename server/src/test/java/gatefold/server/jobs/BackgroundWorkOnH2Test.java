package gatefold.server.jobs;

/** Gatefold's background work with two instances on one embedded H2 file (a child JVM through H2's TCP server). */
class BackgroundWorkOnH2Test extends BackgroundWorkAcrossInstancesContract {

    @Override
    protected SharedDatabase newSharedDatabase() {
        return SharedDatabase.h2();
    }
}
