package gatefold.server.cli.push;

/**
 * What the artist sees while a push runs: a line per finished file and, on a terminal,
 * a live bar per file in flight and one for the whole push.
 */
interface Progress extends AutoCloseable {

    /** A file being sent; {@code alreadyThere} bytes were in the store before this run. */
    FileProgress file(String name, long size, long alreadyThere);

    /** Bytes that need no sending this run (skipped files), counted towards the whole push. */
    void settled(long bytes);

    /** A line that stays on screen. */
    void line(String text);

    @Override
    void close();

    interface FileProgress {

        /** Bytes that left (or, when negative, bytes of a failed attempt taken back). */
        void sent(long bytes);

        /** The file is in the store; {@code note} says how it went. */
        void done(String note);

        /** The file stopped short; its bar goes away without a line. */
        void abandon();
    }
}
