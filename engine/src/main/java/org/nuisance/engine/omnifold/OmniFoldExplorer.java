package org.nuisance.engine.omnifold;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.hist.Axis;

/**
 * The engine behind the unfolded-result explorer: one loaded result (table + weight scheme) and
 * optional alternative files (other generator prior, nonDY), turned into histograms with the full
 * uncertainty breakdown for any observable expression and binning. Thread-safe; results are
 * immutable, so a view model may call it off the FX thread and drop stale answers.
 *
 * <pre>
 * OmniFoldExplorer ex = OmniFoldExplorer.open(Path.of("multifold.h5"));
 * ex.addAlternative(Path.of("multifold_sherpa.h5"));                  // band "generator_prior"
 * WeightHistograms m = ex.histogramMatrix("pT_l1/pT_ll", Axis.regular(20, 0, 1));
 * UnfoldedResult r = ex.result(m);                                    // bands, total, covariance
 * NuisanceShift s = ex.nuisanceShift(m);                              // sliders: s.shiftedDsigmaDx(theta)
 * </pre>
 */
public final class OmniFoldExplorer {

    /** Evaluated expressions kept for re-binning (each is one float[] per event). */
    private static final int EXPRESSION_CACHE = 8;

    private final OmniFoldTable table;
    private final WeightScheme scheme;
    private final LinkedHashMap<String, OmniFoldTable> alternatives = new LinkedHashMap<>();
    /** A cached expression: the table by identity (OmniFoldTable keeps Object's equals) and the text. */
    private record CacheKey(OmniFoldTable table, String expression) {
    }

    private final LinkedHashMap<CacheKey, float[]> evaluated = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<CacheKey, float[]> eldest) {
            return size() > EXPRESSION_CACHE;
        }
    };

    public OmniFoldExplorer(OmniFoldTable table, WeightScheme scheme) {
        this.table = table;
        this.scheme = scheme;
    }

    /** Reads a file and recognises its weight families by name. */
    public static OmniFoldExplorer open(Path file) {
        return open(file, null);
    }

    /** Reads a file; with a mapping file its families are as declared there, else recognised by name. */
    public static OmniFoldExplorer open(Path file, Path mapping) {
        return open(file, null, mapping);
    }

    /**
     * @param key     the pandas key to read (null: {@code df} or the file's only pandas object)
     * @param mapping a JSON/YAML mapping file, or null to recognise families by name
     */
    public static OmniFoldExplorer open(Path file, String key, Path mapping) {
        OmniFoldTable t = OmniFoldReader.read(file, key);
        return new OmniFoldExplorer(t, mapping == null ? WeightScheme.detect(t) : WeightScheme.fromMapping(mapping, t));
    }

    public OmniFoldTable table() {
        return table;
    }

    public WeightScheme scheme() {
        return scheme;
    }

    /** Loads an alternative result under {@link #defaultLabel}; returns the label used. */
    public String addAlternative(Path file) {
        String label = defaultLabel(file);
        addAlternative(label, OmniFoldReader.read(file));
        return label;
    }

    /**
     * Adds an alternative result whose nominal weights become the band {@code label}: |h_alt - h_nom|.
     * It needs the nominal weight column and the observables to be histogrammed.
     */
    public synchronized void addAlternative(String label, OmniFoldTable alt) {
        if (!alt.hasColumn(scheme.nominal())) {
            throw new InputException(alt.source() + ": no nominal weight column '" + scheme.nominal()
                    + "' for the alternative '" + label + "'");
        }
        if (scheme.family(label).isPresent() || label.equals("total") || alternatives.containsKey(label)) {
            throw new IllegalArgumentException("alternative label '" + label + "' is already a band name");
        }
        alternatives.put(label, alt);
    }

    public synchronized Map<String, OmniFoldTable> alternatives() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(alternatives));
    }

    /**
     * The band name for an alternative file: {@code generator_prior} for a Sherpa file,
     * {@code non_dy} for a nonDY file (the names of the ATLAS release), else the file name's stem.
     */
    public static String defaultLabel(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("sherpa")) {
            return "generator_prior";
        }
        if (lower.contains("nondy")) {
            return "non_dy";
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The observable's values per event (evaluated once per expression, then cached). */
    public float[] observable(String expression) {
        return evaluate(table, expression);
    }

    /** Every weight column of the scheme histogrammed in one pass (nominal and prior with squared weights). */
    public WeightHistograms histogramMatrix(String expression, Axis axis) {
        float[] x = observable(expression);
        List<String> cols = scheme.weightColumns();
        float[][] w = new float[cols.size()][];
        for (int c = 0; c < w.length; c++) {
            w[c] = table.column(cols.get(c));
        }
        return WeightHistograms.fill(x, axis, cols, w, scheme.prior().isPresent() ? 2 : 1);
    }

    /** The result with every band for a matrix made by {@link #histogramMatrix}, alternatives included. */
    public UnfoldedResult result(String expression, WeightHistograms matrix) {
        return result(expression, matrix, UncertaintyRecipe.Covariance.CONSISTENT);
    }

    /** As {@link #result(String, WeightHistograms)} with a choice of covariance convention. */
    public UnfoldedResult result(String expression, WeightHistograms matrix, UncertaintyRecipe.Covariance convention) {
        return UncertaintyRecipe.compute(matrix, scheme, alternativeHistograms(expression, matrix.axis()), convention);
    }

    /** Shorthand: matrix and result for one observable and binning. */
    public UnfoldedResult result(String expression, Axis axis) {
        return result(expression, histogramMatrix(expression, axis));
    }

    /** The alternatives' nominal histograms (sum of weights per bin) by label. */
    public Map<String, double[]> alternativeHistograms(String expression, Axis axis) {
        LinkedHashMap<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, OmniFoldTable> alt : alternatives().entrySet()) {
            float[] x = evaluate(alt.getValue(), expression);
            WeightHistograms m = WeightHistograms.fill(x, axis, List.of(scheme.nominal()),
                    new float[][] {alt.getValue().column(scheme.nominal())}, 0);
            out.put(alt.getKey(), m.values(0));
        }
        return out;
    }

    /** Sliders over the systematic variations of the scheme, from an existing matrix. */
    public NuisanceShift nuisanceShift(WeightHistograms matrix) {
        return new NuisanceShift(matrix, scheme.nominal(), scheme.systematicColumns());
    }

    private float[] evaluate(OmniFoldTable t, String expression) {
        ObservableExpression e = ObservableExpression.parse(expression);
        if (e.isColumn()) {
            return e.evaluate(t);
        }
        CacheKey key = new CacheKey(t, expression);
        synchronized (evaluated) {
            float[] v = evaluated.get(key);
            if (v != null) {
                return v;
            }
        }
        float[] v = e.evaluate(t);
        synchronized (evaluated) {
            evaluated.put(key, v);
        }
        return v;
    }

    /** The loaded result's observables (columns that are no weights), for a picker. */
    public List<String> observables() {
        return new ArrayList<>(scheme.observables());
    }
}
