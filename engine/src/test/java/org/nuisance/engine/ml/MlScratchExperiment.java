package org.nuisance.engine.ml;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.data.EventTable;

class MlScratchExperiment {
    @Test
    void run() {
        EventTable all = MlTestData.readHiggsMl2014();
        List<String> features = MlTestData.priAndDer(all);
        int[][] split = MlTestData.split(all.rows(), 0.2, 2014);
        EventTable test = all.selectRows(split[0], split[0].length);
        EventTable train = all.selectRows(split[1], split[1].length);
        boolean unweighted = Boolean.getBoolean("x.unw");
        boolean log = Boolean.getBoolean("x.log");
        if (log) {
            train = logify(train, features);
            test = logify(test, features);
        }
        for (String spec : System.getProperty("x.cfg", "3,64,0.002,256").split(";")) {
            String[] p = spec.split(",");
            ClassifierConfig config = ClassifierConfig.defaults().withDevice(ComputeDevice.Choice.CPU)
                    .withArchitecture(Integer.parseInt(p[0]), Integer.parseInt(p[1]), ClassifierConfig.ActivationFunction.parse(p.length > 4 ? p[4] : "relu"))
                    .withLearningRate(Float.parseFloat(p[2])).withBatchSize(Integer.parseInt(p[3])).withPatience(Integer.getInteger("x.pat", 8))
                    .withEpochs(Integer.getInteger("x.ep", 60));
            for (long seed = 7; seed < 7 + Integer.getInteger("x.seeds", 2); seed++) {
                TrainingSet ts = TrainingSet.signalVsBackground(train, features);
                if (unweighted) {
                    float[] w = new float[ts.size()];
                    java.util.Arrays.fill(w, 1f);
                    ts = new TrainingSet(features, ts.columns(), ts.labels(), w);
                }
                long t0 = System.nanoTime();
                try (TrainedClassifier c = TrainedClassifier.train(ts, config.withSeed(seed), TrainingProgressListener.NONE)) {
                    double sec = (System.nanoTime() - t0) / 1e9;
                    TrainingSet tt = TrainingSet.signalVsBackground(test, features);
                    float[] s = c.score(test);
                    System.out.printf("cfg %s unw %b log %b seed %d: test AUC %.4f wAUC %.4f val %.4f ep %d best %d %.1f s%n", spec, unweighted, log, seed,
                            RocAuc.auc(s, tt.labels()), RocAuc.auc(s, tt.labels(), tt.weights()), c.summary().validationAuc(), c.summary().epochsRun(), c.summary().bestEpoch(), sec);
                }
            }
        }
    }

    static EventTable logify(EventTable t, List<String> features) {
        java.util.Map<String, float[]> rep = new java.util.HashMap<>();
        for (String f : features) {
            float[] x = t.column(f);
            boolean pos = true;
            double s = 0, s2 = 0, s3 = 0; int n = 0;
            for (float v : x) { if (Standardisation.isUndefined(v)) continue; if (v < 0) pos = false; s += v; n++; }
            double m = s / n;
            for (float v : x) { if (Standardisation.isUndefined(v)) continue; double d = v - m; s2 += d * d; s3 += d * d * d; }
            double skew = (s3 / n) / Math.pow(s2 / n, 1.5);
            if (pos && skew > 1) {
                float[] y = new float[x.length];
                for (int i = 0; i < x.length; i++) y[i] = Standardisation.isUndefined(x[i]) ? x[i] : (float) Math.log1p(x[i]);
                rep.put(f, y);
            }
        }
        System.out.println("log: " + rep.keySet());
        return t.withColumns(rep);
    }
}
