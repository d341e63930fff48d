package org.nuisance.engine.omnifold.unfold;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.cli.CliRun;
import org.nuisance.engine.omnifold.OmniFoldReader;
import org.nuisance.engine.omnifold.OmniFoldTable;

/**
 * {@code omnifold unfold --output OUT.h5} writes the pandas "fixed" layout of the ATLAS release
 * (group {@code df}: axis0, axis1, block0_items, block0_values; pandas.io.pytables FrameFixed), the
 * explorer reads it back through its pandas reader, and {@code omnifold hist} on it gives the bands of the
 * analysis recipe (docs/omnifold.md): data/MC stat = sample standard deviation (N - 1) of the bootstrap
 * histograms, ensemble = 1.253 std / sqrt(K), here recomputed by hand from the columns read back.
 */
class UnfoldPandasHdf5Test {

    @TempDir
    Path tmp;

    @Test
    void anUnfoldingWrittenAsPandasHdf5ReadsBackWithTheRecipesBands() throws Exception {
        assertEquals(0, CliRun.of("omnifold", "toy", "--kind", "gaussian", "--events", "2000", "--seed", "6", "--output",
                tmp.toString()).code());
        List<String> common = List.of("omnifold", "unfold", "--data", tmp.resolve("data.parquet").toString(), "--mc",
                tmp.resolve("mc.parquet").toString(), "--observables", "x", "--iterations", "1", "--ensemble", "2",
                "--bootstrap-data", "3", "--bootstrap-mc", "3", "--epochs", "1", "--seed", "6", "--output");
        Path h5 = tmp.resolve("u.h5");
        Path pq = tmp.resolve("u.parquet");
        CliRun a = CliRun.of(with(common, h5.toString()));
        assertEquals(0, a.code(), a.err());
        CliRun b = CliRun.of(with(common, pq.toString()));
        assertEquals(0, b.code(), b.err());

        List<String> columns = List.of("x", "weight_mc", "weights_nominal", "weights_ensemble_0", "weights_ensemble_1",
                "weights_bootstrap_data_0", "weights_bootstrap_data_1", "weights_bootstrap_data_2",
                "weights_bootstrap_mc_0", "weights_bootstrap_mc_1", "weights_bootstrap_mc_2");
        try (HdfFile f = new HdfFile(h5)) {
            Group df = assertInstanceOf(Group.class, f.getChild("df"));
            assertEquals("frame", df.getAttribute("pandas_type").getData());
            assertEquals(2L, ((Number) df.getAttribute("ndim").getData()).longValue());
            assertEquals(1L, ((Number) df.getAttribute("nblocks").getData()).longValue());
            assertArrayEquals(columns.toArray(), (Object[]) ((Dataset) df.getChild("axis0")).getData());
            assertArrayEquals(columns.toArray(), (Object[]) ((Dataset) df.getChild("block0_items")).getData());
            Dataset values = (Dataset) df.getChild("block0_values");
            int rows = ((Dataset) df.getChild("axis1")).getDimensions()[0];
            assertArrayEquals(new int[] {rows, columns.size()}, values.getDimensions());
        }
        OmniFoldTable fromH5 = OmniFoldReader.read(h5);
        OmniFoldTable fromParquet = OmniFoldReader.read(pq);
        assertEquals(columns, fromH5.columnNames());
        for (String c : columns) {
            // the same seeded members give the same float32 weights in either file
            assertArrayEquals(fromParquet.column(c), fromH5.column(c), c);
        }

        CliRun hist = CliRun.of("omnifold", "hist", "--input", h5.toString(), "--observable", "x", "--bins", "6,-3,3");
        assertEquals(0, hist.code(), hist.err());
        JsonNode u = hist.json().get("uncertainties");
        double[][] data = histograms(fromH5, "weights_bootstrap_data_", 3);
        double[][] mc = histograms(fromH5, "weights_bootstrap_mc_", 3);
        double[][] ens = histograms(fromH5, "weights_ensemble_", 2);
        for (int bin = 0; bin < 6; bin++) {
            // hist reports dsigma/dx: counts over the bin width 1
            double dataStat = sampleSd(data, bin);
            double mcStat = sampleSd(mc, bin);
            double ensemble = 1.253 * sampleSd(ens, bin) / Math.sqrt(2);
            assertEquals(dataStat, u.get("data_stat").get(bin).asDouble(), 1e-9 * (1 + dataStat), "data_stat " + bin);
            assertEquals(mcStat, u.get("mc_stat").get(bin).asDouble(), 1e-9 * (1 + mcStat), "mc_stat " + bin);
            assertEquals(ensemble, u.get("ensemble").get(bin).asDouble(), 1e-9 * (1 + ensemble), "ensemble " + bin);
            double total = Math.sqrt(dataStat * dataStat + mcStat * mcStat + ensemble * ensemble);
            assertEquals(total, u.get("total").get(bin).asDouble(), 1e-9 * (1 + total), "total " + bin);
        }
    }

    private static String[] with(List<String> args, String last) {
        String[] a = args.toArray(new String[args.size() + 1]);
        a[args.size()] = last;
        return a;
    }

    /** Weighted counts of x in 6 unit bins on [-3, 3], one histogram per member column prefix_k. */
    private static double[][] histograms(OmniFoldTable t, String prefix, int members) {
        float[] x = t.column("x");
        double[][] h = new double[members][6];
        for (int k = 0; k < members; k++) {
            float[] w = t.column(prefix + k);
            for (int i = 0; i < x.length; i++) {
                double b = Math.floor(x[i] + 3);
                if (b >= 0 && b < 6) {
                    h[k][(int) b] += w[i];
                }
            }
        }
        return h;
    }

    private static double sampleSd(double[][] h, int bin) {
        double m = 0;
        for (double[] r : h) {
            m += r[bin];
        }
        m /= h.length;
        double s = 0;
        for (double[] r : h) {
            s += (r[bin] - m) * (r[bin] - m);
        }
        return Math.sqrt(s / (h.length - 1));
    }
}
