package org.nuisance.engine.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.DemoGenerator;
import org.nuisance.engine.higgsml.DerivedQuantity;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.higgsml.PreparedEvents;
import org.nuisance.engine.higgsml.ShiftKernel;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.util.Parallel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: a quick timing of the two interactive hot paths on generated events (the JMH
 * benchmarks in engine/src/test/java/.../bench are the careful measurement).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Median time of a tes/jes slider move (refill 4 process histograms of DER_mass_vis) and of "
                + "recomputing all 12 DER columns, on generated events, after warm-up.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000", description = "Events (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--repeats", paramLabel = "K", defaultValue = "30", description = "Timed repetitions (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--no-numpy", description = "Skip the numpy reference of the 12-DER work (run beside the Java "
            + "kernel when python3 with numpy is on the PATH).")
    boolean noNumpy;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        EventTable table = DemoGenerator.generate(events, 31415);
        PreparedEvents prepared = PreparedEvents.of(table);
        double loadMs = (System.nanoTime() - t0) / 1e6;
        out.printf("events: %d, threads: %d, generate + prepare: %.1f ms%n", events, Parallel.threads(), loadMs);
        ShiftKernel kernel = new ShiftKernel(prepared);
        Axis axis = Axis.regular(50, 0, 200);
        double[] slider = new double[repeats];
        double[] metSlider = new double[repeats];
        for (int r = -10; r < repeats; r++) {
            double tes = 0.97 + 0.06 * ((r + 10) % 7) / 6.0;
            double jes = 1.03 - 0.06 * ((r + 10) % 5) / 4.0;
            NuisanceValues np = NuisanceValues.NOMINAL.with(org.nuisance.engine.higgsml.NuisanceParameter.TES, tes)
                    .with(org.nuisance.engine.higgsml.NuisanceParameter.JES, jes);
            long a = System.nanoTime();
            kernel.fill(DerivedQuantity.MASS_VIS.column(), axis, np, 31415);
            long b = System.nanoTime();
            kernel.fill(DerivedQuantity.MASS_TRANSVERSE_MET_LEP.column(), axis, np, 31415);
            long c = System.nanoTime();
            if (r >= 0) {
                slider[r] = (b - a) / 1e6;
                metSlider[r] = (c - b) / 1e6;
            }
        }
        boolean[] pass = new boolean[events];
        float[][] der = new float[DerivedQuantity.values().length][events];
        double[] all = new double[repeats];
        for (int r = -5; r < repeats; r++) {
            NuisanceValues np = NuisanceValues.NOMINAL.with(org.nuisance.engine.higgsml.NuisanceParameter.TES,
                    0.98 + 0.01 * ((r + 5) % 5));
            long a = System.nanoTime();
            kernel.computeAll(np, 31415, pass, null, der);
            if (r >= 0) {
                all[r] = (System.nanoTime() - a) / 1e6;
            }
        }
        double sliderMs = median(slider);
        double allMs = median(all);
        out.printf("tes/jes move, 4 process histograms of DER_mass_vis: median %.2f ms%n", sliderMs);
        out.printf("tes/jes move, 4 process histograms of DER_mass_transverse_met_lep (MET recomputed): median %.2f ms%n",
                median(metSlider));
        out.printf("all 12 DER columns recomputed after a tes change: median %.2f ms%n", allMs);
        out.printf("slider_ms=%.2f all_der_ms=%.2f%n", sliderMs, allMs);
        if (!noNumpy) {
            double numpyMs = numpyReference(events);
            if (Double.isNaN(numpyMs)) {
                out.printf("numpy reference: not run (python3 with numpy not found)%n");
            } else {
                out.printf("numpy_all_der_ms=%.2f (the same 12-DER work vectorised in numpy; Java %.1fx faster)%n",
                        numpyMs, numpyMs / allMs);
            }
        }
        out.printf("system load average (1 min) during the run: %.2f on %d cores%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        out.flush();
        return 0;
    }

    /** Runs the bundled numpy script on as many events; NaN when python3 or numpy is missing. */
    private static double numpyReference(int events) {
        try (java.io.InputStream in = BenchCommand.class.getResourceAsStream("der12_numpy.py")) {
            if (in == null) {
                return Double.NaN;
            }
            java.nio.file.Path script = java.nio.file.Files.createTempFile("der12_numpy", ".py");
            try {
                java.nio.file.Files.write(script, in.readAllBytes());
                Process p = new ProcessBuilder("python3", script.toString(), Integer.toString(events), "5")
                        .redirectErrorStream(true).start();
                String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    return Double.NaN;
                }
                for (String line : text.split("\\R")) {
                    if (line.startsWith("numpy_all_der_ms=")) {
                        return Double.parseDouble(line.substring("numpy_all_der_ms=".length()).trim());
                    }
                }
                return Double.NaN;
            } finally {
                java.nio.file.Files.deleteIfExists(script);
            }
        } catch (java.io.IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
