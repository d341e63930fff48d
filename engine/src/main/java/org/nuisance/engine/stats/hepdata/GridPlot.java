package org.nuisance.engine.stats.hepdata;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.nuisance.engine.data.InputException;

/**
 * A PNG of a signal grid in a plane of two of its values: each point a disc coloured by its observed
 * CLs (log scale, 1e-3 dark blue to 1 yellow), with the observed (black) and expected (red dashed,
 * +-1 sigma dotted) 95% CL exclusion contours. Plain Java2D, headless.
 */
public final class GridPlot {

    private GridPlot() {
    }

    public static void write(SignalGrid.Result grid, int[] axes, GridContours contours, String title, Path png) {
        int w = 920;
        int h = 680;
        int left = 90;
        int right = 190;
        int top = 50;
        int bottom = 70;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        List<SignalGrid.Point> pts = grid.points();
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (SignalGrid.Point p : pts) {
            minX = Math.min(minX, p.values()[axes[0]]);
            maxX = Math.max(maxX, p.values()[axes[0]]);
            minY = Math.min(minY, p.values()[axes[1]]);
            maxY = Math.max(maxY, p.values()[axes[1]]);
        }
        double padX = 0.04 * (maxX - minX + 1);
        double padY = 0.04 * (maxY - minY + 1);
        double x0 = minX - padX, x1 = maxX + padX, y0 = minY - padY, y1 = maxY + padY;
        int pw = w - left - right;
        int ph = h - top - bottom;
        java.util.function.DoubleUnaryOperator sx = v -> left + (v - x0) / (x1 - x0) * pw;
        java.util.function.DoubleUnaryOperator sy = v -> top + ph - (v - y0) / (y1 - y0) * ph;
        g.setColor(new Color(235, 235, 235));
        g.setStroke(new BasicStroke(1f));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (double t : ticks(x0, x1)) {
            int px = (int) sx.applyAsDouble(t);
            g.setColor(new Color(235, 235, 235));
            g.drawLine(px, top, px, top + ph);
            g.setColor(Color.DARK_GRAY);
            String s = fmt(t);
            g.drawString(s, px - g.getFontMetrics().stringWidth(s) / 2, top + ph + 18);
        }
        for (double t : ticks(y0, y1)) {
            int py = (int) sy.applyAsDouble(t);
            g.setColor(new Color(235, 235, 235));
            g.drawLine(left, py, left + pw, py);
            g.setColor(Color.DARK_GRAY);
            String s = fmt(t);
            g.drawString(s, left - 8 - g.getFontMetrics().stringWidth(s), py + 5);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        String xl = label(grid, axes[0]);
        String yl = label(grid, axes[1]);
        g.drawString(xl, left + pw / 2 - g.getFontMetrics().stringWidth(xl) / 2, h - 25);
        g.rotate(-Math.PI / 2);
        g.drawString(yl, -(top + ph / 2) - g.getFontMetrics().stringWidth(yl) / 2, 25);
        g.rotate(Math.PI / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, left, 30);
        for (SignalGrid.Point p : pts) {
            int px = (int) sx.applyAsDouble(p.values()[axes[0]]);
            int py = (int) sy.applyAsDouble(p.values()[axes[1]]);
            g.setColor(colour(p.clsObs()));
            g.fillOval(px - 6, py - 6, 12, 12);
            g.setColor(p.converged() ? Color.GRAY : Color.RED);
            g.setStroke(new BasicStroke(p.converged() ? 0.6f : 2f));
            g.drawOval(px - 6, py - 6, 12, 12);
        }
        float[] dash = {9f, 6f};
        float[] dot = {2f, 4f};
        draw(g, contours.expectedMinus1(), sx, sy, new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, dot, 0), Color.RED);
        draw(g, contours.expectedPlus1(), sx, sy, new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, dot, 0), Color.RED);
        draw(g, contours.expected(), sx, sy, new BasicStroke(2.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, dash, 0), Color.RED);
        draw(g, contours.observed(), sx, sy, new BasicStroke(3f), Color.BLACK);
        // legend and colour bar
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int lx = left + pw + 20;
        int ly = top + 10;
        legend(g, lx, ly, new BasicStroke(3f), Color.BLACK, "observed 95% CL");
        legend(g, lx, ly + 20, new BasicStroke(2.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, dash, 0), Color.RED,
                "expected");
        legend(g, lx, ly + 40, new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, dot, 0), Color.RED,
                "expected +-1 sigma");
        int by = ly + 80;
        int bh = 250;
        for (int i = 0; i < bh; i++) {
            double lg = -3 * (double) i / bh;
            g.setColor(colour(Math.pow(10, lg)));
            g.fillRect(lx, by + i, 20, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(lx, by, 20, bh);
        g.drawString("CLs observed", lx, by - 8);
        for (int k = 0; k <= 3; k++) {
            g.drawString("1e-" + k, lx + 26, by + k * bh / 3 + 4);
        }
        g.dispose();
        org.nuisance.engine.util.AtomicOutput.write(png, "--png", out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer");
            }
        });
    }

    private static void legend(Graphics2D g, int x, int y, BasicStroke s, Color c, String text) {
        g.setStroke(s);
        g.setColor(c);
        g.drawLine(x, y, x + 30, y);
        g.setColor(Color.BLACK);
        g.drawString(text, x + 36, y + 4);
    }

    private static void draw(Graphics2D g, List<List<double[]>> lines, java.util.function.DoubleUnaryOperator sx,
                             java.util.function.DoubleUnaryOperator sy, BasicStroke stroke, Color c) {
        g.setStroke(stroke);
        g.setColor(c);
        for (List<double[]> line : lines) {
            Path2D path = new Path2D.Double();
            for (int i = 0; i < line.size(); i++) {
                double px = sx.applyAsDouble(line.get(i)[0]);
                double py = sy.applyAsDouble(line.get(i)[1]);
                if (i == 0) {
                    path.moveTo(px, py);
                } else {
                    path.lineTo(px, py);
                }
            }
            g.draw(path);
        }
    }

    /** log10(CLs) from -3 (dark blue) to 0 (yellow), viridis-like. */
    static Color colour(double cls) {
        double t = Double.isFinite(cls) && cls > 0 ? Math.max(0, Math.min(1, 1 + Math.log10(cls) / 3)) : 0;
        float[][] stops = {{0.27f, 0.00f, 0.33f}, {0.23f, 0.32f, 0.55f}, {0.13f, 0.57f, 0.55f}, {0.37f, 0.79f, 0.38f},
            {0.99f, 0.91f, 0.14f}};
        double s = t * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) s);
        double f = s - i;
        return new Color((float) (stops[i][0] + f * (stops[i + 1][0] - stops[i][0])),
                (float) (stops[i][1] + f * (stops[i + 1][1] - stops[i][1])),
                (float) (stops[i][2] + f * (stops[i + 1][2] - stops[i][2])));
    }

    private static String label(SignalGrid.Result grid, int axis) {
        return axis < grid.labels().size() ? grid.labels().get(axis) : "value " + axis + " of the point names";
    }

    private static double[] ticks(double lo, double hi) {
        double span = hi - lo;
        double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (span / (step * m) <= 8) {
                step *= m;
                break;
            }
        }
        java.util.List<Double> t = new java.util.ArrayList<>();
        for (double v = Math.ceil(lo / step) * step; v <= hi; v += step) {
            t.add(v);
        }
        return t.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
