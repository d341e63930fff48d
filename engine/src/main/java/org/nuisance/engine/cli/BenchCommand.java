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
        out.flush();
        return 0;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
