package org.nuisance.engine.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-scaling plot: mean and sample standard deviation over seeds, and a PNG written whole. */
class ScalingPlotTest {

    private static TrainingScaling.Row row(int size, long seed, String start, double auc) {
        return new TrainingScaling.Row(size, seed, start, auc, auc, 1, 1, 0.1, 1, 0.1);
    }

    @Test
    void pointsAreTheMeanAndSampleSdOverSeeds(@TempDir Path dir) throws Exception {
        List<TrainingScaling.Row> rows = List.of(row(100, 1, "scratch", 0.70), row(100, 2, "scratch", 0.80),
                row(100, 3, "scratch", 0.90), row(100, 1, "pretrained", 0.85), row(1000, 1, "scratch", 0.9),
                row(1000, 1, "pretrained", 0.91));
        double[][] s = ScalingPlot.meanAndSd(rows, new int[] {100, 1000}, "scratch");
        assertEquals(0.80, s[0][0], 1e-12);
        assertEquals(0.10, s[0][1], 1e-12); // sqrt(((0.1)^2 + 0 + (0.1)^2) / 2)
        assertEquals(0.0, s[1][1], 0);
        Path png = dir.resolve("plots/scaling.png");
        ScalingPlot.write(rows, "test", png);
        var img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(760, img.getWidth());
        assertTrue(java.nio.file.Files.list(png.getParent()).count() == 1, "no temporary file left beside the plot");
    }
}
