package io.imacs.cli;

import io.imacs.progress.Progress;
import java.io.PrintStream;

/**
 * A progress bar with ETA on stderr. On a terminal it redraws one line; otherwise (CI, pipes) it prints
 * a line at each 25% so logs stay short.
 */
final class ConsoleProgress implements Progress {
    private final PrintStream err;
    private final boolean tty;
    private String stage;
    private long total, done, started, lastDraw;
    private int lastQuarter;

    ConsoleProgress(PrintStream err, boolean tty) {
        this.err = err;
        this.tty = tty;
    }

    @Override public synchronized void start(String stage, long total) {
        this.stage = stage;
        this.total = Math.max(1, total);
        this.done = 0;
        this.lastQuarter = 0;
        this.started = System.nanoTime();
        draw(true);
    }

    @Override public synchronized void advance(long units) {
        done = Math.min(total, done + units);
        draw(false);
    }

    @Override public synchronized void finish() {
        done = total;
        draw(true);
        if (tty) err.println();
    }

    @Override public synchronized void warn(String message) {
        if (tty) err.print("\r\033[K");
        err.println("imacs: warning: " + OptionFlags.render(message));
        draw(true);
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        double frac = (double) done / total;
        if (tty) {
            if (!force && now - lastDraw < 200_000_000L) return;
            int width = 30, filled = (int) Math.round(frac * width);
            err.print("\r\033[K" + String.format("%-36s [%s%s] %3d%% %d/%d %s", trim(stage), "#".repeat(filled), ".".repeat(width - filled),
                Math.round(frac * 100), done, total, eta(now, frac)));
            err.flush();
        } else {
            int quarter = (int) Math.floor(frac * 4);
            if (done == 0 && !force) return;
            if (done == 0 || quarter > lastQuarter) {
                lastQuarter = quarter;
                err.println(String.format("%s: %d/%d (%d%%) %s", stage, done, total, Math.round(frac * 100), eta(now, frac)));
            }
        }
        lastDraw = now;
    }

    private String eta(long now, double frac) {
        double elapsed = (now - started) / 1e9;
        if (frac >= 1) return "done in " + clock(elapsed);
        if (frac <= 0) return "ETA --:--";
        return "ETA " + clock(elapsed / frac - elapsed);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }

    private static String trim(String s) { return s.length() <= 36 ? s : s.substring(0, 35) + "…"; }
}
