package org.nuisance.engine.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nuisance.engine.data.EventTable;

/**
 * How a classifier's held-out AUC grows with its training sample, from scratch and fine-tuned from a
 * pretrained trunk (the measurement of Han, Ho, Roberts, Wang, ML4Jets 2024): for each size and seed a
 * seeded subsample of the training pool trains both, and both are judged on the same held-out events, which
 * neither saw. Also the epochs and wall time each needs to reach 99.9% of the from-scratch model's final
 * validation AUC (weighted), and the linear CKA of the hidden representations.
 */
public final class TrainingScaling {

    /** One training: its size, seed, start ("scratch" or "pretrained") and what it reached. */
    public record Row(int size, long seed, String start, double heldOutWeightedAuc, double heldOutAuc, int epochsRun,
                      int bestEpoch, double seconds, int epochsTo999, double secondsTo999) {
    }

    /** Linear CKA on held-out events between the last hidden layers of the three models of one training. */
    public record Similarity(int size, long seed, double scratchVsPretrained, double fineTunedVsPretrained,
                             double scratchVsFineTuned) {
    }

    public record Result(List<Row> rows, List<Similarity> similarities) {
    }

    private TrainingScaling() {
    }

    /**
     * A seeded split of a table into held-out events (the first testFraction of a seeded permutation) and the
     * pool training samples are drawn from: {held out, pool}. The same seed gives the same split.
     */
    public static EventTable[] heldOutSplit(EventTable table, double testFraction, long seed) {
        int n = table.rows();
        int[] order = ClassifierTrainer.permutation(n, new SplittableRandom(seed));
        int nTest = (int) Math.round(n * testFraction);
        return new EventTable[] {table.selectRows(java.util.Arrays.copyOfRange(order, 0, nTest), nTest),
                table.selectRows(java.util.Arrays.copyOfRange(order, nTest, n), n - nTest)};
    }

    /** Means over seeds of the held-out weighted AUC for one size and start. */
    public static double meanWeightedAuc(List<Row> rows, int size, String start) {
        return rows.stream().filter(r -> r.size() == size && r.start().equals(start))
                .mapToDouble(Row::heldOutWeightedAuc).average().orElse(Double.NaN);
    }

    /**
     * @param pool      events to draw training samples from
     * @param heldOut   events to judge on (disjoint from pool)
     * @param sizes     training-sample sizes; a size at or above the pool's is the whole pool
     * @param seeds     seeds 1..seeds per size (subsample, initialisation, split, shuffle)
     * @param ckaEvents held-out events for the CKA (0: none)
     */
    public static Result run(EventTable pool, EventTable heldOut, List<String> features, int[] sizes, int seeds,
                             PretrainedModel pretrained, float trunkRateFactor, ClassifierConfig base, int ckaEvents,
                             TrainingProgressListener listener) {
        List<Row> rows = new ArrayList<>();
        List<Similarity> sims = new ArrayList<>();
        TrainingSet heldSet = TrainingSet.signalVsBackground(heldOut, features);
        EventTable heldForTrunk = pretrained.restrictedTo(heldOut, features);
        EventTable ckaTable = ckaEvents > 0 ? heldOut.selectRows(range(Math.min(ckaEvents, heldOut.rows())),
                Math.min(ckaEvents, heldOut.rows())) : null;
        for (int size : sizes) {
            for (long seed = 1; seed <= seeds; seed++) {
                int n = Math.min(size, pool.rows());
                int[] perm = ClassifierTrainer.permutation(pool.rows(), new SplittableRandom(seed * 1_000_003L + size));
                EventTable sample = pool.selectRows(perm, n);
                ClassifierConfig config = base.withSeed(seed);
                List<double[]> scratchCurve = new ArrayList<>();
                List<double[]> tunedCurve = new ArrayList<>();
                try (TrainedClassifier scratch = new ClassifierTrainer(config).addListener(curve(scratchCurve, listener))
                        .train(TrainingSet.signalVsBackground(sample, features));
                     TrainedClassifier tuned = new ClassifierTrainer(config).startFrom(pretrained, trunkRateFactor, features)
                             .addListener(curve(tunedCurve, listener))
                             .train(TrainingSet.signalVsBackground(pretrained.restrictedTo(sample, features),
                                     pretrained.features()))) {
                    double target = 0.999 * scratch.summary().validationWeightedAuc();
                    rows.add(row(size, seed, "scratch", scratch, scratch.score(heldOut), heldSet, scratchCurve, target));
                    rows.add(row(size, seed, "pretrained", tuned, tuned.score(heldForTrunk), heldSet, tunedCurve, target));
                    if (ckaTable != null) {
                        int m = ckaTable.rows();
                        EventTable ckaForTrunk = pretrained.restrictedTo(ckaTable, features);
                        float[] hs = scratch.hidden(ckaTable);
                        float[] hp = pretrained.hidden(ckaForTrunk);
                        float[] hf = tuned.hidden(ckaForTrunk);
                        int ws = hs.length / m;
                        int wp = hp.length / m;
                        int wf = hf.length / m;
                        sims.add(new Similarity(size, seed, Cka.linear(hs, ws, hp, wp, m), Cka.linear(hf, wf, hp, wp, m),
                                Cka.linear(hs, ws, hf, wf, m)));
                    }
                }
            }
        }
        return new Result(rows, sims);
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static TrainingProgressListener curve(List<double[]> points, TrainingProgressListener forward) {
        return p -> {
            points.add(new double[] {p.epoch(), p.validationWeightedAuc(), p.elapsedMillis() / 1000.0});
            forward.onEpoch(p);
        };
    }

    private static Row row(int size, long seed, String start, TrainedClassifier c, float[] heldScores,
                           TrainingSet heldSet, List<double[]> curve, double target) {
        int epochs = -1;
        double seconds = Double.NaN;
        for (double[] p : curve) {
            if (p[1] >= target) {
                epochs = (int) p[0];
                seconds = p[2];
                break;
            }
        }
        TrainingSummary s = c.summary();
        return new Row(size, seed, start, RocAuc.auc(heldScores, heldSet.labels(), heldSet.weights()),
                RocAuc.auc(heldScores, heldSet.labels()), s.epochsRun(), s.bestEpoch(), s.seconds(), epochs, seconds);
    }
}
