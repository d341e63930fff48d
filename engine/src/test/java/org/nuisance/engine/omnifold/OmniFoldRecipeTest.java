package org.nuisance.engine.omnifold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.hist.Axis;

/**
 * The recipe's bands against closed forms from {@link SyntheticOmniFold}'s construction, each
 * computed here by a plain per-event loop (not through the histogram matrix):
 * ensemble = 1.253 A |sum w f| / sqrt(N); data-driven = 3 %, lumi = 1.7 %, generator prior = 4 %,
 * nonDY = 2 % of the nominal; a systematic group = sqrt(sum_k (delta_k sum w phi_k)^2); bootstrap
 * std -> sqrt(sum w^2) (data) and sqrt(sum w^2 / 4) (MC) within their sampling error.
 */
class OmniFoldRecipeTest {

    static final int EVENTS = 40_000;
    static final int BOOTSTRAPS = 100;
    static final Axis AXIS = Axis.regular(10, 200, 600);

    static OmniFoldTable table;
    static UnfoldedResult result;
    static WeightHistograms matrix;
    static OmniFoldExplorer explorer;

    @BeforeAll
    static void generate() {
        SyntheticOmniFold.Config c = new SyntheticOmniFold.Config(EVENTS, 20240531L, 100, BOOTSTRAPS);
        table = SyntheticOmniFold.generate(c, SyntheticOmniFold.Variant.NOMINAL);
        explorer = new OmniFoldExplorer(table, WeightScheme.detect(table));
        explorer.addAlternative("generator_prior", SyntheticOmniFold.generate(c, SyntheticOmniFold.Variant.SHERPA));
        explorer.addAlternative("non_dy", SyntheticOmniFold.generate(c, SyntheticOmniFold.Variant.NON_DY));
        matrix = explorer.histogramMatrix("pT_ll", AXIS);
        result = explorer.result("pT_ll", matrix);
    }

    /** Per-bin sum over events of w * g(event), by a direct loop. */
    interface EventFunction {
        double at(int i);
    }

    static double[] binSum(EventFunction f) {
        float[] x = table.column("pT_ll");
        double[] out = new double[AXIS.bins()];
        for (int i = 0; i < x.length; i++) {
            int idx = AXIS.index(x[i]);
            if (idx >= 1 && idx <= AXIS.bins()) {
                out[idx - 1] += f.at(i);
            }
        }
        return out;
    }

    static float[] w() {
        return table.column("weights_nominal");
    }

    static void assertBand(double[] expectedPerBin, String band, double relTol) {
        double[] got = result.uncertainties().get(band);
        for (int b = 0; b < got.length; b++) {
            double expected = expectedPerBin[b] / AXIS.width(b);
            assertEquals(expected, got[b], relTol * Math.abs(expected) + 1e-12,
                    band + " in bin " + b);
        }
    }

    @Test
    void dsigmaDxIsTheNominalSumOverTheBinWidth() {
        float[] w = w();
        double[] h = binSum(i -> w[i]);
        for (int b = 0; b < h.length; b++) {
            assertEquals(h[b], result.nominal()[b], 1e-9 * h[b]);
            assertEquals(h[b] / 40.0, result.dsigmaDx()[b], 1e-9 * h[b]);
        }
        // the whole sample sums to the generator's 1809 fb (float32 storage: 1e-5)
        assertEquals(SyntheticOmniFold.TOTAL_FB, table.sum("weights_nominal"), 1e-5 * SyntheticOmniFold.TOTAL_FB);
    }

    @Test
    void ensembleBandIsTheStandardErrorOfTheMedianOfAKnownSpread() {
        float[] w = w();
        float[] y = table.column("y_ll");
        double[] f = binSum(i -> w[i] * (1 + 0.5 * Math.tanh(y[i])));
        double[] expected = new double[f.length];
        for (int b = 0; b < f.length; b++) {
            expected[b] = 1.253 * SyntheticOmniFold.ENSEMBLE_AMPLITUDE * Math.abs(f[b]) / Math.sqrt(100);
        }
        assertBand(expected, WeightScheme.ENSEMBLE, 2e-3);
    }

    @Test
    void normalisationLikeBandsAreTheirKnownFractionOfTheNominal() {
        float[] w = w();
        double[] h = binSum(i -> w[i]);
        Map<String, Double> fraction = new LinkedHashMap<>();
        fraction.put(WeightScheme.DATA_DRIVEN, SyntheticOmniFold.DD_RELATIVE);
        fraction.put("lumi", 0.017);
        fraction.put("generator_prior", SyntheticOmniFold.SHERPA_SHIFT);
        fraction.put("non_dy", SyntheticOmniFold.NON_DY_SHIFT);
        for (Map.Entry<String, Double> e : fraction.entrySet()) {
            double[] expected = new double[h.length];
            for (int b = 0; b < h.length; b++) {
                expected[b] = e.getValue() * h[b];
            }
            assertBand(expected, e.getKey(), 1e-4);
        }
    }

    @Test
    void eachSystematicGroupIsTheQuadratureSumOfItsKnownShifts() {
        float[] w = w();
        float[] pt = table.column("pT_ll");
        float[] y = table.column("y_ll");
        float[] eta = table.column("eta_l1");
        Map<String, double[]> squares = new LinkedHashMap<>();
        for (SyntheticOmniFold.Systematic s : SyntheticOmniFold.SYSTEMATICS) {
            double[] shift = binSum(i -> w[i] * s.delta() * s.shape().phi(pt[i], y[i], eta[i]));
            double[] sq = squares.computeIfAbsent(WeightScheme.SYSTEMATIC_GROUPS.get(s.name()), k -> new double[shift.length]);
            for (int b = 0; b < shift.length; b++) {
                sq[b] += shift[b] * shift[b];
            }
        }
        assertEquals(List.of("muon_efficiency_pileup", "muon_calibration", "track", "theory", "lumi", "top_background"),
                List.copyOf(squares.keySet()));
        for (Map.Entry<String, double[]> e : squares.entrySet()) {
            double[] expected = e.getValue().clone();
            for (int b = 0; b < expected.length; b++) {
                expected[b] = Math.sqrt(expected[b]);
            }
            assertBand(expected, e.getKey(), 2e-3);
        }
    }

    @Test
    void bootstrapBandsMatchThePoissonVarianceWithinSamplingError() {
        float[] w = w();
        double[] sumw2 = binSum(i -> (double) w[i] * w[i]);
        // with 100 replicas the sample variance scatters by sqrt(2/99) = 14 % per bin; bins are
        // independent, so the mean over 10 bins scatters by 4.5 %: allow 3.3 sigma on the mean, 3 on a bin
        for (String band : List.of(WeightScheme.DATA_STAT, WeightScheme.MC_STAT)) {
            double scale = band.equals(WeightScheme.DATA_STAT) ? 1.0 : 0.25;
            double[] got = result.uncertainties().get(band);
            double meanRatio = 0;
            for (int b = 0; b < got.length; b++) {
                double expectedVar = scale * sumw2[b] / (AXIS.width(b) * AXIS.width(b));
                double ratio = got[b] * got[b] / expectedVar;
                assertTrue(Math.abs(ratio - 1) < 0.43, band + " bin " + b + ": variance ratio " + ratio);
                meanRatio += ratio / got.length;
            }
            assertEquals(1.0, meanRatio, 0.15, band + ": mean variance ratio");
        }
    }

    @Test
    void totalIsTheQuadratureSumAndTheCovarianceDiagonal() {
        double[][] cov = result.covariance();
        double[][] corr = result.correlation();
        double[] total = result.total();
        for (int b = 0; b < total.length; b++) {
            double sq = 0;
            for (double[] band : result.uncertainties().values()) {
                sq += band[b] * band[b];
            }
            assertEquals(Math.sqrt(sq), total[b], 1e-12 * total[b]);
            assertEquals(total[b] * total[b], cov[b][b], 1e-9 * cov[b][b]);
            assertEquals(1.0, corr[b][b], 0);
            for (int j = 0; j < total.length; j++) {
                assertEquals(cov[b][j], cov[j][b], 1e-12 * Math.abs(cov[b][b]));
                assertTrue(Math.abs(corr[b][j]) <= 1 + 1e-12);
            }
        }
    }

    @Test
    void oneFamilyCovariancesHaveTheirKnownStructure() {
        WeightScheme full = explorer.scheme();
        // lumi alone: a flat 1.7 % shift is fully correlated; cov_ij = 0.017^2 h_i h_j / (w_i w_j)
        WeightScheme lumi = new WeightScheme(full.nominal(), null, List.of(full.family("lumi").orElseThrow()),
                full.observables(), List.of());
        UnfoldedResult r = UncertaintyRecipe.compute(matrix, lumi, Map.of());
        double[] d = r.dsigmaDx();
        for (int i = 0; i < d.length; i++) {
            for (int j = 0; j < d.length; j++) {
                assertEquals(0.017 * 0.017 * d[i] * d[j], r.covariance()[i][j], 1e-4 * 0.017 * 0.017 * d[i] * d[j]);
                assertEquals(1.0, r.correlation()[i][j], 1e-9);
            }
        }
        // data bootstraps alone: different bins hold different events, so correlations average to 0
        WeightScheme boot = new WeightScheme(full.nominal(), null,
                List.of(full.family(WeightScheme.DATA_STAT).orElseThrow()), full.observables(), List.of());
        double[][] c = UncertaintyRecipe.compute(matrix, boot, Map.of()).correlation();
        double mean = 0;
        int pairs = 0;
        for (int i = 0; i < c.length; i++) {
            for (int j = i + 1; j < c.length; j++) {
                mean += c[i][j];
                pairs++;
            }
        }
        // each sample correlation scatters by 1/sqrt(99) = 0.1; 45 pairs: 0.015; allow 4 sigma
        assertEquals(0.0, mean / pairs, 0.06);
    }

    @Test
    void referenceCovarianceFollowsTheAnalysisWordForWord() {
        UnfoldedResult ref = UncertaintyRecipe.compute(matrix, explorer.scheme(),
                explorer.alternativeHistograms("pT_ll", AXIS), UncertaintyRecipe.Covariance.REFERENCE);
        double[][] cov = ref.covariance();
        for (int b = 0; b < AXIS.bins(); b++) {
            // diagonal = every band squared except data-driven and alternatives, ensemble without 1.253^2
            double expected = 0;
            for (var e : ref.uncertainties().entrySet()) {
                double u = e.getValue()[b];
                switch (e.getKey()) {
                    case "data_driven", "generator_prior", "non_dy" -> { }
                    case "ensemble" -> expected += u * u / (1.253 * 1.253);
                    default -> expected += u * u;
                }
            }
            assertEquals(expected, cov[b][b], 1e-9 * expected);
            assertEquals(result.total()[b], ref.total()[b], 0, "bands do not depend on the convention");
        }
    }

    @Test
    void priorComparisonIsTheWeightMcHistogram() {
        float[] wmc = table.column("weight_mc");
        double[] h = binSum(i -> wmc[i]);
        double[] prior = result.comparisons().get("prior");
        for (int b = 0; b < h.length; b++) {
            assertEquals(h[b] / 40.0, prior[b], 1e-9 * h[b]);
        }
        Chi2Test.Result self = result.chi2(result.dsigmaDx());
        assertEquals(0.0, self.chi2(), 0);
        assertEquals(1.0, self.pValue(), 1e-12);
    }

    @Test
    void nuisanceShiftIsLinearAndReproducesEachVariationAtThetaOne() {
        NuisanceShift s = explorer.nuisanceShift(matrix);
        assertEquals(SyntheticOmniFold.SYSTEMATICS.size(), s.parameters().size());
        int k = s.parameters().indexOf("weights_lumi");
        double[] theta = new double[s.parameters().size()];
        theta[k] = 1;
        double[] one = s.shifted(theta);
        double[] lumi = matrix.values("weights_lumi");
        for (int b = 0; b < one.length; b++) {
            assertEquals(lumi[b], one[b], 1e-12 * lumi[b]);
        }
        theta[k] = -2.5;
        double[] h = matrix.values("weights_nominal");
        double[] shifted = s.shifted(theta);
        for (int b = 0; b < h.length; b++) {
            assertEquals(h[b] + -2.5 * (lumi[b] - h[b]), shifted[b], 1e-12 * h[b]);
            // lumi is a flat 1.7 %: theta = -2.5 lowers every bin by 4.25 %
            assertEquals(1 - 2.5 * 0.017, shifted[b] / h[b], 1e-5);
        }
    }

    @Test
    void anExpressionBinsLikeItsPrecomputedColumn() {
        Axis ratio = Axis.regular(8, 0.5, 1.1);
        WeightHistograms m = explorer.histogramMatrix("(pT_l1 - 10) / pT_ll", ratio);
        float[] pt1 = table.column("pT_l1");
        float[] ptll = table.column("pT_ll");
        float[] w = w();
        double[] expected = new double[ratio.bins()];
        for (int i = 0; i < w.length; i++) {
            int idx = ratio.index((float) ((pt1[i] - 10.0) / ptll[i]));
            if (idx >= 1 && idx <= ratio.bins()) {
                expected[idx - 1] += w[i];
            }
        }
        double[] got = m.values("weights_nominal");
        for (int b = 0; b < expected.length; b++) {
            assertEquals(expected[b], got[b], 1e-9 * SyntheticOmniFold.TOTAL_FB);
        }
        // the generator draws the leading-lepton share uniformly in [0.55, 0.95]: nothing below 0.5
        assertEquals(0.0, m.histogram("weights_nominal").underflow(), 0);
    }
}
