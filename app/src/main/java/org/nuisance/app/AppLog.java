package org.nuisance.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Log files of the workbench in the per-user log folder: {@code workbench-0.log} (java.util.logging;
 * three files of at most 1 MB, newest first) and {@code libraries.log} (what DJL and other libraries
 * write through slf4j-simple, replaced at each start). An installed GUI app has no terminal to print to.
 */
final class AppLog {

    private static final Logger LOG = Logger.getLogger("org.nuisance");

    private AppLog() {
    }

    /** Starts logging into {@code dir}; on failure logs to the console only, and says so there. */
    static void install(Path dir) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        try {
            Files.createDirectories(dir);
            if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
                System.setProperty("org.slf4j.simpleLogger.logFile", dir.resolve("libraries.log").toString());
                System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            }
            FileHandler file = new FileHandler(dir.resolve("workbench-%g.log").toString(), 1_000_000, 3, false);
            file.setFormatter(new SimpleFormatter());
            file.setLevel(Level.INFO);
            Logger.getLogger("").addHandler(file);
        } catch (IOException | RuntimeException e) {
            System.err.println("logging to the console only: cannot write logs to " + dir + ": " + e);
        }
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> LOG.log(Level.SEVERE, "uncaught in thread " + t.getName(), e));
    }

    static Logger logger() {
        return LOG;
    }
}
