package gatefold.server.jobs;

/** How many jobs of one lane are in one state: queued jobs per lane are the queue depth. */
public record LaneCount(Lane lane, JobState state, long jobs) {
}
