package org.nuisance.engine.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.SharedData;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.higgsml.NuisanceParameter;
import org.nuisance.engine.higgsml.NuisanceValues;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.stats.fit.Fitter;
import org.nuisance.engine.stats.histfactory.Model;
import org.nuisance.engine.stats.histfactory.Workspace;

/** The window's facade: one detector, fixed data, fits that never move the data. */
class WorkbenchFacadeTest {

    @TempDir
    Path tmp;

    @Test
    void oneDetectorTellsWorkspacesEventsAndGarbageApart() throws Exception {
        assertEquals(Sources.Format.WORKSPACE, Sources.detect(SharedData.histFactory("2bin_histosys.json")));
        Path csv = tmp.resolve("e.csv");
        Files.writeString(csv, "x,weight\n1,1\n2,1\n");
        assertEquals(Sources.Format.EVENTS, Sources.detect(csv));
        Path bad = tmp.resolve("bad.bin");
        Files.write(bad, new byte[] {0, 1, 2, 3, 4, 5, 6, 7});
        InputException e = assertThrows(InputException.class, () -> Sources.detect(bad));
        assertTrue(e.getMessage().contains("bad.bin"), e.getMessage());
    }

    /** One definition of k sigma: Gaussian nominal + k sigma, soft_met (log-normal) exp(k sigma). */
    @Test
    void valueAtSigmaFollowsEachParametersLaw() {
        assertEquals(1.02, NuisanceParameter.TES.valueAtSigma(2), 1e-15);
        assertEquals(Math.exp(-1), NuisanceParameter.SOFT_MET.valueAtSigma(-1), 1e-15);
        assertEquals(1.0, NuisanceParameter.SOFT_MET.valueAtSigma(0), 0);
        assertEquals(0.8, NuisanceParameter.TTBAR_SCALE.clippedValueAtSigma(-20), 0, "clipped to the range");
    }

    /** pyhf validation 2bin_histosys: observed [120, 180]; the fit of the observed data is the engine's own. */
    @Test
    void aWorkspaceDefaultsToItsObservedDataAndPseudoDataRegenerateIdentically() throws Exception {
        Path file = SharedData.histFactory("2bin_histosys.json");
        WorkspaceSource src = (WorkspaceSource) Sources.open(file, m -> { });
        WorkspaceWorkbench w = new WorkspaceWorkbench(src);
        double[] x = w.fromMap(Map.of());
        Plot p = w.plot(w.channels().get(0), x, new DataSpec.Observed());
        assertArrayEquals(new double[] {120, 180}, p.data(), 1e-12);
        assertEquals("Observed (2bin_histosys.json)", p.dataLabel());
        DataSpec pseudo = new DataSpec.PseudoData(Map.of("mu", 2.0), 4);
        assertArrayEquals(w.data(pseudo).counts(), w.data(new DataSpec.PseudoData(Map.of("mu", 2.0), 4)).counts(), 0);
        Analysis a = w.fitTarget().analyse(new DataSpec.Observed(), w.asMap(x), Set.of(), null, 11);
        Model m = Model.of(Workspace.read(file));
        assertEquals(new Fitter(m, m.observedData()).fit().value("mu"), a.bestFit().get("mu"), 1e-9);
    }

    /** Moving the sliders to the best fit and fitting again gives the same best fit: the data never move. */
    @Test
    void fittingTwiceGivesTheSameBestFitAndTheDataStayFixed() {
        EventsSource demo = Sources.demo(20_000, 42, m -> { });
        EventsWorkbench bench = new EventsWorkbench(demo);
        Axis axis = Axis.regular(10, 0, 150);
        DataSpec spec = new DataSpec.PseudoData(EventsWorkbench.truthOf(NuisanceValues.NOMINAL
                .with(NuisanceParameter.MU, 1.3)), 4);
        assertEquals("Pseudo-data: truth \u03bc=1.3, seed 4", spec.describe(demo));
        double[] before = bench.data("DER_mass_vis", axis, spec);
        FitTarget target = bench.fitTarget("DER_mass_vis", axis);
        Analysis first = target.analyse(spec, EventsWorkbench.asMap(NuisanceValues.NOMINAL), Set.of(), null, 7);
        Analysis second = target.analyse(spec, first.bestFit(), Set.of(), null, 7);
        assertEquals(first.bestFit().get("mu"), second.bestFit().get("mu"), 1e-9);
        assertArrayEquals(before, new EventsWorkbench(demo).data("DER_mass_vis", axis, spec), 0,
                "another facade object regenerates the same pseudo-data");
        Plot plot = bench.plot("DER_mass_vis", axis, EventsWorkbench.fromMap(first.bestFit()), spec);
        assertArrayEquals(before, plot.data(), 0, "the plot at the best fit draws the data that were fitted");
        // a nuisance parameter's scan reads in its own units: ttbar_scale around 1, not alpha around 0
        Analysis ttbar = target.analyse(spec, first.bestFit(), Set.of(), "ttbar_scale", 7);
        assertEquals(1.0, ttbar.summary().profiled().best(), 0.1);
        assertFalse(first.warnings().stream().anyMatch(w -> w.contains("did not converge")), first.warnings().toString());
    }
}
