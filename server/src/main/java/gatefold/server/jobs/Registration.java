package gatefold.server.jobs;

/** A kind and the handler that runs it on this instance. */
record Registration(JobKind kind, JobHandler handler) {
}
