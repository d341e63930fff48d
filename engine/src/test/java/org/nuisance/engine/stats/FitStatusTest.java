package org.nuisance.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.histfactory.Workspace;
import org.nuisance.engine.stats.histfactory.Workspace.Channel;
import org.nuisance.engine.stats.histfactory.Workspace.Measurement;
import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.Observation;
import org.nuisance.engine.stats.histfactory.Workspace.ParameterConfig;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/**
 * A fit says when it is not a fit: one-bin counting models (n observed, s signal, b background) whose
 * closed-form maximum-likelihood estimate mu-hat = (n - b) / s with Hessian error sqrt(n) / s is known,
 * and the degenerate variants the status must flag.
 */
class FitStatusTest {

    private static FitResult fit(double n, List<Sample> samples, List<ParameterConfig> params) {
        Model m = counting(n, samples, params);
        return new Fitter(m, m.observedData()).fit();
    }

    private static Model counting(double n, List<Sample> samples, List<ParameterConfig> params) {
        return Model.of(new Workspace(List.of(new Channel("c", samples)), List.of(new Observation("c", new double[] {n})),
                List.of(new Measurement("m", "mu", params)), "1.0.0"));
    }

    private static Sample signal(double s, ModifierSpec... mods) {
        return new Sample("sig", new double[] {s}, List.of(mods));
    }

    private static Sample background(double b, ModifierSpec... mods) {
        return new Sample("bkg", new double[] {b}, List.of(mods));
    }

    @Test
    void regularCountingFitIsCleanWithClosedFormError() {
        // n = 150, s = 20, b = 100: mu-hat = 2.5, error sqrt(150)/20 = 0.6124
        FitResult r = fit(150, List.of(signal(20, ModifierSpec.normfactor("mu")), background(100)),
                List.of());
        assertTrue(r.status().clean(), r.status().summary());
        assertEquals(2.5, r.value("mu"), 1e-6);
        assertEquals(Math.sqrt(150) / 20, r.error("mu"), 1e-4);
    }

    @Test
    void normfactorWithNoEffectIsNamedSingularAndTheOthersKeepTheirErrors() {
        // "k" scales a sample with zero yield: no curvature; mu's error stays the closed form sqrt(150)/20
        Sample empty = new Sample("empty", new double[] {0}, List.of(ModifierSpec.normfactor("k")));
        FitResult r = fit(150, List.of(signal(20, ModifierSpec.normfactor("mu")), background(100), empty),
                List.of());
        assertEquals(List.of("k"), r.status().singular());
        assertFalse(r.status().clean());
        assertTrue(Double.isNaN(r.error("k")));
        assertEquals(Math.sqrt(150) / 20, r.error("mu"), 1e-4);
        assertTrue(r.status().warnings().get(0).contains("singular Hessian: k"), r.status().summary());
    }

    @Test
    void twoNormfactorsOnOneSampleAreDegenerate() {
        // mu * k on the same sample: only the product is measured; the Hessian has a flat direction
        FitResult r = fit(150, List.of(signal(20, ModifierSpec.normfactor("mu"), ModifierSpec.normfactor("k")),
                background(100)), List.of());
        List<String> flagged = new java.util.ArrayList<>(r.status().singular());
        flagged.addAll(r.status().illConditioned());
        assertTrue(flagged.containsAll(List.of("mu", "k")), r.status().summary());
        assertFalse(r.status().clean());
        // the product is still the closed form (n - b) / s
        assertEquals(2.5, r.value("mu") * r.value("k"), 1e-5);
    }

    @Test
    void poiAtItsLowerBoundIsFlagged() {
        // n = 80 < b = 100 with mu >= 0: mu-hat sits at 0, the Hessian error there is no interval
        FitResult r = fit(80, List.of(signal(20, ModifierSpec.normfactor("mu")), background(100)),
                List.of());
        assertEquals(0, r.value("mu"), 1e-9);
        assertEquals(1, r.status().atBound().size(), r.status().summary());
        assertTrue(r.status().atBound().get(0).startsWith("mu = 0"), r.status().atBound().get(0));
        assertTrue(r.status().converged());
    }

    @Test
    void negativeExpectedYieldIsNamedWithItsBin() {
        // mu allowed down to -10 with n = 0: the fit drives s*mu + b to 0 in the only bin
        ParameterConfig wide = new ParameterConfig("mu", null, new double[][] {{-10, 10}}, null, null, null);
        FitResult r = fit(0, List.of(signal(20, ModifierSpec.normfactor("mu")), background(100)),
                List.of(wide));
        assertFalse(r.status().clean(), r.status().summary());
        assertTrue(r.status().summary().contains("channel c bin 0") || !r.status().converged()
                || !r.status().atBound().isEmpty(), r.status().summary());
    }
}
