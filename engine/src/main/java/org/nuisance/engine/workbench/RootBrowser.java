package org.nuisance.engine.workbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.data.EventTable;
import org.nuisance.engine.root.RootBranch;
import org.nuisance.engine.root.RootEventReader;
import org.nuisance.engine.root.RootFile;
import org.nuisance.engine.root.RootHistogram;
import org.nuisance.engine.root.RootKey;
import org.nuisance.engine.root.RootTree;

/**
 * What a window needs to browse a ROOT file: its directories, trees (branches with types and entries) and
 * histograms as a tree of small records; a histogram to draw; one branch expression to histogram.
 * Errors are {@link org.nuisance.engine.data.InputException}s with one-line messages, to show as they are.
 */
public final class RootBrowser {

    /** A node of the file's contents. */
    public sealed interface Node permits Directory, Tree, Histogram, Other {
        String path();

        String name();
    }

    /** A TDirectory and what it holds, in stored order. */
    public record Directory(String path, String name, List<Node> children) implements Node {
    }

    /** A TTree with its entries and branches (depth first). */
    public record Tree(String path, String name, String className, long entries, List<Branch> branches) implements Node {
    }

    /**
     * One branch: its C++-like type, and whether it can be histogrammed (numeric) or read at all.
     *
     * @param columns the column expressions a window may offer for it ("X", "X[0]", "len(X)", "max(X)")
     */
    public record Branch(String name, String type, long entries, boolean numeric, boolean readable,
                         List<String> columns) {
    }

    /** A TH1/TH2/TProfile. */
    public record Histogram(String path, String name, String className, String title) implements Node {
    }

    /** Any other object (listed, not opened). */
    public record Other(String path, String name, String className) implements Node {
    }

    private RootBrowser() {
    }

    /** The file's contents as a tree of nodes; the root node has path "". */
    public static Directory browse(Path file) {
        try (RootFile f = RootFile.open(file)) {
            return directory(f, "", file.getFileName() == null ? file.toString() : file.getFileName().toString());
        }
    }

    private static Directory directory(RootFile f, String path, String name) {
        List<Node> children = new ArrayList<>();
        for (RootKey k : f.directory(path).latestKeys()) {
            String cls = k.className();
            if (k.isDirectory()) {
                children.add(directory(f, k.path(), k.name()));
            } else if (cls.equals("TTree") || cls.startsWith("TNtuple")) {
                RootTree t = f.tree(k.path());
                List<Branch> bs = new ArrayList<>();
                for (RootBranch b : t.allBranches()) {
                    List<String> cols = new ArrayList<>();
                    if (b.isNumeric()) {
                        if (b.isJagged()) {
                            cols.addAll(List.of(b.name() + "[0]", "len(" + b.name() + ")", "max(" + b.name() + ")"));
                        } else if (b.width() == 1) {
                            cols.add(b.name());
                        } else {
                            cols.add(b.name() + "[0]");
                        }
                    }
                    bs.add(new Branch(b.name(), b.typeName(), b.entries(), b.isNumeric(),
                            b.kind() != RootBranch.Kind.UNSUPPORTED && b.kind() != RootBranch.Kind.CONTAINER,
                            List.copyOf(cols)));
                }
                children.add(new Tree(k.path(), k.name(), cls, t.entries(), List.copyOf(bs)));
            } else if (cls.startsWith("TH1") || cls.startsWith("TH2") || cls.equals("TProfile")) {
                children.add(new Histogram(k.path(), k.name(), cls, k.title()));
            } else {
                children.add(new Other(k.path(), k.name(), cls));
            }
        }
        return new Directory(path, name, List.copyOf(children));
    }

    /** The histogram at a path, to draw. */
    public static RootHistogram histogram(Path file, String path) {
        try (RootFile f = RootFile.open(file)) {
            return f.histogram(path);
        }
    }

    /** One column expression of a tree ("X", "X[k]", "len(X)", "max(X)", ...) as float32 values, to histogram. */
    public static float[] column(Path file, String treePath, String expression) {
        EventTable t = RootEventReader.read(file, treePath, List.of(expression));
        return t.column(expression);
    }
}
