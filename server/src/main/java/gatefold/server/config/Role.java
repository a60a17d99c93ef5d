package gatefold.server.config;

/**
 * What one instance does (GATEFOLD_ROLE or {@code serve --role}): {@code web} answers fans
 * and artists and runs no background work, {@code worker} runs the background work and
 * answers only health checks and metrics, {@code all} (the default) does both. Background
 * work ({@link #runsJobs()}) is the one switch the job queue's workers follow too.
 */
public enum Role {
    WEB, WORKER, ALL;

    /**
     * Whether this instance runs the job queue's workers: the upload verifier and janitor, mail,
     * seller webhooks, purges and sweeps, transcoding; the work no request waits for.
     */
    public boolean runsJobs() {
        return this != WEB;
    }

    /** The store, the dashboard, the API and download links. */
    public boolean servesFans() {
        return this != WORKER;
    }

    public String id() {
        return name().toLowerCase();
    }

    public static Role parse(String raw) {
        return switch (raw.toLowerCase()) {
            case "web" -> WEB;
            case "worker" -> WORKER;
            case "all" -> ALL;
            default -> throw new ConfigException("GATEFOLD_ROLE=" + raw + " is not a role; use web, worker or all");
        };
    }
}
