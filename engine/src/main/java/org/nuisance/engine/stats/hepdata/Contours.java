package org.nuisance.engine.stats.hepdata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Level lines of a function known at scattered points of a plane: a Delaunay triangulation of the
 * points (Bowyer-Watson, in coordinates scaled to the unit square so that masses of different ranges
 * weigh alike), linear interpolation along each triangle's edges (marching triangles), and the segments
 * joined into polylines. Used for the 95% CL exclusion contours (CLs = 0.05) of a signal grid.
 */
public final class Contours {

    private Contours() {
    }

    /** A triangle by point indices. */
    public record Triangle(int a, int b, int c) {
    }

    /** Delaunay triangles of points (x[i], y[i]); duplicates are dropped. */
    public static List<Triangle> delaunay(double[] x, double[] y) {
        int n = x.length;
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, x[i]);
            maxX = Math.max(maxX, x[i]);
            minY = Math.min(minY, y[i]);
            maxY = Math.max(maxY, y[i]);
        }
        double sx = maxX > minX ? maxX - minX : 1;
        double sy = maxY > minY ? maxY - minY : 1;
        double[] px = new double[n + 3];
        double[] py = new double[n + 3];
        for (int i = 0; i < n; i++) {
            // a tiny deterministic jitter breaks the ties of points on a regular grid (cocircular quads)
            px[i] = (x[i] - minX) / sx + 1e-9 * Math.sin(12.9898 * i);
            py[i] = (y[i] - minY) / sy + 1e-9 * Math.cos(78.233 * i);
        }
        px[n] = -10;
        py[n] = -10;
        px[n + 1] = 20;
        py[n + 1] = -10;
        px[n + 2] = 0.5;
        py[n + 2] = 20;
        List<int[]> tris = new ArrayList<>();
        tris.add(new int[] {n, n + 1, n + 2});
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            if (!seen.add(Double.doubleToLongBits(x[i]) * 31 + Double.doubleToLongBits(y[i]))) {
                continue;
            }
            List<int[]> bad = new ArrayList<>();
            for (int[] t : tris) {
                if (inCircumcircle(px, py, t, px[i], py[i])) {
                    bad.add(t);
                }
            }
            Map<Long, int[]> edges = new HashMap<>();
            for (int[] t : bad) {
                for (int e = 0; e < 3; e++) {
                    int u = t[e];
                    int v = t[(e + 1) % 3];
                    long key = (long) Math.min(u, v) * (n + 3) + Math.max(u, v);
                    if (edges.remove(key) == null) {
                        edges.put(key, new int[] {u, v});
                    }
                }
            }
            tris.removeAll(bad);
            for (int[] e : edges.values()) {
                tris.add(new int[] {e[0], e[1], i});
            }
        }
        List<Triangle> out = new ArrayList<>();
        for (int[] t : tris) {
            if (t[0] < n && t[1] < n && t[2] < n) {
                out.add(new Triangle(t[0], t[1], t[2]));
            }
        }
        return out;
    }

    private static boolean inCircumcircle(double[] px, double[] py, int[] t, double x, double y) {
        double ax = px[t[0]] - x, ay = py[t[0]] - y;
        double bx = px[t[1]] - x, by = py[t[1]] - y;
        double cx = px[t[2]] - x, cy = py[t[2]] - y;
        double det = (ax * ax + ay * ay) * (bx * cy - cx * by) - (bx * bx + by * by) * (ax * cy - cx * ay)
                + (cx * cx + cy * cy) * (ax * by - bx * ay);
        double orient = (px[t[1]] - px[t[0]]) * (py[t[2]] - py[t[0]]) - (py[t[1]] - py[t[0]]) * (px[t[2]] - px[t[0]]);
        return orient > 0 ? det > 0 : det < 0;
    }

    /**
     * The polylines where f = level, over the triangulation of the points (x, y): each a list of
     * {x, y} points. f is compared on its own scale (callers pass e.g. log CLs for a smoother line).
     */
    public static List<List<double[]>> levelLines(double[] x, double[] y, double[] f, double level) {
        List<Triangle> tris = delaunay(x, y);
        List<double[][]> segments = new ArrayList<>();
        for (Triangle t : tris) {
            int[] v = {t.a(), t.b(), t.c()};
            List<double[]> cross = new ArrayList<>();
            for (int e = 0; e < 3; e++) {
                int i = v[e];
                int j = v[(e + 1) % 3];
                double fi = f[i] - level;
                double fj = f[j] - level;
                if (!Double.isFinite(fi) || !Double.isFinite(fj)) {
                    continue;
                }
                if ((fi < 0) != (fj < 0)) {
                    double s = fi / (fi - fj);
                    cross.add(new double[] {x[i] + s * (x[j] - x[i]), y[i] + s * (y[j] - y[i])});
                }
            }
            if (cross.size() == 2) {
                segments.add(new double[][] {cross.get(0), cross.get(1)});
            }
        }
        return chain(segments);
    }

    /** Joins segments that share end points into polylines. */
    private static List<List<double[]>> chain(List<double[][]> segments) {
        Map<String, List<Integer>> byEnd = new HashMap<>();
        for (int s = 0; s < segments.size(); s++) {
            for (double[] p : segments.get(s)) {
                byEnd.computeIfAbsent(key(p), k -> new ArrayList<>()).add(s);
            }
        }
        boolean[] used = new boolean[segments.size()];
        List<List<double[]>> lines = new ArrayList<>();
        for (int s = 0; s < segments.size(); s++) {
            if (used[s]) {
                continue;
            }
            used[s] = true;
            java.util.LinkedList<double[]> line = new java.util.LinkedList<>();
            line.add(segments.get(s)[0]);
            line.add(segments.get(s)[1]);
            for (boolean forward : new boolean[] {true, false}) {
                while (true) {
                    double[] end = forward ? line.getLast() : line.getFirst();
                    int next = -1;
                    for (int c : byEnd.getOrDefault(key(end), List.of())) {
                        if (!used[c]) {
                            next = c;
                            break;
                        }
                    }
                    if (next < 0) {
                        break;
                    }
                    used[next] = true;
                    double[][] seg = segments.get(next);
                    double[] other = key(seg[0]).equals(key(end)) ? seg[1] : seg[0];
                    if (forward) {
                        line.addLast(other);
                    } else {
                        line.addFirst(other);
                    }
                }
            }
            lines.add(new ArrayList<>(line));
        }
        return lines;
    }

    private static String key(double[] p) {
        return String.format(java.util.Locale.ROOT, "%.9g,%.9g", p[0], p[1]);
    }
}
