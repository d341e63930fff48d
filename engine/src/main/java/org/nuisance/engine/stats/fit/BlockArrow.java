package org.nuisance.engine.stats.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Solves and inverts a symmetric positive-definite matrix with a block-arrow sparsity pattern: a few
 * "global" rows coupled to everything, and many "local" parameters that couple only with the globals
 * and with a handful of other locals (a binned likelihood's per-bin gamma parameters touch one bin
 * each). The locals are ordered into small diagonal blocks D_b; the solve eliminates them through the
 * Schur complement S = A - sum_b B_b D_b^-1 B_b^T over the globals, so the cost grows with the number of
 * blocks times (globals touching a block)^2 plus (globals)^3, not (all parameters)^3.
 * <p>
 * The partition is read from the matrix's exact zeros ({@link #of}); {@link #of} returns null where the
 * pattern has no useful structure, and the caller then uses a dense Cholesky.
 */
final class BlockArrow {

    /** Largest local block (locals coupled among themselves). */
    private static final int MAX_BLOCK = 8;

    private final int[] globals;
    private final int[][] blocks;
    private final int[][] blockGlobals; // positions in globals[] of the globals coupled to each block
    private final int[] idx; // the rows the partition was made for
    private final int[][] columns; // per block, the h columns of its globals
    private final int[] blockOfColumn; // the block of each local (indexed as h), -1 elsewhere
    private final int[] globalOfColumn; // the position in globals[] of each global (indexed as h), -1 elsewhere

    /** Immutable once made (one partition may serve several threads' minimisations). */
    private BlockArrow(int[] globals, int[][] blocks, int[][] blockGlobals, int[] idx) {
        this.globals = globals;
        this.blocks = blocks;
        this.blockGlobals = blockGlobals;
        this.idx = idx.clone();
        this.columns = new int[blocks.length][];
        for (int bl = 0; bl < blocks.length; bl++) {
            int[] gs = blockGlobals[bl];
            columns[bl] = new int[gs.length];
            for (int c = 0; c < gs.length; c++) {
                columns[bl][c] = globals[gs[c]];
            }
        }
        int size = 0;
        for (int i : idx) {
            size = Math.max(size, i + 1);
        }
        this.blockOfColumn = new int[size];
        Arrays.fill(blockOfColumn, -1);
        for (int bl = 0; bl < blocks.length; bl++) {
            for (int i : blocks[bl]) {
                blockOfColumn[i] = bl;
            }
        }
        this.globalOfColumn = new int[size];
        Arrays.fill(globalOfColumn, -1);
        for (int g = 0; g < globals.length; g++) {
            globalOfColumn[globals[g]] = g;
        }
    }

    int globalCount() {
        return globals.length;
    }

    /**
     * The partition of an n x n matrix's rows: locals taken greedily in order of increasing row
     * density while their coupled locals stay within blocks of at most {@value #MAX_BLOCK}. Null when
     * fewer than half the rows are local (a dense solve is then as good).
     */
    static BlockArrow of(double[][] h) {
        int[] all = new int[h.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return of(h, all);
    }

    /**
     * The partition of the sub-matrix h[idx][idx] (rows and columns idx of a larger matrix), with the
     * blocks and globals given as indices into h itself; {@link #solve} then reads h in place.
     */
    static BlockArrow of(double[][] full, int[] idx) {
        int n = idx.length;
        int[] degree = new int[n];
        for (int i = 0; i < n; i++) {
            double[] row = full[idx[i]];
            int d = 0;
            for (int j = 0; j < n; j++) {
                if (row[idx[j]] != 0 && j != i) {
                    d++;
                }
            }
            degree[i] = d;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(degree[a], degree[b]));
        int[] parent = new int[n];
        int[] size = new int[n];
        Arrays.fill(parent, -1); // -1: not local
        int[] roots = new int[MAX_BLOCK + 1];
        int locals = 0;
        for (int i : order) {
            if (degree[i] > n / 2) {
                break;
            }
            int nr = 0;
            int total = 1;
            boolean ok = true;
            double[] row = full[idx[i]];
            for (int j = 0; j < n && ok; j++) {
                if (j == i || parent[j] < 0 || row[idx[j]] == 0) {
                    continue;
                }
                int r = find(parent, j);
                boolean seen = false;
                for (int k = 0; k < nr; k++) {
                    seen |= roots[k] == r;
                }
                if (!seen) {
                    total += size[r];
                    if (total > MAX_BLOCK) {
                        ok = false;
                    } else {
                        roots[nr++] = r;
                    }
                }
            }
            if (!ok) {
                continue;
            }
            parent[i] = i;
            size[i] = total;
            for (int k = 0; k < nr; k++) {
                parent[roots[k]] = i;
            }
            locals++;
        }
        if (locals < n / 2) {
            return null;
        }
        int[] globalPos = new int[n];
        Arrays.fill(globalPos, -1);
        int ng = 0;
        int[] globals = new int[n - locals];
        for (int i = 0; i < n; i++) {
            if (parent[i] < 0) {
                globalPos[i] = ng;
                globals[ng++] = i;
            }
        }
        int[] blockOf = new int[n];
        Arrays.fill(blockOf, -1);
        List<int[]> blockList = new ArrayList<>();
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            if (parent[i] >= 0) {
                counts[find(parent, i)]++;
            }
        }
        int[][] members = new int[n][];
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) {
            if (parent[i] >= 0) {
                int r = find(parent, i);
                if (members[r] == null) {
                    members[r] = new int[counts[r]];
                    blockOf[r] = blockList.size();
                    blockList.add(members[r]);
                }
                members[r][fill[r]++] = i;
            }
        }
        int[][] blocks = blockList.toArray(new int[0][]);
        int[][] blockGlobals = new int[blocks.length][];
        boolean[] mark = new boolean[ng];
        int[] tmp = new int[ng];
        for (int b = 0; b < blocks.length; b++) {
            int c = 0;
            for (int i : blocks[b]) {
                double[] row = full[idx[i]];
                for (int g = 0; g < ng; g++) {
                    if (!mark[g] && row[idx[globals[g]]] != 0) {
                        mark[g] = true;
                        tmp[c++] = g;
                    }
                }
            }
            blockGlobals[b] = Arrays.copyOf(tmp, c);
            Arrays.sort(blockGlobals[b]);
            for (int k = 0; k < c; k++) {
                mark[tmp[k]] = false;
            }
        }
        for (int g = 0; g < ng; g++) {
            globals[g] = idx[globals[g]];
        }
        for (int[] block : blocks) {
            for (int k = 0; k < block.length; k++) {
                block[k] = idx[block[k]];
            }
        }
        return new BlockArrow(globals, blocks, blockGlobals, idx);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * The factorised pieces of one matrix: per block D_b^-1, B_b (the block's rows of H at its globals'
     * columns, k x m) and W_b = D_b^-1 B_b, and the Cholesky factor of the Schur complement S.
     */
    private record Factors(double[][][] dInv, double[][][] b, double[][][] w, double[][] schurL) {
    }

    /**
     * True when h has this partition's pattern over the rows idx: no local couples to a local of another
     * block or to a global outside its block's globals. Cheaper than {@link #of} (one pass over the local rows), so a partition found once serves
     * every Newton step whose Hessian keeps the pattern.
     */
    boolean fits(double[][] h, int[] idx) {
        if (!java.util.Arrays.equals(idx, this.idx)) {
            return false;
        }
        int[] blockOf = blockOfColumn;
        int[] gpos = globalOfColumn;
        for (int bl = 0; bl < blocks.length; bl++) {
            int[] gs = blockGlobals[bl];
            for (int i : blocks[bl]) {
                double[] row = h[i];
                int end = Math.min(row.length, blockOf.length);
                for (int j = 0; j < end; j++) {
                    if (row[j] == 0) {
                        continue;
                    }
                    if (blockOf[j] >= 0 ? blockOf[j] != bl : gpos[j] >= 0 && Arrays.binarySearch(gs, gpos[j]) < 0) {
                        return false; // a local coupled to another block's local, or to a global not its block's
                    }
                }
            }
        }
        return true;
    }

    /**
     * Factorises H + lambda diag(|H|) (lambda damping as {@link BoundedNewton}); null if it is not
     * positive definite. B_b is read from the locals' own rows (contiguous), H being symmetric.
     */
    private Factors factor(double[][] h, double lambda) {
        int ng = globals.length;
        int[][] cols = columns;
        double[][] s = new double[ng][ng];
        for (int a = 0; a < ng; a++) {
            double[] row = h[globals[a]];
            double[] srow = s[a];
            for (int c = 0; c < ng; c++) {
                srow[c] = row[globals[c]];
            }
            srow[a] += lambda * Math.max(Math.abs(srow[a]), 1e-12);
        }
        double[][][] dInv = new double[blocks.length][][];
        double[][][] bs = new double[blocks.length][][];
        double[][][] w = new double[blocks.length][][];
        for (int bl = 0; bl < blocks.length; bl++) {
            int[] loc = blocks[bl];
            int k = loc.length;
            int[] gs = blockGlobals[bl];
            int[] gc = cols[bl];
            int m = gs.length;
            double[][] bb = new double[k][m];
            for (int p = 0; p < k; p++) {
                double[] row = h[loc[p]];
                double[] br = bb[p];
                for (int c = 0; c < m; c++) {
                    br[c] = row[gc[c]];
                }
            }
            double[][] inv;
            double[][] wb;
            if (k == 1) {
                double d = h[loc[0]][loc[0]];
                d += lambda * Math.max(Math.abs(d), 1e-12);
                if (!(d > 1e-300) || !Double.isFinite(d)) {
                    return null;
                }
                inv = new double[][] {{1 / d}};
                double[] br = bb[0];
                double[] wr = new double[m];
                double di = 1 / d;
                for (int c = 0; c < m; c++) {
                    wr[c] = br[c] * di;
                }
                wb = new double[][] {wr};
                // S -= b b^T / d: the upper triangle only (gs is sorted), mirrored below after all blocks
                for (int a = 0; a < m; a++) {
                    double ba = br[a];
                    if (ba == 0) {
                        continue;
                    }
                    double[] srow = s[gs[a]];
                    for (int c = a; c < m; c++) {
                        srow[gs[c]] -= ba * wr[c];
                    }
                }
            } else {
                double[][] d = new double[k][k];
                for (int p = 0; p < k; p++) {
                    double[] row = h[loc[p]];
                    for (int q = 0; q < k; q++) {
                        d[p][q] = row[loc[q]];
                    }
                    d[p][p] += lambda * Math.max(Math.abs(d[p][p]), 1e-12);
                }
                inv = Cholesky.inverse(d);
                if (inv == null) {
                    return null;
                }
                // W = D^-1 B: k x m
                wb = new double[k][m];
                for (int p = 0; p < k; p++) {
                    double[] wr = wb[p];
                    for (int q = 0; q < k; q++) {
                        double iv = inv[p][q];
                        double[] br = bb[q];
                        for (int c = 0; c < m; c++) {
                            wr[c] += iv * br[c];
                        }
                    }
                }
                for (int p = 0; p < k; p++) {
                    double[] br = bb[p];
                    double[] wr = wb[p];
                    for (int a = 0; a < m; a++) {
                        double ba = br[a];
                        if (ba == 0) {
                            continue;
                        }
                        double[] srow = s[gs[a]];
                        for (int c = a; c < m; c++) {
                            srow[gs[c]] -= ba * wr[c];
                        }
                    }
                }
            }
            dInv[bl] = inv;
            bs[bl] = bb;
            w[bl] = wb;
        }
        for (int a = 0; a < ng; a++) {
            for (int c = 0; c < a; c++) {
                s[a][c] = s[c][a];
            }
        }
        double[][] l = Cholesky.decompose(s);
        return l == null ? null : new Factors(dInv, bs, w, l);
    }

    /**
     * Solves (H + lambda diag(|H|)) d = rhs over the partitioned rows; rhs and d are indexed as h (entries
     * outside the partition are ignored and left 0). Null if not positive definite.
     */
    double[] solve(double[][] h, double[] rhs, double lambda) {
        Factors f = factor(h, lambda);
        if (f == null) {
            return null;
        }
        int ng = globals.length;
        double[] rg = new double[ng];
        for (int a = 0; a < ng; a++) {
            rg[a] = rhs[globals[a]];
        }
        double[][] zb = new double[blocks.length][];
        for (int bl = 0; bl < blocks.length; bl++) {
            int[] loc = blocks[bl];
            double[][] inv = f.dInv[bl];
            double[] z = new double[loc.length];
            for (int p = 0; p < loc.length; p++) {
                double t = 0;
                for (int q = 0; q < loc.length; q++) {
                    t += inv[p][q] * rhs[loc[q]];
                }
                z[p] = t;
            }
            zb[bl] = z;
            // r_g -= B^T z
            int[] gs = blockGlobals[bl];
            double[][] bb = f.b[bl];
            for (int p = 0; p < loc.length; p++) {
                double zp = z[p];
                double[] br = bb[p];
                for (int c = 0; c < gs.length; c++) {
                    rg[gs[c]] -= br[c] * zp;
                }
            }
        }
        double[] dg = Cholesky.substitute(f.schurL, rg);
        double[] d = new double[rhs.length];
        for (int a = 0; a < ng; a++) {
            d[globals[a]] = dg[a];
        }
        for (int bl = 0; bl < blocks.length; bl++) {
            int[] loc = blocks[bl];
            int[] gs = blockGlobals[bl];
            double[][] wb = f.w[bl];
            for (int p = 0; p < loc.length; p++) {
                double t = zb[bl][p];
                double[] wr = wb[p];
                for (int c = 0; c < gs.length; c++) {
                    t -= wr[c] * dg[gs[c]];
                }
                d[loc[p]] = t;
            }
        }
        return d;
    }

    /** Whether H is positive definite (its factorisation succeeds): no inverse is formed. */
    boolean positiveDefinite(double[][] h) {
        return factor(h, 0) != null;
    }

    /** H^-1 (dense, n x n); null if H is not positive definite. */
    double[][] inverse(double[][] h) {
        Factors f = factor(h, 0);
        if (f == null) {
            return null;
        }
        int n = h.length;
        int ng = globals.length;
        double[][] sInv = Cholesky.inverseFromFactor(f.schurL);
        double[][] inv = new double[n][n];
        for (int a = 0; a < ng; a++) {
            for (int b = 0; b < ng; b++) {
                inv[globals[a]][globals[b]] = sInv[a][b];
            }
        }
        // V = W S^-1 (rows: locals, columns: globals); H^-1_lg = -V, H^-1_ll = D^-1 + V W^T
        double[][][] v = new double[blocks.length][][];
        for (int bl = 0; bl < blocks.length; bl++) {
            int[] loc = blocks[bl];
            int[] gs = blockGlobals[bl];
            double[][] wb = f.w[bl];
            double[][] vb = new double[loc.length][ng];
            for (int p = 0; p < loc.length; p++) {
                double[] vr = vb[p];
                for (int c = 0; c < gs.length; c++) {
                    double wv = wb[p][c];
                    if (wv == 0) {
                        continue;
                    }
                    double[] sr = sInv[gs[c]];
                    for (int g = 0; g < ng; g++) {
                        vr[g] += wv * sr[g];
                    }
                }
                double[] out = inv[loc[p]];
                for (int g = 0; g < ng; g++) {
                    out[globals[g]] = -vr[g];
                    inv[globals[g]][loc[p]] = -vr[g];
                }
            }
            v[bl] = vb;
        }
        for (int b1 = 0; b1 < blocks.length; b1++) {
            int[] loc1 = blocks[b1];
            for (int p = 0; p < loc1.length; p++) {
                double[] vr = v[b1][p];
                double[] out = inv[loc1[p]];
                for (int b2 = 0; b2 < blocks.length; b2++) {
                    int[] loc2 = blocks[b2];
                    int[] gs2 = blockGlobals[b2];
                    double[][] w2 = f.w[b2];
                    for (int q = 0; q < loc2.length; q++) {
                        double t = 0;
                        double[] wr = w2[q];
                        for (int c = 0; c < gs2.length; c++) {
                            t += vr[gs2[c]] * wr[c];
                        }
                        out[loc2[q]] = t;
                    }
                }
                double[][] dInv = f.dInv[b1];
                for (int q = 0; q < loc1.length; q++) {
                    out[loc1[q]] += dInv[p][q];
                }
            }
        }
        return inv;
    }
}
