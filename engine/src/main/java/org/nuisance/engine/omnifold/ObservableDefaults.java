package org.nuisance.engine.omnifold;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Defaults a view needs for an observable it knows only by name: its unit (GeV for transverse
 * momenta, masses and energies in the ATLAS naming, pT_ll, m_ll, ...) and a first binning that
 * covers the bulk of its distribution with round edges.
 */
public final class ObservableDefaults {

    /** Bins of a suggested binning, about. */
    public static final int SUGGESTED_BINS = 20;

    /** Functions that keep the unit of their argument. */
    private static final Set<String> UNIT_PRESERVING = Set.of("abs", "min", "max");

    private ObservableDefaults() {
    }

    /**
     * "GeV" for a column named like a momentum, mass or energy (pT_*, pt_*, m_*, M_*, E_*, HT, MET), and for
     * sums and differences of such columns and numbers (abs, min, max allowed); "" for anything else,
     * e.g. rapidities, angles, counts and ratios.
     */
    public static String unit(String expression) {
        ObservableExpression e;
        try {
            e = ObservableExpression.parse(expression);
        } catch (IllegalArgumentException ex) {
            return "";
        }
        if (e.columns().isEmpty()) {
            return "";
        }
        for (String c : e.columns()) {
            if (!isEnergyLike(c)) {
                return "";
            }
        }
        if (e.isColumn()) {
            return "GeV";
        }
        // outside column names (which may hold any character in backticks): only + - , ( ) numbers and unit-keeping calls
        String rest = expression.replaceAll("`[^`]*`", "C");
        for (String c : e.columns()) {
            rest = rest.replace(c, "C");
        }
        if (rest.matches(".*[*/^].*")) {
            return "";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\s*\\(").matcher(rest);
        while (m.find()) {
            if (!UNIT_PRESERVING.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                return "";
            }
        }
        return "GeV";
    }

    private static boolean isEnergyLike(String column) {
        String c = column.toLowerCase(Locale.ROOT);
        return c.startsWith("pt_") || c.startsWith("pt") && c.length() > 2 && !Character.isLetter(c.charAt(2))
                || c.equals("pt") || c.startsWith("m_") || c.equals("m") || c.startsWith("e_") || c.startsWith("et_")
                || c.equals("ht") || c.startsWith("ht_") || c.equals("met") || c.startsWith("met_")
                || c.contains("mass");
    }

    /**
     * A binning "N,LO,HI" (as {@link Binning#parse} reads it) of about {@link #SUGGESTED_BINS} bins with a round
     * width, covering the 0.1 % to 99.9 % quantiles of the finite values
     * (to within a quarter of a bin); "1,0,1" if there are none.
     */
    public static String suggestBinning(float[] values) {
        float[] v = Arrays.copyOf(values, values.length);
        int n = 0;
        for (float x : v) {
            if (Float.isFinite(x)) {
                v[n++] = x;
            }
        }
        if (n == 0) {
            return "1,0,1";
        }
        Arrays.sort(v, 0, n);
        double lo = v[(int) Math.floor(0.001 * (n - 1))];
        double hi = v[(int) Math.ceil(0.999 * (n - 1))];
        if (!(hi > lo)) {
            return "1," + fmt(lo - 0.5) + "," + fmt(lo + 0.5);
        }
        double step = niceStep((hi - lo) / SUGGESTED_BINS);
        // a round edge up to a quarter bin inside the bulk is preferred: 200 GeV for a fiducial cut smeared to 189
        double a = Math.floor(lo / step + 0.25) * step;
        double b = Math.ceil(hi / step - 0.25) * step;
        long bins = Math.max(1, Math.round((b - a) / step));
        return bins + "," + fmt(a) + "," + fmt(a + bins * step);
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten not below raw. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw * (1 - 1e-9)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
