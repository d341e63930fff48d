package org.nuisance.engine.workbench;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.nuisance.engine.hist.Axis;
import org.nuisance.engine.omnifold.Binning;
import org.nuisance.engine.omnifold.Chi2Test;
import org.nuisance.engine.omnifold.NuisanceShift;
import org.nuisance.engine.omnifold.ObservableDefaults;
import org.nuisance.engine.omnifold.ObservableExpression;
import org.nuisance.engine.omnifold.OmniFoldExplorer;
import org.nuisance.engine.omnifold.OmniFoldProbe;
import org.nuisance.engine.omnifold.OmniFoldTable;
import org.nuisance.engine.omnifold.SyntheticOmniFold;
import org.nuisance.engine.omnifold.UnfoldedCsv;
import org.nuisance.engine.omnifold.UnfoldedResult;
import org.nuisance.engine.omnifold.WeightScheme;

/**
 * The Unfolded tab's door to the engine: an unbinned unfolded result (OmniFold weights per event, read from a
 * file or generated), its observables, any alternative results, and for one observable and binning the
 * unfolded distribution with its uncertainty bands and the linear shift behind the systematic sliders.
 */
public final class Unfolding {

    /** Events of the synthetic demo: as many as the ATLAS Z+jets result. */
    public static final int DEMO_EVENTS = SyntheticOmniFold.ATLAS_EVENTS;

    private final OmniFoldExplorer explorer;

    private Unfolding(OmniFoldExplorer explorer) {
        this.explorer = explorer;
    }

    /** True if the file is an unbinned unfolded result (pandas HDF5, or a table with a weights_nominal column). */
    public static boolean looksLikeOmniFold(Path path) {
        return OmniFoldProbe.looksLikeOmniFold(path);
    }

    /** Reads an unfolded result; its weight columns are recognised by name. */
    public static Unfolding open(Path path) {
        return new Unfolding(OmniFoldExplorer.open(path));
    }

    /**
     * A synthetic result in memory (the ATLAS Z+jets column names, 100 ensembles and 25 bootstraps) with its
     * Sherpa-prior alternative as "generator_prior".
     */
    public static Unfolding demo(int events, long seed) {
        SyntheticOmniFold.Config c = SyntheticOmniFold.Config.of(events, seed);
        OmniFoldTable t = SyntheticOmniFold.generate(c, SyntheticOmniFold.Variant.NOMINAL);
        OmniFoldExplorer ex = new OmniFoldExplorer(t, WeightScheme.detect(t));
        ex.addAlternative("generator_prior", SyntheticOmniFold.generate(c, SyntheticOmniFold.Variant.SHERPA));
        return new Unfolding(ex);
    }

    /** Number of weight columns recognised (nominal, prior, ensembles, bootstraps, systematics). */
    public int weightColumnCount() {
        return explorer.scheme().weightColumns().size();
    }

    public List<String> observables() {
        return explorer.observables();
    }

    /** Labels of the alternative results loaded (generator_prior, non_dy, ...). */
    public Set<String> alternatives() {
        return explorer.alternatives().keySet();
    }

    /** Reads another result (another prior, nonDY); it becomes a band and a curve. Returns its label. */
    public String addAlternative(Path path) {
        return explorer.addAlternative(path);
    }

    /** The uncertainty family (band) a systematic weight column belongs to, or "". */
    public String familyOf(String column) {
        return explorer.scheme().families().stream().filter(f -> f.columns().contains(column))
                .map(f -> f.name()).findFirst().orElse("");
    }

    /** Throws IllegalArgumentException naming what is wrong with an observable expression such as pT_l1/pT_ll. */
    public static void checkExpression(String expression) {
        ObservableExpression.parse(expression);
    }

    /** A binning as N,LO,HI or as edges; IllegalArgumentException naming what is wrong. */
    public static Axis parseBinning(String text) {
        return Binning.parse(text);
    }

    /** The unit of an observable expression ("GeV", or "" for angles and ratios). */
    public static String unit(String expression) {
        return ObservableDefaults.unit(expression);
    }

    /** One observable binned: the binning text, the unfolded result and the shift behind the sliders. */
    public record Binned(String binning, UnfoldedResult result, Shift shift) {
    }

    /**
     * The distribution of {@code expression} in {@code axis}, or, with axis null, in the binning the engine suggests
     * for the observable's values.
     */
    public Binned bin(String expression, Axis axis, String binningText) {
        String text = binningText;
        Axis a = axis;
        if (a == null) {
            text = ObservableDefaults.suggestBinning(explorer.observable(expression));
            a = Binning.parse(text);
        }
        var matrix = explorer.histogramMatrix(expression, a);
        return new Binned(text, explorer.result(expression, matrix), new Shift(explorer.nuisanceShift(matrix)));
    }

    /** The unfolded distribution moved linearly by one theta per systematic variation (theta = 1 reproduces it). */
    public static final class Shift {
        private final NuisanceShift shift;

        private Shift(NuisanceShift shift) {
            this.shift = shift;
        }

        /** The variations' weight columns, in theta order. */
        public List<String> parameters() {
            return shift.parameters();
        }

        public double[] shiftedDsigmaDx(double[] theta) {
            return shift.shiftedDsigmaDx(theta);
        }
    }

    /** Chi-square of a prediction against a measurement with its covariance. */
    public static Chi2Test.Result chi2(double[] measured, double[] predicted, double[][] covariance) {
        return Chi2Test.compare(measured, predicted, covariance);
    }

    /** The bins, dσ/dx, every band and the comparisons as CSV; with a shifted column if {@code shifted} is not null. */
    public static String csv(UnfoldedResult result, String shiftedLabel, double[] shifted) {
        return shifted == null ? UnfoldedCsv.format(result) : UnfoldedCsv.format(result, shiftedLabel, shifted);
    }
}
