package org.nuisance.engine.root;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.data.TableAssembler;

/**
 * A ROOT tree as an event table: numeric scalar branches become float32 columns, fixed-size arrays
 * {@code X[k]} columns, and jagged branches are offered through simple expressions: {@code X[k]} (the
 * k-th element), {@code len(X)}, {@code max(X)}, {@code min(X)} and {@code sum(X)}. An element that does
 * not exist (an index past the end, the maximum of an empty list) is {@link EventTable#UNDEFINED}, the
 * table's marker for undefined values. Only the branches the columns need are read, basket by basket,
 * branches in parallel, straight into the float columns (nothing per event).
 */
public final class RootEventReader {

    private static final Pattern EXPR = Pattern.compile(
            "^\\s*(?:(len|max|min|sum)\\(\\s*([^()\\[\\]\\s]+)\\s*\\)|([^()\\[\\]\\s]+)(?:\\[(\\d+)\\])?)\\s*$");
    private static final int MAX_FIXED_COLUMNS = 16;

    /** One column expression: a function (or null) of a branch, with an element index (or -1). */
    record Column(String expression, String function, String branch, int index) {
    }

    private RootEventReader() {
    }

    /** Reads a tree (or the file's only tree when {@code treePath} is null) with its default columns. */
    public static EventTable read(Path file, String treePath) {
        return read(file, treePath, null);
    }

    /** Reads the given column expressions (all default columns when null). */
    public static EventTable read(Path file, String treePath, List<String> columns) {
        try (RootFile f = RootFile.open(file)) {
            RootTree t = f.tree(resolveTree(f, treePath));
            List<String> cols = columns == null ? defaultColumns(t) : columns;
            return RootFile.guard(f.source(), t.path(), () -> readColumns(f, t, cols));
        }
    }

    /** The tree path: the given one, or the only tree of the file. */
    public static String resolveTree(RootFile f, String treePath) {
        if (treePath != null && !treePath.isBlank()) {
            return treePath;
        }
        List<String> trees = f.treePaths();
        if (trees.size() == 1) {
            return trees.get(0);
        }
        throw new InputException(f.source() + ": " + (trees.isEmpty() ? "holds no TTree"
                : "holds " + trees.size() + " trees (" + String.join(", ", trees) + "); name one as FILE.root:TREE"));
    }

    /** The columns a tree offers by default: scalars, fixed-array elements, and len/first/max of jagged branches. */
    public static List<String> defaultColumns(RootTree t) {
        List<String> out = new ArrayList<>();
        for (RootBranch b : t.allBranches()) {
            if (!b.isNumeric()) {
                continue;
            }
            if (b.kind() == RootBranch.Kind.FLAT) {
                if (b.width() == 1) {
                    out.add(b.name());
                } else if (b.width() <= MAX_FIXED_COLUMNS) {
                    for (int k = 0; k < b.width(); k++) {
                        out.add(b.name() + "[" + k + "]");
                    }
                }
            } else if (b.width() == 1) {
                out.add("len(" + b.name() + ")");
                out.add(b.name() + "[0]");
                out.add("max(" + b.name() + ")");
            }
        }
        return out;
    }

    static Column parse(RootTree t, String expr) {
        Matcher m = EXPR.matcher(expr);
        if (!m.matches()) {
            throw new InputException(t.file().source() + ": " + t.path() + ": column '" + expr
                    + "' is not a branch, X[k], len(X), max(X), min(X) or sum(X)");
        }
        String fn = m.group(1);
        String branch = fn != null ? m.group(2) : m.group(3);
        int index = m.group(4) != null ? Integer.parseInt(m.group(4)) : -1;
        RootBranch b = t.branch(branch);
        b.requireReadable();
        if (!b.isNumeric()) {
            throw new InputException(t.file().source() + ": " + t.path() + "/" + branch + ": column '" + expr
                    + "' needs a numeric branch, this one is " + b.typeName());
        }
        if (fn == null && index < 0 && (b.isJagged() || b.width() > 1)) {
            throw new InputException(t.file().source() + ": " + t.path() + "/" + branch + ": holds "
                    + b.typeName() + " per entry; use " + branch + "[0], len(" + branch + ") or max(" + branch + ")");
        }
        return new Column(expr.strip(), fn, branch, index);
    }

    private static EventTable readColumns(RootFile f, RootTree t, List<String> exprs) {
        if (t.entries() > Integer.MAX_VALUE - 8) {
            throw new InputException(f.source() + ": " + t.path() + ": " + t.entries() + " entries exceed one table");
        }
        int n = (int) t.entries();
        Map<String, List<Column>> byBranch = new LinkedHashMap<>();
        List<Column> cols = new ArrayList<>();
        for (String e : exprs) {
            Column c = parse(t, e);
            cols.add(c);
            byBranch.computeIfAbsent(c.branch(), k -> new ArrayList<>()).add(c);
        }
        Map<String, float[]> data = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> branches = new ArrayList<>(byBranch.keySet());
        IntStream.range(0, branches.size()).parallel().forEach(i -> {
            RootBranch b = t.branch(branches.get(i));
            List<Column> bc = byBranch.get(b.name());
            float[][] out = new float[bc.size()][n];
            String where = f.source() + ": " + t.path() + "/" + b.name();
            RootFile.guard(f.source(), t.path() + "/" + b.name(), () -> {
                try {
                    fill(b, bc, out, n);
                } catch (InputException e) {
                    throw e.getMessage().startsWith(f.source()) ? e : new InputException(where + ": " + e.getMessage(), e);
                }
                return null;
            });
            for (int k = 0; k < bc.size(); k++) {
                data.put(bc.get(k).expression(), out[k]);
            }
        });
        TableAssembler a = new TableAssembler(f.source() + ":" + t.path());
        for (Column c : cols) {
            a.addNumeric(c.expression(), data.get(c.expression()));
        }
        return a.build();
    }

    /** Decodes one branch basket by basket straight into its float columns. */
    private static void fill(RootBranch b, List<Column> cols, float[][] out, int n) {
        BasicType type = b.type();
        int size = type.size();
        int entryBytes = b.isJagged() ? 0 : b.entryBytes();
        long entry = 0;
        for (int bi : b.basketsFor(0, n)) {
            RootBranch.Basket bk = b.basket(bi);
            if (bk.firstEntry() != entry) {
                throw new InputException("basket " + bi + " starts at entry " + bk.firstEntry() + ", expected " + entry);
            }
            byte[] d = bk.data();
            int nev = (int) Math.min(bk.nEntries(), n - entry);
            if (!b.isJagged() && (long) nev * entryBytes > bk.dataEnd()) {
                throw new InputException("basket " + bi + " holds too few bytes for its " + nev + " entries");
            }
            for (int k = 0; k < nev; k++) {
                int row = (int) entry + k;
                int s;
                int count;
                if (b.isJagged()) {
                    s = bk.offsets()[k] + b.headerBytes();
                    int e = bk.offsets()[k + 1];
                    if (s > e || e > bk.dataEnd() || (e - s) % size != 0) {
                        throw new InputException("entry " + row + " has a corrupt byte range");
                    }
                    count = (e - s) / size;
                } else {
                    s = k * entryBytes;
                    count = b.width();
                }
                for (int c = 0; c < cols.size(); c++) {
                    out[c][row] = evaluate(cols.get(c), type, d, s, count, size);
                }
            }
            entry += nev;
        }
        if (entry != n) {
            throw new InputException("baskets end at entry " + entry + " of " + n);
        }
    }

    private static float evaluate(Column c, BasicType type, byte[] d, int s, int count, int size) {
        if (c.function() == null) {
            int k = Math.max(c.index(), 0);
            return k < count ? RootBranch.asFloat(type, d, s + k * size) : EventTable.UNDEFINED;
        }
        switch (c.function()) {
            case "len" -> {
                return count;
            }
            case "sum" -> {
                double sum = 0;
                for (int k = 0; k < count; k++) {
                    sum += RootBranch.asFloat(type, d, s + k * size);
                }
                return (float) sum;
            }
            default -> {
                if (count == 0) {
                    return EventTable.UNDEFINED;
                }
                boolean max = c.function().equals("max");
                float best = RootBranch.asFloat(type, d, s);
                for (int k = 1; k < count; k++) {
                    float v = RootBranch.asFloat(type, d, s + k * size);
                    best = max ? Math.max(best, v) : Math.min(best, v);
                }
                return best;
            }
        }
    }
}
