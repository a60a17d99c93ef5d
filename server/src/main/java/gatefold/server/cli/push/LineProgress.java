package gatefold.server.cli.push;

import java.io.PrintWriter;

/** Progress for logs and pipes: no bars or cursor tricks, one plain line per finished file. */
final class LineProgress implements Progress {

    private final PrintWriter out;

    LineProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public FileProgress file(String name, long size, long alreadyThere) {
        return new FileProgress() {
            @Override
            public void sent(long bytes) {
                // Only finished files are reported here.
            }

            @Override
            public void done(String note) {
                line(name + "  " + Sizes.of(size) + "  " + note);
            }

            @Override
            public void abandon() {
                // The reason is reported by whoever stopped it.
            }
        };
    }

    @Override
    public void settled(long bytes) {
        // Nothing to draw.
    }

    @Override
    public synchronized void line(String text) {
        out.println(text);
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
