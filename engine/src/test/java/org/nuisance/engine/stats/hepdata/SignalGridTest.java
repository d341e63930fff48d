package org.nuisance.engine.stats.hepdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nuisance.engine.cli.CliRun;

/**
 * Signal grids: the contour interpolation against a closed form, and grid / shards / grid-merge on
 * three sbottom points (one of them the README's reference point) with their exclusion contour.
 */
class SignalGridTest {

    /** f = x + 2y on a 6 x 6 grid: the level line f = 1.3 is exactly the straight line x + 2y = 1.3. */
    @Test
    void levelLinesOfALinearFunctionAreExact() {
        int n = 6;
        double[] x = new double[n * n];
        double[] y = new double[n * n];
        double[] f = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                x[i * n + j] = i * 0.2;
                y[i * n + j] = j * 100.0 / (n - 1);
                f[i * n + j] = x[i * n + j] + 2 * y[i * n + j] / 100;
            }
        }
        List<List<double[]>> lines = Contours.levelLines(x, y, f, 1.3);
        assertEquals(1, lines.size(), "one connected line");
        assertTrue(lines.get(0).size() >= 6);
        for (double[] p : lines.get(0)) {
            assertEquals(1.3, p[0] + 2 * p[1] / 100, 1e-12);
        }
        // a triangulation of a 6 x 6 grid has 2 (n-1)^2 triangles
        assertEquals(2 * (n - 1) * (n - 1), Contours.delaunay(x, y).size());
    }

    @Test
    void shardsMergeToTheWholeGridAndTheReferencePointHoldsInIt(@TempDir Path dir) throws Exception {
        Path bkg = regionA(dir, List.of("sbottom_1300_205_60", "sbottom_1000_205_60", "sbottom_1400_250_60"));
        Path patches = dir.resolve("patches");
        String[] interp = {"--normsys-interp", "code4", "--histosys-interp", "code4p"};
        Path whole = dir.resolve("grid.json");
        CliRun all = CliRun.of(cat(new String[] {"grid", "--workspace", bkg.toString(), "--patches",
                patches.toString(), "--output", whole.toString(), "--threads", "2"}, interp));
        assertEquals(0, all.code(), all.err());
        JsonNode g = new ObjectMapper().readTree(whole.toFile());
        assertEquals(3, g.get("points").size());
        JsonNode ref = g.get("points").get(1);
        assertEquals("sbottom_1300_205_60", ref.get("name").asText());
        assertEquals(1300, ref.get("values").get(0).asDouble());
        // README reference (pyhf): CLs_obs 0.24443627759085326, median expected 0.38432344933992
        assertEquals(0.24443627759085326, ref.get("cls_obs").asDouble(), 5e-4 * 0.2444);
        assertEquals(0.38432344933992, ref.get("cls_exp").get(2).asDouble(), 5e-4 * 0.3843);
        assertTrue(ref.get("converged").asBoolean());
        // the 1000 GeV point is excluded (CLs < 0.05) and the others are not: one observed contour
        assertTrue(g.get("points").get(0).get("cls_obs").asDouble() < 0.05);
        assertFalse(g.get("contours").get("observed").isEmpty());
        Path[] parts = new Path[2];
        for (int i = 0; i < 2; i++) {
            parts[i] = dir.resolve("part" + i + ".json");
            CliRun r = CliRun.of(cat(new String[] {"grid", "--workspace", bkg.toString(), "--patches",
                    patches.resolve("patch.*.json").toString(), "--shard", i + "/2", "--output", parts[i].toString()},
                    interp));
            assertEquals(0, r.code(), r.err());
        }
        Path merged = dir.resolve("merged.json");
        Path png = dir.resolve("grid.png");
        CliRun m = CliRun.of("grid-merge", parts[0].toString(), parts[1].toString(), "--output", merged.toString(),
                "--png", png.toString());
        assertEquals(0, m.code(), m.err());
        JsonNode mg = new ObjectMapper().readTree(merged.toFile());
        assertEquals(g.get("points"), mg.get("points"));
        assertEquals(g.get("contours"), mg.get("contours"));
        assertTrue(Files.size(png) > 1000 && Files.size(png) < 300_000);
    }

    /**
     * Writes RegionA's background-only workspace to {@code dir/BkgOnly.json} (returned) and the named points'
     * patches to {@code dir/patches/}, from the sbottom archive in ../shared.
     */
    static Path regionA(Path dir, List<String> names) throws java.io.IOException {
        Map<String, byte[]> files = TarGz.read(HepDataReferenceTest.archive(), n -> n.equals("RegionA/BkgOnly.json")
                || names.stream().anyMatch(s -> n.equals("RegionA/patch." + s + ".json")));
        Path bkg = dir.resolve("BkgOnly.json");
        Files.write(bkg, files.get("RegionA/BkgOnly.json"));
        Path patches = Files.createDirectory(dir.resolve("patches"));
        for (String s : names) {
            Files.write(patches.resolve("patch." + s + ".json"), files.get("RegionA/patch." + s + ".json"));
        }
        return bkg;
    }

    private static String[] cat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
