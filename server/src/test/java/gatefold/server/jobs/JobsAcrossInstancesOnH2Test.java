package gatefold.server.jobs;

/** Several queue instances on one embedded H2 file (pools in this JVM; a child JVM through H2's TCP server). */
class JobsAcrossInstancesOnH2Test extends AcrossInstancesContract {

    @Override
    protected SharedDatabase newSharedDatabase() {
        return SharedDatabase.h2();
    }
}
