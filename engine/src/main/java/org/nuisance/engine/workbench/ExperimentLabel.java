package org.nuisance.engine.workbench;

import java.util.Locale;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.higgsml.DemoGenerator;

/**
 * The experiment label of an events plot: what produced the events, and the centre-of-mass energy and
 * integrated luminosity only where the source itself knows them. The FAIR Universe HiggsML sample is
 * Pythia 8 at sqrt(s) = 13 TeV (the challenge's dataset record, Zenodo 15131565), and its weights give
 * each process its yield at 10 fb^-1; the demo generator rescales its weights to the same yields. So a
 * table whose ztautau weights add up to that yield (within 1%) says 10 fb^-1; any other sum says no
 * luminosity. The 2014 release's energy is not in the project's reference, so its label names the
 * release only; other tables are labelled by their name alone.
 */
public final class ExperimentLabel {

    private static final double ZTAUTAU_AT_10_INVERSE_FB = DemoGenerator.YIELD[DemoGenerator.PROCESSES.indexOf("ztautau")];

    private ExperimentLabel() {
    }

    /** The label of an events source, e.g. "HiggsML-like demo simulation   √s = 13 TeV, 10 fb⁻¹". */
    public static String of(EventsSource source) {
        EventTable t = source.table();
        if (!source.isHiggsMl() || t.processColumn() == null) {
            return source.name();
        }
        if (t.processIndex("b") >= 0 || t.processIndex("s") >= 0) {
            return "HiggsML 2014 simulation";
        }
        String what = source.demoEvents() != null || source.name().startsWith("demo")
                ? "HiggsML-like demo simulation" : "FAIR Universe HiggsML simulation";
        String lumi = luminosity(t);
        return what + "   \u221as = 13 TeV" + (lumi == null ? "" : ", " + lumi);
    }

    /** "10 fb⁻¹" when the ztautau weights add up to the 10 fb^-1 yield, else null (not known). */
    static String luminosity(EventTable t) {
        int z = t.processIndex("ztautau");
        if (z < 0) {
            return null;
        }
        double sum = t.summary().sumWeights()[z];
        double lumi = 10 * sum / ZTAUTAU_AT_10_INVERSE_FB;
        return Math.abs(lumi - 10) < 0.1 ? String.format(Locale.ROOT, "%.0f fb\u207b\u00b9", lumi) : null;
    }
}
