package org.nuisance.engine.omnifold;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.nuisance.engine.data.InputException;

/**
 * Writes OmniFold-style unfolded results with the ATLAS Z+jets column names whose uncertainties are
 * known in closed form, for tests, demos and benchmarks. Per event i with nominal weight w_i:
 * <ul>
 *   <li>{@code weights_nominal} w_i = K (1 + 0.3 (u_i - 1/2)), u uniform, K so that the sum is
 *   {@link #TOTAL_FB}; {@code weight_mc} = w_i (1 + 0.1 tanh y_ll);</li>
 *   <li>{@code weights_ensemble_k} = w_i (1 + {@link #ENSEMBLE_AMPLITUDE} g_k f_i), f_i = 1 + 0.5 tanh y_ll,
 *   with g standardised to sample mean 0 and sample std 1: std_k h_k(b) = A |sum_b w f| exactly;</li>
 *   <li>{@code weights_bootstrap_data_k} = w_i Poisson(1): E[var] = sum_b w^2;
 *   {@code weights_bootstrap_mc_k} = w_i Poisson(4)/4: E[var] = sum_b w^2 / 4;</li>
 *   <li>{@code target_dd} = w_i (1 + 0.1 tanh y_ll), {@code weights_dd} = target_dd (1 + {@link #DD_RELATIVE}):
 *   the data-driven band is exactly {@link #DD_RELATIVE} of the nominal;</li>
 *   <li>each systematic in {@link #SYSTEMATICS}: w_i (1 + delta phi(event)), so h_k - h_nom = delta sum_b w phi.</li>
 * </ul>
 * Variants: {@link Variant#SHERPA} (weight_mc, weights_nominal = w (1 + {@link #SHERPA_SHIFT}), MC
 * bootstraps) and {@link Variant#NON_DY} (weight_mc, weights_nominal = w (1 + {@link #NON_DY_SHIFT})),
 * as in the release; the same seed gives the same events in every variant.
 */
public final class SyntheticOmniFold {

    public static final double TOTAL_FB = 1809.0;
    public static final double ENSEMBLE_AMPLITUDE = 0.02;
    public static final double DD_RELATIVE = 0.03;
    public static final double SHERPA_SHIFT = 0.04;
    public static final double NON_DY_SHIFT = 0.02;
    /** Pseudodata size of the ATLAS multifold.h5. */
    public static final int ATLAS_EVENTS = 418_014;

    /** Shapes phi of the systematic variations. */
    public enum Shape {
        /** phi = 1: a normalisation. */
        FLAT,
        /** phi = tanh(y_ll). */
        TANH_Y,
        /** phi = (pT_ll - 250) / 250. */
        LINEAR_PT,
        /** phi = eta_l1 / 2.4. */
        ETA_L1;

        /** phi for one event. */
        public double phi(double ptll, double yll, double etal1) {
            return switch (this) {
                case FLAT -> 1.0;
                case TANH_Y -> Math.tanh(yll);
                case LINEAR_PT -> (ptll - 250.0) / 250.0;
                case ETA_L1 -> etal1 / 2.4;
            };
        }
    }

    /** One systematic variation: column {@code weights_<name>} = w (1 + delta phi). */
    public record Systematic(String name, double delta, Shape shape) {
        public String column() {
            return "weights_" + name;
        }
    }

    /** The 22 systematics of the release with their synthetic sizes; lumi is a flat 1.7 %. */
    public static final List<Systematic> SYSTEMATICS;

    static {
        List<Systematic> s = new ArrayList<>();
        Shape[] shapes = Shape.values();
        int j = 0;
        for (String name : WeightScheme.SYSTEMATIC_GROUPS.keySet()) {
            if (name.equals("lumi")) {
                s.add(new Systematic(name, 0.017, Shape.FLAT));
            } else if (name.equals("topBackground")) {
                s.add(new Systematic(name, -0.008, Shape.LINEAR_PT));
            } else {
                double delta = 0.004 * (1 + j % 5) * (j % 2 == 0 ? 1 : -1);
                s.add(new Systematic(name, delta, shapes[j % shapes.length]));
            }
            j++;
        }
        SYSTEMATICS = List.copyOf(s);
    }

    /** Which file of the release to imitate. */
    public enum Variant { NOMINAL, SHERPA, NON_DY }

    /** Sizes: events, seed, ensemble members and bootstraps per family (the release: 100 and 25). */
    public record Config(int events, long seed, int ensembles, int bootstraps) {
        public Config {
            if (events < 1) {
                throw new IllegalArgumentException("events must be >= 1, got " + events);
            }
            if (ensembles < 2 || bootstraps < 2) {
                throw new IllegalArgumentException("need at least 2 ensemble members and 2 bootstraps");
            }
        }

        public static Config of(int events, long seed) {
            return new Config(events, seed, 100, 25);
        }
    }

    private SyntheticOmniFold() {
    }

    public static OmniFoldTable generate(Config c, Variant variant) {
        int n = c.events();
        SplittableRandom root = new SplittableRandom(c.seed());
        SplittableRandom ev = root.split();
        float[] ptll = new float[n];
        float[] yll = new float[n];
        float[] ptl1 = new float[n];
        float[] ptl2 = new float[n];
        float[] etal1 = new float[n];
        float[] etal2 = new float[n];
        float[] phil1 = new float[n];
        float[] ntrk = new float[n];
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            // truth: a falling pT_ll spectrum above the 200 GeV fiducial cut, smeared by a 2 % resolution
            double truth = 200.0 + -80.0 * Math.log(1.0 - ev.nextDouble());
            ptll[i] = (float) (truth * (1 + 0.02 * gaussian(ev)));
            yll[i] = (float) Math.max(-2.4, Math.min(2.4, 0.9 * gaussian(ev)));
            double share = 0.55 + 0.4 * ev.nextDouble();
            ptl1[i] = (float) (ptll[i] * share + 10);
            ptl2[i] = (float) (ptll[i] * (1 - share) + 25);
            etal1[i] = (float) Math.max(-2.4, Math.min(2.4, yll[i] + 0.6 * gaussian(ev)));
            etal2[i] = (float) Math.max(-2.4, Math.min(2.4, yll[i] + 0.6 * gaussian(ev)));
            phil1[i] = (float) (Math.PI * (2 * ev.nextDouble() - 1));
            ntrk[i] = poisson(ev, 12);
            w[i] = 1 + 0.3 * (ev.nextDouble() - 0.5);
            sum += w[i];
        }
        double k = TOTAL_FB / sum;
        for (int i = 0; i < n; i++) {
            w[i] *= k;
        }
        LinkedHashMap<String, float[]> cols = new LinkedHashMap<>();
        cols.put("pT_ll", ptll);
        cols.put("y_ll", yll);
        cols.put("pT_l1", ptl1);
        cols.put("eta_l1", etal1);
        cols.put("phi_l1", phil1);
        cols.put("pT_l2", ptl2);
        cols.put("eta_l2", etal2);
        cols.put("Ntracks_trackj1", ntrk);
        float[] prior = new float[n];
        for (int i = 0; i < n; i++) {
            prior[i] = (float) (w[i] * (1 + 0.1 * Math.tanh(yll[i])));
        }
        cols.put("weight_mc", prior);
        double nominalScale = switch (variant) {
            case NOMINAL -> 1.0;
            case SHERPA -> 1 + SHERPA_SHIFT;
            case NON_DY -> 1 + NON_DY_SHIFT;
        };
        float[] nominal = new float[n];
        for (int i = 0; i < n; i++) {
            nominal[i] = (float) (w[i] * nominalScale);
        }
        cols.put("weights_nominal", nominal);
        SplittableRandom weightsRng = root.split();
        if (variant == Variant.NON_DY) {
            return new OmniFoldTable("synthetic-nonDY", n, cols, List.of());
        }
        if (variant == Variant.NOMINAL) {
            double[] g = standardised(weightsRng.split(), c.ensembles());
            for (int e = 0; e < c.ensembles(); e++) {
                float[] we = new float[n];
                for (int i = 0; i < n; i++) {
                    double f = 1 + 0.5 * Math.tanh(yll[i]);
                    we[i] = (float) (w[i] * (1 + ENSEMBLE_AMPLITUDE * g[e] * f));
                }
                cols.put("weights_ensemble_" + e, we);
            }
        }
        SplittableRandom bootMc = weightsRng.split();
        SplittableRandom bootData = weightsRng.split();
        for (int b = 0; b < c.bootstraps(); b++) {
            float[] wb = new float[n];
            for (int i = 0; i < n; i++) {
                wb[i] = (float) (nominal[i] * poisson(bootMc, 4) / 4.0);
            }
            cols.put("weights_bootstrap_mc_" + b, wb);
        }
        if (variant == Variant.SHERPA) {
            return new OmniFoldTable("synthetic-sherpa", n, cols, List.of());
        }
        for (int b = 0; b < c.bootstraps(); b++) {
            float[] wb = new float[n];
            for (int i = 0; i < n; i++) {
                wb[i] = (float) (w[i] * poisson(bootData, 1));
            }
            cols.put("weights_bootstrap_data_" + b, wb);
        }
        float[] target = new float[n];
        float[] dd = new float[n];
        for (int i = 0; i < n; i++) {
            double t = w[i] * (1 + 0.1 * Math.tanh(yll[i]));
            target[i] = (float) t;
            dd[i] = (float) (t * (1 + DD_RELATIVE));
        }
        cols.put("weights_dd", dd);
        cols.put("target_dd", target);
        for (Systematic s : SYSTEMATICS) {
            float[] ws = new float[n];
            for (int i = 0; i < n; i++) {
                ws[i] = (float) (w[i] * (1 + s.delta() * s.shape().phi(ptll[i], yll[i], etal1[i])));
            }
            cols.put(s.column(), ws);
        }
        return new OmniFoldTable("synthetic", n, cols, List.of());
    }

    /** r values of a normal sample shifted and scaled to sample mean 0 and sample std (N - 1) exactly 1. */
    static double[] standardised(SplittableRandom rng, int r) {
        double[] g = new double[r];
        double mean = 0;
        for (int i = 0; i < r; i++) {
            g[i] = gaussian(rng);
            mean += g[i];
        }
        mean /= r;
        double ss = 0;
        for (int i = 0; i < r; i++) {
            g[i] -= mean;
            ss += g[i] * g[i];
        }
        double sd = Math.sqrt(ss / (r - 1));
        for (int i = 0; i < r; i++) {
            g[i] /= sd;
        }
        return g;
    }

    private static double gaussian(SplittableRandom rng) {
        // Marsaglia polar method: SplittableRandom has no nextGaussian on Java 17
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** Knuth's multiplication method; fine for the small means used here. */
    private static int poisson(SplittableRandom rng, double mean) {
        double limit = Math.exp(-mean);
        double p = rng.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= rng.nextDouble();
            k++;
        }
        return k;
    }

    /** Writes plain HDF5: one 1-D float32 dataset per column, and the column order as a root attribute. */
    public static void writeHdf5(OmniFoldTable t, Path file) {
        org.nuisance.engine.util.AtomicOutput.writeWith(file, "--output", tmp -> {
            try (WritableHdfFile out = HdfFile.write(tmp)) {
                for (String name : t.columnNames()) {
                    out.putDataset(name, t.column(name));
                }
                out.putAttribute(OmniFoldReader.COLUMNS_ATTRIBUTE, t.columnNames().toArray(new String[0]));
            } catch (RuntimeException e) {
                throw new IOException("cannot write HDF5 (" + org.nuisance.engine.util.AtomicOutput.describe(e) + ")", e);
            }
        });
    }

    /** Writes Parquet (float32 columns) through DuckDB. */
    public static void writeParquet(OmniFoldTable t, Path file) {
        org.nuisance.engine.util.AtomicOutput.writeWith(file, "--output", tmp -> {
            try {
                writeParquetNow(t, tmp);
            } catch (InputException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
    }

    private static void writeParquetNow(OmniFoldTable t, Path file) {
        List<String> names = t.columnNames();
        StringBuilder ddl = new StringBuilder("CREATE TABLE events (");
        for (int c = 0; c < names.size(); c++) {
            ddl.append(c == 0 ? "" : ", ").append(quote(names.get(c))).append(" FLOAT");
        }
        ddl.append(')');
        float[][] cols = new float[names.size()][];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = t.column(names.get(c));
        }
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement st = conn.createStatement()) {
                st.execute(ddl.toString());
            }
            try (DuckDBAppender app = conn.unwrap(DuckDBConnection.class).createAppender("main", "events")) {
                for (int i = 0; i < t.rows(); i++) {
                    app.beginRow();
                    for (float[] col : cols) {
                        app.append(col[i]);
                    }
                    app.endRow();
                }
            }
            Files.deleteIfExists(file);
            try (Statement st = conn.createStatement()) {
                st.execute("COPY events TO '" + file.toAbsolutePath().toString().replace("'", "''")
                        + "' (FORMAT parquet)");
            }
        } catch (SQLException | IOException e) {
            throw new InputException(file + ": cannot write Parquet (" + e.getMessage() + ")", e);
        }
    }

    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Writes by extension: .parquet, else plain HDF5. */
    public static void write(OmniFoldTable t, Path file) {
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".parquet")) {
            writeParquet(t, file);
        } else {
            writeHdf5(t, file);
        }
    }
}
