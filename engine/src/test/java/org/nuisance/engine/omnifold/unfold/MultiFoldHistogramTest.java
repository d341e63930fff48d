package org.nuisance.engine.omnifold.unfold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nuisance.engine.hist.Axis;

/**
 * OmniFold with a binned classifier (a ratio of weighted histograms) is iterative Bayesian unfolding
 * (Andreassen et al., PRL 124 (2020) 182001): the same driver that runs the networks, with
 * {@link HistogramReweighter}, against {@link Ibu}, with an efficiency, fakes and weights.
 */
class MultiFoldHistogramTest {

    @Test
    void omniFoldWithAHistogramClassifierEqualsIbu() {
        UnfoldingInputs in = IbuTest.smearedEvents(20000, 9);
        Axis axis = Axis.regular(6, 0, 6);
        for (int iterations = 1; iterations <= 4; iterations++) {
            Ibu.Result ibu = Ibu.unfold(in, 0, axis, iterations);
            // step 2 against the prior (the published form) and against the previous push (incremental): both IBU
            for (boolean incremental : new boolean[] {false, true}) {
                MultiFold.Result of = MultiFold.run(in, null, null, iterations, new HistogramReweighter(axis), 1,
                        MultiFold.Progress.NONE, incremental);
                double[] w = of.unfoldedWeights(in.passGen());
                double[] h = new double[6];
                for (int e = 0; e < w.length; e++) {
                    h[(int) Math.floor(in.mcGen()[0][e])] += w[e];
                }
                for (int j = 0; j < 6; j++) {
                    assertEquals(ibu.unfolded()[j], h[j], 1e-9 * ibu.unfolded()[j], "iterations " + iterations
                            + ", incremental " + incremental + ", bin " + j);
                }
            }
        }
    }

    @Test
    void oneIterationWithPerfectResolutionGivesTheDataOverEfficiency() {
        // reco = truth, efficiency 0.6 + 0.05 t: one iteration of a histogram classifier recovers data / efficiency
        UnfoldingInputs in = IbuTest.smearedEvents(20000, 9);
        float[][] reco = {in.mcGen()[0].clone()};
        boolean[] all = new boolean[in.mcEvents()];
        java.util.Arrays.fill(all, true);
        UnfoldingInputs perfect = new UnfoldingInputs(in.observables(), in.dataReco(), in.dataWeight(), reco, in.mcGen(),
                in.mcWeight(), in.passReco(), all, new float[][] {new float[0]}, new float[0]);
        Axis axis = Axis.regular(6, 0, 6);
        double[] w = MultiFold.run(perfect, null, null, 1, new HistogramReweighter(axis), 1, MultiFold.Progress.NONE)
                .unfoldedWeights(all);
        double[] h = new double[6];
        double[] reached = new double[6];
        double[] total = new double[6];
        for (int e = 0; e < w.length; e++) {
            int b = (int) Math.floor(in.mcGen()[0][e]);
            h[b] += w[e];
            total[b] += in.mcWeight()[e];
            if (in.passReco()[e]) {
                reached[b] += in.mcWeight()[e];
            }
        }
        double[] d = new double[6];
        for (float x : in.dataReco()[0]) {
            d[(int) Math.floor(x)] += 1;
        }
        for (int b = 0; b < 6; b++) {
            double expected = d[b] / (reached[b] / total[b]);
            assertEquals(expected, h[b], 1e-9 * expected, "bin " + b);
        }
    }

    @Test
    void aBackgroundSubtractedWithNegativeWeightsStillGivesIbu() {
        UnfoldingInputs in = IbuTest.smearedEvents(20000, 13);
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        int nb = 1500;
        float[] bx = new float[nb];
        float[] bw = new float[nb];
        for (int i = 0; i < nb; i++) {
            bx[i] = (float) (6 * r.nextDouble());
            bw[i] = 0.5f;
        }
        UnfoldingInputs withBkg = new UnfoldingInputs(in.observables(), in.dataReco(), in.dataWeight(), in.mcReco(),
                in.mcGen(), in.mcWeight(), in.passReco(), in.passGen(), new float[][] {bx}, bw);
        Axis axis = Axis.regular(6, 0, 6);
        Ibu.Result ibu = Ibu.unfold(withBkg, 0, axis, 3);
        double[] d = new double[6];
        for (float x : in.dataReco()[0]) {
            d[(int) Math.floor(x)] += 1;
        }
        for (float x : bx) {
            d[(int) Math.floor(x)] -= 0.5;
        }
        double[] w = MultiFold.run(withBkg, null, null, 3, new HistogramReweighter(axis), 1, MultiFold.Progress.NONE)
                .unfoldedWeights(in.passGen());
        double[] h = new double[6];
        for (int e = 0; e < w.length; e++) {
            h[(int) Math.floor(in.mcGen()[0][e])] += w[e];
        }
        for (int j = 0; j < 6; j++) {
            assertEquals(d[j], ibu.measured()[j], 1e-9 * d[j], "measured, bin " + j);
            assertEquals(ibu.unfolded()[j], h[j], 1e-9 * ibu.unfolded()[j], "bin " + j);
        }
        // subtracting lowers the unfolded total below the one without background
        double with = 0;
        double without = 0;
        for (int j = 0; j < 6; j++) {
            with += ibu.unfolded()[j];
            without += Ibu.unfold(in, 0, axis, 3).unfolded()[j];
        }
        assertTrue(with < without);
    }
}
