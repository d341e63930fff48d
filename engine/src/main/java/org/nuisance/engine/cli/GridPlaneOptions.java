package org.nuisance.engine.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options {@code grid} and {@code grid-merge} share for the plane they draw and how they print it:
 * which two values span it, the slice, the values' names, JSON or text, and the PNG.
 */
final class GridPlaneOptions {

    @Option(names = "--axes", paramLabel = "I,J", split = ",",
            description = "Which two of the points' values span the plane (default: the first two that vary).")
    int[] axes;

    @Option(names = "--select", paramLabel = "I=V",
            description = "Draw the contours through the points whose value I equals V only (one mass scenario, "
                    + "e.g. 2=60); every point stays in the output.")
    String select;

    @Option(names = "--labels", paramLabel = "A,B,..", split = ",",
            description = "Names of the points' values for the output and the picture (default: the patchset's).")
    List<String> labels;

    @Option(names = "--json", description = "Write JSON instead of text.")
    boolean json;

    @Option(names = "--png", paramLabel = "FILE", description = "Draw the exclusion plane into a PNG.")
    Path png;

    /** Checks --png's target before any work (one line naming the option if it cannot be written). */
    void checkPng() {
        if (png != null) {
            png = org.nuisance.engine.util.AtomicOutput.checkTarget(png, "--png");
        }
    }
}
