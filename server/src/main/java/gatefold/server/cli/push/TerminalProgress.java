package gatefold.server.cli.push;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Live bars on a terminal: one per file in flight and, at the bottom, one for the whole
 * push. The bars are drawn by progressbar; this class keeps them together in one region at
 * the bottom of the screen, with finished files scrolling away above it as plain lines, so
 * a folder of a hundred tracks never needs more rows than are in flight.
 */
final class TerminalProgress implements Progress {

    private static final String CSI = "\u001b[";
    private static final int NAME_WIDTH = 24;

    private final PrintWriter out;
    private final int width;
    private final Region overall = new Region();
    private final ProgressBar overallBar;
    private final List<FileBar> files = new ArrayList<>();
    private int drawnRows;

    /** One row of the live region, holding the bar's latest drawing. */
    private static final class Region {
        private String text = "";
    }

    TerminalProgress(PrintWriter out, int width, String title, long totalBytes) {
        this.out = out;
        this.width = width;
        this.overallBar = bar(title, totalBytes, 0, overall);
    }

    @Override
    public FileProgress file(String name, long size, long alreadyThere) {
        overallBar.stepBy(alreadyThere);
        return new FileBar(name, size, alreadyThere);
    }

    @Override
    public void settled(long bytes) {
        overallBar.stepBy(bytes);
    }

    @Override
    public synchronized void line(String text) {
        StringBuilder screen = new StringBuilder();
        up(screen);
        screen.append('\r').append(text).append(CSI).append('K').append('\n');
        drawnRows = 0;
        drawRegion(screen);
        out.print(screen);
        out.flush();
    }

    @Override
    public void close() {
        List<FileBar> left;
        synchronized (this) {
            left = List.copyOf(files);
        }
        left.forEach(FileBar::abandon);
        overallBar.close();
        synchronized (this) {
            StringBuilder screen = new StringBuilder();
            up(screen);
            screen.append('\r').append(CSI).append('J').append(overall.text).append('\n');
            drawnRows = 0;
            out.print(screen);
            out.flush();
        }
    }

    private final class FileBar implements FileProgress {

        private final String name;
        private final long size;
        private final long alreadyThere;
        private final Region region = new Region();
        private ProgressBar bar;

        FileBar(String name, long size, long alreadyThere) {
            this.name = name;
            this.size = size;
            this.alreadyThere = alreadyThere;
        }

        /** Made on first use, so files waiting their turn take no row. */
        private synchronized ProgressBar bar() {
            if (bar == null) {
                synchronized (TerminalProgress.this) {
                    files.add(this);
                }
                bar = TerminalProgress.this.bar(shortName(name), size, alreadyThere, region);
            }
            return bar;
        }

        @Override
        public void sent(long bytes) {
            bar().stepBy(bytes);
            overallBar.stepBy(bytes);
        }

        @Override
        public void done(String note) {
            ProgressBar finished = bar();
            overallBar.stepBy(size - finished.getCurrent());
            finished.stepTo(finished.getMax());
            finished.setExtraMessage("  " + note);
            finished.close();
            String text;
            synchronized (TerminalProgress.this) {
                files.remove(this);
                text = region.text;
            }
            line(text);
        }

        @Override
        public void abandon() {
            ProgressBar stopped;
            synchronized (this) {
                stopped = bar;
            }
            if (stopped != null) {
                stopped.close();
                synchronized (TerminalProgress.this) {
                    files.remove(this);
                }
            }
        }
    }

    private ProgressBar bar(String task, long max, long start, Region region) {
        // progressbar shows whole units, so a unit is only used from ten of it upwards.
        long unit = max >= 10L << 30 ? 1L << 30 : max >= 10L << 20 ? 1L << 20 : 1024;
        String unitName = unit == 1L << 30 ? " GiB" : unit == 1L << 20 ? " MiB" : " KiB";
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(Math.max(max, 1))
                .setUnit(unitName, unit)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                .startsFrom(start, Duration.ZERO)
                .setConsumer(new DelegatingProgressBarConsumer(text -> show(region, text), width))
                .build();
    }

    private synchronized void show(Region region, String text) {
        region.text = text;
        StringBuilder screen = new StringBuilder();
        up(screen);
        drawnRows = 0;
        drawRegion(screen);
        out.print(screen);
        out.flush();
    }

    /** Draws the file bars, then the whole-push bar, clearing whatever was below. */
    private void drawRegion(StringBuilder screen) {
        for (FileBar file : files) {
            screen.append('\r').append(file.region.text).append(CSI).append('K').append('\n');
        }
        screen.append('\r').append(overall.text).append(CSI).append('K').append('\n');
        screen.append(CSI).append('J');
        drawnRows = files.size() + 1;
    }

    private void up(StringBuilder screen) {
        if (drawnRows > 0) {
            screen.append(CSI).append(drawnRows).append('A');
        }
    }

    static String shortName(String name) {
        if (name.length() <= NAME_WIDTH) {
            return name;
        }
        int tail = NAME_WIDTH / 2;
        return name.substring(0, NAME_WIDTH - tail - 1) + "…" + name.substring(name.length() - tail);
    }
}
