package gatefold.server.jobs;

/**
 * A queue with its own workers, so a mail never waits behind a transcode. Each instance
 * runs workers for the lanes its role allows.
 */
public enum Lane {
    /** ffmpeg and other heavy media work: at most GATEFOLD_TRANSCODE_WORKERS ffmpeg runs at once (tools.ToolSlots), on one thread more. */
    MEDIA,
    /** Receipts, sign-in links, follower mails. */
    MAIL,
    /** Calls to the artist's own systems. */
    WEBHOOKS,
    /** Housekeeping: the upload verifier, the janitor, purging old jobs. */
    UPKEEP
}
