package org.nuisance.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.stats.histfactory.Interpolation;
import org.nuisance.engine.stats.histfactory.Likelihood;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.histfactory.Workspace;
import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/** The analytic gradient of -ln L equals central finite differences, for a model with every modifier type. */
class LikelihoodGradientTest {

    @Test
    void analyticGradientMatchesFiniteDifferencesForEveryModifier() {
        Workspace ws = ModifierClosedFormTest.oneChannel(new double[] {52, 71, 40},
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
        for (Interpolation interp : List.of(Interpolation.DEFAULT,
                new Interpolation(Interpolation.Normsys.CODE4, Interpolation.Histosys.CODE4P))) {
            Model m = Model.of(ws, null, interp);
            Likelihood l = new Likelihood(m, m.observedData());
            double[] x = m.inits();
            // a generic point, inside |alpha| < 1 and outside for the polynomial codes
            double[] probe = {1.3, 0.4, 1.01, 0.97, 1.02, 0.99, -1.7, 1.05, 0.93, 1.0, 1.2, 0.8, 0.6};
            for (int i = 0; i < x.length; i++) {
                if (!m.parameter(i).fixed()) {
                    x[i] = probe[i % probe.length] * (m.parameter(i).type().endsWith("sys") ? 1 : 1);
                }
            }
            x[m.indexOf("xs")] = 0.4;
            x[m.indexOf("jes")] = -1.7;
            double[] g = new double[x.length];
            l.reducedNll(x, g);
            for (int i = 0; i < x.length; i++) {
                if (m.parameter(i).fixed()) {
                    continue;
                }
                double h = 1e-6;
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[i] += h;
                xm[i] -= h;
                double fd = (l.nll(xp) - l.nll(xm)) / (2 * h);
                assertEquals(fd, g[i], 1e-5 * Math.max(1, Math.abs(fd)), interp + " d/d" + m.parameter(i).name());
            }
        }
    }
}
