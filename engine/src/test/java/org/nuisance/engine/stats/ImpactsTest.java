package org.nuisance.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nuisance.engine.stats.fit.FitResult;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.fit.Impacts;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.histfactory.Workspace;
import org.nuisance.engine.stats.histfactory.Workspace.ModifierSpec;
import org.nuisance.engine.stats.histfactory.Workspace.Sample;

/** Pulls, constraints and ranked impacts (the ATLAS/CMS convention: refit with the NP held at +-1 sigma). */
class ImpactsTest {

    @Test
    void largerNormalisationUncertaintyRanksFirstAndPullsAreInPriorUnits() {
        // two backgrounds under a signal in one bin: a 20% and a 2% normalisation uncertainty
        Workspace ws = ModifierClosedFormTest.oneChannel(new double[] {240},
                List.of(new Sample("s", new double[] {40}, List.of(ModifierSpec.normfactor("mu"))),
                        new Sample("b1", new double[] {100}, List.of(ModifierSpec.normsys("big", 1.2, 0.8))),
                        new Sample("b2", new double[] {100}, List.of(ModifierSpec.normsys("small", 1.02, 0.98)))),
                List.of(), "mu");
        Model m = Model.of(ws);
        FitResult fit = new Fitter(m, m.observedData()).fit();
        List<Impacts.Impact> impacts = Impacts.compute(m, m.observedData());
        assertEquals("big", impacts.get(0).name());
        assertEquals("small", impacts.get(1).name());
        Impacts.Impact big = impacts.get(0);
        assertEquals(fit.value("big"), big.pull(), 1e-9, "unit Gaussian prior: pull = alpha-hat");
        assertEquals(fit.error("big"), big.constraint(), 1e-9);
        // one bin: mu absorbs the background change exactly; holding alpha at +1 prior sigma moves the
        // background by 100 * (1.2^(a+1) - 1.2^a) and mu by minus that over 40 (n = 240 is fitted exactly)
        double a = fit.value("big");
        double expected = -100 * (Math.pow(1.2, a + 1) - Math.pow(1.2, a)) / 40;
        assertEquals(expected, big.prefitUp(), 1e-6);
        assertTrue(big.postfitUp() < 0 && big.postfitDown() > 0);
    }
}
