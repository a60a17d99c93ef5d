package gatefold.server.media;

import gatefold.server.jobs.Jobs;

/** What makes formats: the workers (which instance can make what), the planner that asks for them and the job queue that runs them. */
record FormatWork(MediaWorkers workers, FormatPlanner planner, Jobs jobs) {
}
