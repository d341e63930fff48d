package org.nuisance.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.stats.histfactory.Interpolation;
import org.nuisance.engine.stats.histfactory.BinnedLikelihood;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.histfactory.Workspace;
import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/**
 * The analytic gradient and Hessian of -ln L equal central finite differences (of -ln L, of the gradient),
 * for a model with every modifier type and both interpolation codes, and for the tabulated shapes.
 */
class LikelihoodGradientTest {

    @Test
    void analyticGradientMatchesFiniteDifferencesForEveryModifier() {
        for (Object[] c : cases()) {
            Model m = (Model) c[0];
            double[] x = (double[]) c[1];
            BinnedLikelihood l = new BinnedLikelihood(m, m.observedData());
            double[] g = new double[x.length];
            l.reducedNll(x, g);
            double[][] h = new double[x.length][x.length];
            assertTrue(l.hessian(x, h));
            for (int i = 0; i < x.length; i++) {
                if (m.parameter(i).fixed()) {
                    continue;
                }
                double step = 1e-6;
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[i] += step;
                xm[i] -= step;
                double fd = (l.nll(xp) - l.nll(xm)) / (2 * step);
                assertEquals(fd, g[i], 1e-5 * Math.max(1, Math.abs(fd)), "d/d" + m.parameter(i).name());
                double[] gp = new double[x.length];
                double[] gm = new double[x.length];
                l.reducedNll(xp, gp);
                l.reducedNll(xm, gm);
                for (int k = 0; k < x.length; k++) {
                    if (m.parameter(k).fixed()) {
                        continue;
                    }
                    double hd = (gp[k] - gm[k]) / (2 * step);
                    assertEquals(hd, h[i][k], 1e-4 * Math.max(1, Math.abs(hd)),
                            "d2/d" + m.parameter(i).name() + " d" + m.parameter(k).name());
                }
            }
        }
    }

    /** Models with a parameter point each: every modifier (two interpolation settings), and tabulated shapes. */
    static java.util.List<Object[]> cases() {
        java.util.List<Object[]> out = new java.util.ArrayList<>();
        Workspace ws = allModifiers();
        for (Interpolation interp : List.of(Interpolation.DEFAULT,
                new Interpolation(Interpolation.Normsys.CODE4, Interpolation.Histosys.CODE4P))) {
            Model m = Model.of(ws, null, interp);
            for (double a : new double[] {0.4, -1.7}) {
                double[] x = point(m);
                x[m.indexOf("xs")] = a;
                x[m.indexOf("jes")] = -a * 0.8;
                out.add(new Object[] {m, x});
            }
        }
        Model base = Model.of(ws);
        double[][] deltas = new double[11][3];
        double[] alphas = new double[11];
        for (int k = 0; k < 11; k++) {
            alphas[k] = -5 + k;
            for (int b = 0; b < 3; b++) {
                deltas[k][b] = (b + 1) * 0.7 * alphas[k] + 0.05 * alphas[k] * alphas[k] * (b - 1);
            }
        }
        Model grid = base.withGridShape("bkg", "jes", -5, 1, deltas);
        double[] xg = point(grid);
        xg[grid.indexOf("jes")] = 0.37;
        out.add(new Object[] {grid, xg});
        double[] nonZero = {-5, -4, -3, -2, -1, 1, 2, 3, 4, 5};
        double[][] dnz = new double[10][];
        int j = 0;
        for (int k = 0; k < 11; k++) {
            if (alphas[k] != 0) {
                dnz[j++] = deltas[k];
            }
        }
        Model poly = base.withPolynomialShape("bkg", "jes", nonZero, dnz, 4);
        double[] xp = point(poly);
        xp[poly.indexOf("jes")] = -0.6;
        out.add(new Object[] {poly, xp});
        return out;
    }

    static double[] point(Model m) {
        double[] x = m.inits();
        double[] probe = {1.3, 0.4, 1.01, 0.97, 1.02, 0.99, -1.7, 1.05, 0.93, 1.0, 1.2, 0.8, 0.6};
        for (int i = 0; i < x.length; i++) {
            if (!m.parameter(i).fixed()) {
                x[i] = probe[i % probe.length];
            }
        }
        return x;
    }

    static Workspace allModifiers() {
        return ModifierClosedFormTest.oneChannel(new double[] {52, 71, 40},
                List.of(new Sample("sig", new double[] {5, 12, 3}, List.of(ModifierSpec.normfactor("mu"),
                                ModifierSpec.normsys("xs", 1.1, 0.85), ModifierSpec.lumi("lumi"),
                                ModifierSpec.staterror("stat", new double[] {1, 2, 0.5}))),
                        new Sample("bkg", new double[] {45, 60, 35}, List.of(
                                ModifierSpec.histosys("jes", new double[] {48, 63, 34}, new double[] {43, 58, 37}),
                                ModifierSpec.normsys("jes", 1.05, 0.96),
                                ModifierSpec.shapesys("bkgstat", new double[] {4, 5, 0}),
                                ModifierSpec.staterror("stat", new double[] {2, 3, 1}), ModifierSpec.lumi("lumi"))),
                        new Sample("fake", new double[] {3, 2, 4}, List.of(ModifierSpec.shapefactor("ff")))),
                List.of(new ParameterConfig("lumi", null, null, null, new double[] {1}, new double[] {0.02})), "mu");
    }
}
