package org.nuisance.engine.workbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.ml.ClassifierConfig;
import org.nuisance.engine.omnifold.OmniFoldReader;
import org.nuisance.engine.omnifold.OmniFoldTable;
import org.nuisance.engine.omnifold.unfold.NeuralReweighter;
import org.nuisance.engine.omnifold.unfold.OmniFoldUnfolding;
import org.nuisance.engine.omnifold.unfold.Reweighter;
import org.nuisance.engine.omnifold.unfold.TableFiles;
import org.nuisance.engine.omnifold.unfold.ToyGenerator;
import org.nuisance.engine.omnifold.unfold.UnfoldingInputs;

/**
 * "Unfold…" for the window: runs OmniFold ({@code omnifold unfold}, the same engine and defaults) on a data
 * and a simulation file, reports each step of each iteration, records the closure of the first member
 * (reco-level simulation reweighted by each iteration's pull weights against the data), and writes the result
 * in the published layout for the Unfolded result tab. Cancel by interrupting the running thread.
 */
public final class UnfoldRuns {

    /** What a person chooses in the panel; {@code network} is LAYERSxWIDTH, e.g. 3x64. */
    public record Request(Path data, Path mc, List<String> observables, int iterations, int ensemble, int bootstrapData,
                          int bootstrapMc, int epochs, String network, long seed, Path output) {
    }

    /**
     * One finished step.
     *
     * @param member   the member's output column, e.g. weights_ensemble_1
     * @param fraction the run's progress in [0, 1] after this step (by iterations finished)
     */
    public record Step(String member, int iteration, String step, double seconds, int events, double fraction) {
        /** "weights_nominal: iteration 2, step 1 (40000 events, 1.3 s)". */
        public String describe() {
            return String.format(Locale.ROOT, "%s: iteration %d, step %s (%d events, %.1f s)", member, iteration, step,
                    events, seconds);
        }
    }

    /**
     * The closure of one iteration at reco level in the first observable: the data (minus background) and the
     * simulation weighted by the iteration's pull weights, summed in {@code edges}; iteration 0 is the prior.
     */
    public record Closure(int iteration, double[] edges, double[] data, double[] simulation) {
    }

    /** The written result and the closure of the first member, iteration by iteration. */
    public record Outcome(Path output, int members, double seconds, List<Closure> closure) {
    }

    private UnfoldRuns() {
    }

    /** The observables both files offer: data column c where the simulation has c_reco and c_gen. */
    public static List<String> commonObservables(Path data, Path mc) {
        OmniFoldTable d = OmniFoldReader.read(data);
        OmniFoldTable m = OmniFoldReader.read(mc);
        List<String> out = new ArrayList<>();
        for (String c : d.columnNames()) {
            if (m.hasColumn(c + UnfoldingInputs.RECO_SUFFIX) && m.hasColumn(c + UnfoldingInputs.GEN_SUFFIX)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Writes the Gaussian toy of the OmniFold demonstrations (DIR/data.parquet, DIR/mc.parquet). */
    public static void writeGaussianToy(Path dir, int events, long seed) {
        ToyGenerator.write(ToyGenerator.gaussian(events, seed, ToyGenerator.Gaussian.DEMO), dir);
    }

    /** Runs the unfolding on the calling thread; progress is called on it too. */
    public static Outcome run(Request r, Consumer<Step> progress) {
        if (r.observables().isEmpty()) {
            throw new InputException("choose at least one observable");
        }
        if (r.epochs() < 1) {
            throw new InputException("epochs must be >= 1, got " + r.epochs());
        }
        UnfoldingInputs in = UnfoldingInputs.read(r.data(), r.mc(), null, r.observables());
        OmniFoldUnfolding.Settings s = new OmniFoldUnfolding.Settings(r.iterations(), r.ensemble(), r.bootstrapData(),
                r.bootstrapMc(), r.seed(), 1);
        ClassifierConfig config = NeuralReweighter.networkConfig(r.network(), r.epochs(), r.seed());
        NeuralReweighter network = new NeuralReweighter(config, null);
        List<Closure> closure = new ArrayList<>();
        Axis axis = closureAxis(in);
        // the first member's step-1 fits: class 1 the data, class 0 the reco simulation at the push weights
        Reweighter recording = (x1, w1, x0, w0, at, seed, label) -> {
            double[] ratio = network.ratio(x1, w1, x0, w0, at, seed, label);
            if (label.endsWith(" step 1") && at == x0 && closure.size() <= r.iterations()) {
                double[] pulled = new double[w0.length];
                for (int i = 0; i < pulled.length; i++) {
                    pulled[i] = w0[i] * ratio[i];
                }
                if (closure.isEmpty()) {
                    closure.add(new Closure(0, axis.edges(), fill(axis, x1[0], w1), fill(axis, x0[0], w0)));
                }
                closure.add(new Closure(closure.size(), axis.edges(), fill(axis, x1[0], w1), fill(axis, x0[0], pulled)));
            }
            return ratio;
        };
        int jobs = s.jobs().size();
        int[] finished = {0};
        OmniFoldUnfolding.Result res = OmniFoldUnfolding.run(in, s, w -> recording, (job, it, step, sec, ev) -> {
            if (step.equals("2")) {
                finished[0]++;
            }
            progress.accept(new Step(job.column(), it, step, sec, ev, Math.min(1.0, finished[0] / (double) (jobs * r.iterations()))));
        }, () -> Thread.currentThread().isInterrupted());
        TableFiles.write(res.table(), r.output());
        return new Outcome(r.output(), jobs, res.seconds(), List.copyOf(closure));
    }

    /** 20 bins over the central 99.8% of the data's first observable. */
    private static Axis closureAxis(UnfoldingInputs in) {
        float[] x = in.dataReco()[0].clone();
        java.util.Arrays.sort(x);
        double lo = x[(int) (0.001 * (x.length - 1))];
        double hi = x[(int) (0.999 * (x.length - 1))];
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        return Axis.regular(20, lo, hi);
    }

    private static double[] fill(Axis axis, float[] x, double[] w) {
        double[] h = new double[axis.bins()];
        for (int i = 0; i < x.length; i++) {
            int b = axis.index(x[i]) - 1;
            if (b >= 0 && b < h.length) {
                h[b] += w[i];
            }
        }
        return h;
    }
}
