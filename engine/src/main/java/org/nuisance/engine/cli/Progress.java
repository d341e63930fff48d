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
    private final boolean enabled;
    private final long start = System.nanoTime();

    /**
     * @param enabled print at all: at a terminal, or when asked (--progress); otherwise stderr keeps to the
     *                one-line error that scripts and other tools rely on
     */
    Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Progress on at a terminal (System.console() present) or when asked for. */
    static boolean wanted(boolean asked) {
        return asked || System.console() != null;
    }

    void step(String what) {
        if (!enabled) {
            return;
        }
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
