package org.nuisance.engine.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Progress of long command-line work on stderr (stdout keeps the result, so pipes and --json stay
 * clean): one line per step, and for a count of work items a line at every tenth with the elapsed time.
 */
final class Progress {

    private final PrintWriter err;
    private final long start = System.nanoTime();

    Progress(PrintWriter err) {
        this.err = err;
    }

    void step(String what) {
        err.printf(Locale.ROOT, "[%5.1f s] %s%n", seconds(), what);
        err.flush();
    }

    /** A counter for total items: prints at each further tenth of them. */
    IntConsumer counter(String what, int total) {
        int every = Math.max(1, total / 10);
        return done -> {
            if (done % every == 0 || done == total) {
                synchronized (this) {
                    step(String.format(Locale.ROOT, "%s: %d of %d", what, done, total));
                }
            }
        };
    }

    private double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
