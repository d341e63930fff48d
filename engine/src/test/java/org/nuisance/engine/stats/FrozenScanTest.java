package org.nuisance.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.fit.ProfileScan;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/** Scans with nuisance parameters frozen at chosen values (the workbench's "NPs at the sliders" curve). */
class FrozenScanTest {

    static final double N = 130;
    static final double S = 20;
    static final double B = 100;

    static Model countingWithBackgroundNormsys() {
        return Model.of(ModifierClosedFormTest.oneChannel(new double[] {N},
                List.of(new Sample("s", new double[] {S}, List.of(ModifierSpec.normfactor("mu"))),
                        new Sample("b", new double[] {B}, List.of(ModifierSpec.normsys("bnorm", 1.1, 0.9)))),
                List.of(new ParameterConfig("mu", new double[] {1}, new double[][] {{-5, 10}}, null, null, null)), "mu"));
    }

    @Test
    void frozenAtPlusOneSigmaIsTheCountingProfileWithTheUpVariation() {
        Model m = countingWithBackgroundNormsys();
        int alpha = m.indexOf("bnorm");
        // normsys code1 at alpha = +1 scales b by hi exactly: nu = mu S + 1.1 B, plus the constraint alpha^2 / 2
        ProfileScan scan = new ProfileScan(m, new Fitter(m, m.observedData()), m.poi(), new int[] {alpha},
                new double[] {1.0});
        ProfileScan.Result r = scan.scan(0, 2.5, 26);
        double bUp = 1.1 * B;
        assertEquals((N - bUp) / S, r.best(), 1e-7);
        for (int i = 0; i < r.values().length; i++) {
            double nu = r.values()[i] * S + bUp;
            assertEquals(2 * (nu - N - N * Math.log(nu / N)), r.twiceDeltaNll()[i], 1e-7, "mu = " + r.values()[i]);
        }
    }

    @Test
    void frozenAtTheBestFitEqualsTheStatOnlyScan() {
        Model m = countingWithBackgroundNormsys();
        int alpha = m.indexOf("bnorm");
        Fitter fitter = new Fitter(m, m.observedData());
        double alphaHat = fitter.fit().values()[alpha];
        ProfileScan.Result frozen = new ProfileScan(m, fitter, m.poi(), new int[] {alpha}, new double[] {alphaHat})
                .scan(0, 2.5, 26);
        ProfileScan.Result statOnly = new ProfileScan(m, m.observedData(), m.poi(),
                ProfileScan.constrainedParameters(m, m.poi())).scan(0, 2.5, 26);
        for (int i = 0; i < frozen.values().length; i++) {
            assertEquals(statOnly.twiceDeltaNll()[i], frozen.twiceDeltaNll()[i], 1e-6);
        }
        assertEquals(statOnly.interval68()[0], frozen.interval68()[0], 1e-6);
        assertEquals(statOnly.interval68()[1], frozen.interval68()[1], 1e-6);
    }
}
