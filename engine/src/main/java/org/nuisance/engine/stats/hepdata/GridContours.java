package org.nuisance.engine.stats.hepdata;

import java.util.List;

/**
 * The 95% CL exclusion contours of a signal grid in the plane of two of its values: where CLs = 0.05,
 * interpolated linearly in CLs over a Delaunay triangulation of the points ({@link Contours}), as
 * matplotlib's tricontour does in pyhf's exclusion-contour examples.
 * Observed from CLs_obs, expected from the median expected CLs, the +-1 sigma lines from the band.
 */
public record GridContours(int[] axes, List<List<double[]>> observed, List<List<double[]>> expected,
                           List<List<double[]>> expectedMinus1, List<List<double[]>> expectedPlus1) {

    public static final double LEVEL = 0.05;

    public static GridContours of(SignalGrid.Result grid, int[] axes) {
        List<SignalGrid.Point> pts = grid.points();
        int n = pts.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[][] f = new double[4][n];
        for (int i = 0; i < n; i++) {
            SignalGrid.Point p = pts.get(i);
            x[i] = p.values()[axes[0]];
            y[i] = p.values()[axes[1]];
            f[0][i] = p.clsObs();
            f[1][i] = p.clsExp()[2];
            // the band in pyhf's order -2..+2 sigma: index 1 is -1 sigma (smaller CLs, the outer line)
            f[2][i] = p.clsExp()[1];
            f[3][i] = p.clsExp()[3];
        }
        double level = LEVEL;
        return new GridContours(axes, Contours.levelLines(x, y, f[0], level), Contours.levelLines(x, y, f[1], level),
                Contours.levelLines(x, y, f[2], level), Contours.levelLines(x, y, f[3], level));
    }
}
