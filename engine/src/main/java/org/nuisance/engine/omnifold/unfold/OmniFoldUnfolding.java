package org.nuisance.engine.omnifold.unfold;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.nuisance.engine.omnifold.OmniFoldTable;
import org.nuisance.engine.omnifold.WeightScheme;
import org.nuisance.engine.util.Parallel;

/**
 * A full OmniFold result with its uncertainty families, as the ATLAS Z+jets release publishes them
 * (arXiv:2405.20041): {@code weights_ensemble_k} (independently seeded unfoldings; their per-event
 * mean is {@code weights_nominal}, or a single seeded run without an ensemble),
 * {@code weights_bootstrap_data_k} (data weights times Poisson(1) draws) and
 * {@code weights_bootstrap_mc_k} (simulation weights times Poisson(1) draws, which the written weight
 * keeps), beside the generator-level observables and {@code weight_mc}, one row per simulated event
 * that passes the generator selection. Each member is an independent {@link Job} whose seed derives
 * from its family and index only, so members may run in any order, on any machine, and give the same
 * weights.
 */
public final class OmniFoldUnfolding {

    /** A member's family. */
    public enum Family {
        NOMINAL("weights_nominal"), ENSEMBLE("weights_ensemble_"), BOOTSTRAP_DATA("weights_bootstrap_data_"),
        BOOTSTRAP_MC("weights_bootstrap_mc_");

        private final String column;

        Family(String column) {
            this.column = column;
        }
    }

    /** One unfolding of the result. */
    public record Job(Family family, int index) {

        public String column() {
            return family == Family.NOMINAL ? family.column : family.column + index;
        }

        /** The member's seed: a hash of the run seed, the family and the index. */
        public long seed(long runSeed) {
            return MultiFold.mix(MultiFold.mix(runSeed) ^ ((long) family.ordinal() << 32) ^ index);
        }
    }

    /**
     * @param iterations    OmniFold iterations
     * @param ensemble      independently seeded members (0: one nominal run)
     * @param bootstrapData data bootstraps
     * @param bootstrapMc   simulation bootstraps
     * @param seed          the run seed
     * @param threads       members run at once (each trains on one CPU thread)
     */
    public record Settings(int iterations, int ensemble, int bootstrapData, int bootstrapMc, long seed, int threads) {
        public Settings {
            if (iterations < 1) {
                throw new IllegalArgumentException("--iterations must be >= 1, got " + iterations);
            }
            if (ensemble < 0 || bootstrapData < 0 || bootstrapMc < 0) {
                throw new IllegalArgumentException("--ensemble, --bootstrap-data and --bootstrap-mc must be >= 0");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
        }

        public List<Job> jobs() {
            List<Job> jobs = new ArrayList<>();
            if (ensemble == 0) {
                jobs.add(new Job(Family.NOMINAL, 0));
            }
            for (int k = 0; k < ensemble; k++) {
                jobs.add(new Job(Family.ENSEMBLE, k));
            }
            for (int k = 0; k < bootstrapData; k++) {
                jobs.add(new Job(Family.BOOTSTRAP_DATA, k));
            }
            for (int k = 0; k < bootstrapMc; k++) {
                jobs.add(new Job(Family.BOOTSTRAP_MC, k));
            }
            return jobs;
        }
    }

    /** Progress of a running member's step. */
    @FunctionalInterface
    public interface Listener {
        void onStep(Job job, int iteration, String step, double seconds, int events);
    }

    /** Wall time and training events summed over all members, per step ("1", "1b", "2", "2b"). */
    public record StepTiming(double seconds, long events) {
        public double eventsPerSecond() {
            return seconds > 0 ? events / seconds : Double.NaN;
        }
    }

    /** The table to write, the timing per step and each member's weights (pass_gen rows). */
    public record Result(OmniFoldTable table, Map<String, StepTiming> timing, double seconds) {
    }

    private OmniFoldUnfolding() {
    }

    /** Runs one member: its unfolded weight per simulated event (0 for events failing the generator selection). */
    public static double[] runJob(UnfoldingInputs in, Job job, Settings s, Reweighter reweighter,
                                  MultiFold.Progress progress) {
        long seed = job.seed(s.seed());
        double[] dataFactor = null;
        double[] mcFactor = null;
        SplittableRandom r = new SplittableRandom(seed);
        if (job.family() == Family.BOOTSTRAP_DATA) {
            dataFactor = poissonOnes(r, in.dataEvents());
        } else if (job.family() == Family.BOOTSTRAP_MC) {
            mcFactor = poissonOnes(r, in.mcEvents());
        }
        MultiFold.Result res = MultiFold.run(in, dataFactor, mcFactor, s.iterations(), reweighter, r.nextLong(), progress);
        return res.unfoldedWeights(in.passGen());
    }

    /**
     * Runs every member (s.threads() at a time) and assembles the output table.
     *
     * @param reweighters one reweighter per worker thread (called once per thread)
     */
    public static Result run(UnfoldingInputs in, Settings s, IntFunction<Reweighter> reweighters, Listener listener,
                             BooleanSupplier cancelled) {
        Members m = runMembers(in, s, s.jobs(), reweighters, listener, cancelled);
        return new Result(table(baseColumns(in), m.jobs(), m.rowWeights()), m.timing(), m.seconds());
    }

    /**
     * Some members' weights on the output rows (pass_gen events), in double: what a shard of a run computes.
     *
     * @param timing  wall time and training events per step, summed over these members
     */
    public record Members(List<Job> jobs, double[][] rowWeights, Map<String, StepTiming> timing, double seconds) {
    }

    /** Runs the given members of a run (s.threads() at a time); each is seeded by its family and index alone. */
    public static Members runMembers(UnfoldingInputs in, Settings s, List<Job> jobs, IntFunction<Reweighter> reweighters,
                                     Listener listener, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        int[] rows = passGenRows(in);
        double[][] weights = new double[jobs.size()][];
        Map<String, double[]> timing = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger workers = new java.util.concurrent.atomic.AtomicInteger();
        Parallel.forEachTask(jobs.size(), s.threads(), "omnifold-unfold", () -> {
            Reweighter rw = reweighters.apply(workers.getAndIncrement());
            return t -> {
                Job job = jobs.get(t);
                weights[t] = gather(runJob(in, job, s, rw, (it, step, sec, ev) -> {
                    timing.merge(step, new double[] {sec, ev}, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
                    if (listener != null) {
                        listener.onStep(job, it, step, sec, ev);
                    }
                }), rows);
            };
        }, cancelled);
        for (double[] w : weights) {
            if (w == null) {
                throw new java.util.concurrent.CancellationException("unfolding cancelled");
            }
        }
        Map<String, StepTiming> steps = new LinkedHashMap<>();
        for (String step : List.of("1", "1b", "2", "2b")) {
            double[] v = timing.get(step);
            if (v != null) {
                steps.put(step, new StepTiming(v[0], (long) v[1]));
            }
        }
        return new Members(List.copyOf(jobs), weights, steps, (System.nanoTime() - start) / 1e9);
    }

    /** The rows of the output: the simulated events that pass the generator selection, in file order. */
    public static int[] passGenRows(UnfoldingInputs in) {
        boolean[] pass = in.passGen();
        int rows = 0;
        for (boolean b : pass) {
            if (b) {
                rows++;
            }
        }
        int[] idx = new int[rows];
        int j = 0;
        for (int i = 0; i < pass.length; i++) {
            if (pass[i]) {
                idx[j++] = i;
            }
        }
        return idx;
    }

    /** The columns every output starts with: the generator-level observables and weight_mc, pass_gen rows. */
    public static LinkedHashMap<String, float[]> baseColumns(UnfoldingInputs in) {
        int[] idx = passGenRows(in);
        LinkedHashMap<String, float[]> cols = new LinkedHashMap<>();
        for (int k = 0; k < in.dimensions(); k++) {
            cols.put(in.observables().get(k), MultiFold.gather(new float[][] {in.mcGen()[k]}, idx)[0]);
        }
        cols.put(WeightScheme.PRIOR, MultiFold.gather(new float[][] {in.mcWeight()}, idx)[0]);
        return cols;
    }

    /**
     * Assembles the output from the base columns and each member's weights on the output rows (in double):
     * weights_nominal is the mean of the nominal/ensemble members, summed in job order, then every column is
     * rounded to float32. One process and a merge of shards both come here, so they agree bit for bit.
     */
    public static OmniFoldTable table(LinkedHashMap<String, float[]> base, List<Job> jobs, double[][] rowWeights) {
        int rows = base.values().iterator().next().length;
        LinkedHashMap<String, float[]> cols = new LinkedHashMap<>(base);
        double[] nominal = new double[rows];
        int members = 0;
        for (int t = 0; t < jobs.size(); t++) {
            Family f = jobs.get(t).family();
            if (f == Family.NOMINAL || f == Family.ENSEMBLE) {
                members++;
                for (int i = 0; i < rows; i++) {
                    nominal[i] += rowWeights[t][i];
                }
            }
        }
        for (int i = 0; i < rows; i++) {
            nominal[i] /= members;
        }
        cols.put(WeightScheme.NOMINAL, toFloat(nominal));
        for (int t = 0; t < jobs.size(); t++) {
            if (jobs.get(t).family() != Family.NOMINAL) {
                cols.put(jobs.get(t).column(), toFloat(rowWeights[t]));
            }
        }
        return new OmniFoldTable("omnifold-unfold", rows, cols, List.of());
    }

    static double[] gather(double[] w, int[] idx) {
        double[] out = new double[idx.length];
        for (int j = 0; j < idx.length; j++) {
            out[j] = w[idx[j]];
        }
        return out;
    }

    private static float[] toFloat(double[] w) {
        float[] f = new float[w.length];
        for (int j = 0; j < w.length; j++) {
            f[j] = (float) w[j];
        }
        return f;
    }

    private static double[] poissonOnes(SplittableRandom r, int n) {
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = ToyGenerator.poisson(r, 1.0);
        }
        return f;
    }

    /** "step 1: 2.1e5 events in 3.2 s (66000 events/s)" lines, for logs and the README. */
    public static String describe(Map<String, StepTiming> timing) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, StepTiming> e : timing.entrySet()) {
            StepTiming t = e.getValue();
            sb.append(String.format(Locale.ROOT, "step %s: %d training events in %.1f s (%.0f events/s)%n", e.getKey(),
                    t.events(), t.seconds(), t.eventsPerSecond()));
        }
        return sb.toString();
    }
}
