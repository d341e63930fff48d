package org.nuisance.engine.ml;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.nuisance.engine.data.InputException;

/**
 * A PNG of a {@link TrainingScaling} result: held-out weighted AUC against the number of training events
 * (log axis), from scratch and fine-tuned, each point the mean over seeds with its standard deviation as
 * an error bar. Plain Java2D, headless; written to a temporary file and renamed into place.
 */
public final class ScalingPlot {

    private static final Color SCRATCH = new Color(31, 119, 180);
    private static final Color TUNED = new Color(214, 39, 40);

    private ScalingPlot() {
    }

    /** Mean and standard deviation over seeds of the held-out weighted AUC, per size, for one start. */
    static double[][] meanAndSd(List<TrainingScaling.Row> rows, int[] sizes, String start) {
        double[][] out = new double[sizes.length][2];
        for (int k = 0; k < sizes.length; k++) {
            int size = sizes[k];
            double[] v = rows.stream().filter(r -> r.size() == size && r.start().equals(start))
                    .mapToDouble(TrainingScaling.Row::heldOutWeightedAuc).toArray();
            double mean = Arrays.stream(v).average().orElse(Double.NaN);
            double var = v.length > 1 ? Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1) : 0;
            out[k][0] = mean;
            out[k][1] = Math.sqrt(var);
        }
        return out;
    }

    public static void write(List<TrainingScaling.Row> rows, String title, Path png) {
        int[] sizes = rows.stream().mapToInt(TrainingScaling.Row::size).distinct().sorted().toArray();
        if (sizes.length == 0) {
            throw new IllegalArgumentException("no trainings to plot");
        }
        double[][] scratch = meanAndSd(rows, sizes, "scratch");
        double[][] tuned = meanAndSd(rows, sizes, "pretrained");
        double lo = 1;
        double hi = 0;
        for (double[][] s : List.of(scratch, tuned)) {
            for (double[] p : s) {
                if (Double.isFinite(p[0])) {
                    lo = Math.min(lo, p[0] - p[1]);
                    hi = Math.max(hi, p[0] + p[1]);
                }
            }
        }
        double y0 = Math.floor((lo - 0.01) * 50) / 50;
        double y1 = Math.min(1, Math.ceil((hi + 0.01) * 50) / 50);
        double x0 = Math.log10(sizes[0]) - 0.15;
        double x1 = Math.log10(sizes[sizes.length - 1]) + 0.15;
        int w = 760;
        int h = 520;
        int left = 90;
        int right = 30;
        int top = 50;
        int bottom = 70;
        int pw = w - left - right;
        int ph = h - top - bottom;
        java.util.function.DoubleUnaryOperator sx = v -> left + (Math.log10(v) - x0) / (x1 - x0) * pw;
        java.util.function.DoubleUnaryOperator sy = v -> top + ph - (v - y0) / (y1 - y0) * ph;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        // grid and tick labels: decades (10^n) on x, steps of 0.02 on y
        for (int e = (int) Math.ceil(x0); e <= Math.floor(x1); e++) {
            int px = (int) sx.applyAsDouble(Math.pow(10, e));
            g.setColor(new Color(230, 230, 230));
            g.drawLine(px, top, px, top + ph);
            g.setColor(Color.BLACK);
            g.drawString("10", px - 10, top + ph + 22);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            g.drawString(Integer.toString(e), px + 5, top + ph + 14);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        }
        for (double t = y0; t <= y1 + 1e-9; t += 0.02) {
            int py = (int) sy.applyAsDouble(t);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left, py, left + pw, py);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.2f", t), left - 42, py + 5);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.2f));
        g.drawRect(left, top, pw, ph);
        series(g, sizes, scratch, sx, sy, SCRATCH, -4);
        series(g, sizes, tuned, sx, sy, TUNED, 4);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString("training events", left + pw / 2 - 50, h - 20);
        g.rotate(-Math.PI / 2);
        g.drawString("held-out weighted ROC AUC", -(top + ph / 2) - 90, 25);
        g.rotate(Math.PI / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int lx = left + pw - 250;
        int ly = top + ph - 50;
        g.setColor(Color.WHITE);
        g.fillRect(lx - 8, ly - 16, 245, 46);
        g.setColor(SCRATCH);
        g.fillOval(lx, ly - 9, 8, 8);
        g.setColor(Color.BLACK);
        g.drawString("from scratch (mean ± sd over seeds)", lx + 14, ly);
        g.setColor(TUNED);
        g.fillRect(lx, ly + 12, 8, 8);
        g.setColor(Color.BLACK);
        g.drawString("fine-tuned from the pretrained trunk", lx + 14, ly + 21);
        g.dispose();
        try {
            Path target = png.toAbsolutePath();
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                ImageIO.write(img, "png", tmp.toFile());
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new InputException(png + ": cannot write the plot (" + e.getMessage() + ")", e);
        }
    }

    private static void series(Graphics2D g, int[] sizes, double[][] v, java.util.function.DoubleUnaryOperator sx,
                               java.util.function.DoubleUnaryOperator sy, Color c, int offset) {
        g.setColor(c);
        g.setStroke(new BasicStroke(1.6f));
        int prevX = -1;
        int prevY = -1;
        for (int k = 0; k < sizes.length; k++) {
            if (!Double.isFinite(v[k][0])) {
                continue;
            }
            int px = (int) sx.applyAsDouble(sizes[k]) + offset;
            int py = (int) sy.applyAsDouble(v[k][0]);
            int up = (int) sy.applyAsDouble(v[k][0] + v[k][1]);
            int down = (int) sy.applyAsDouble(v[k][0] - v[k][1]);
            g.drawLine(px, up, px, down);
            g.drawLine(px - 4, up, px + 4, up);
            g.drawLine(px - 4, down, px + 4, down);
            if (prevX >= 0) {
                g.drawLine(prevX, prevY, px, py);
            }
            if (c == SCRATCH) {
                g.fillOval(px - 4, py - 4, 9, 9);
            } else {
                g.fillRect(px - 4, py - 4, 9, 9);
            }
            prevX = px;
            prevY = py;
        }
    }
}
