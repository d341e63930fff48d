package org.nuisance.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.root.BranchArray;
import org.nuisance.engine.root.RootBranch;
import org.nuisance.engine.root.RootFile;
import org.nuisance.engine.root.RootHistogram;
import org.nuisance.engine.root.RootKey;
import org.nuisance.engine.root.RootTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code root ls|read|hist}: what a ROOT file holds, branch values and histograms, as text or JSON. */
@Command(name = "root", mixinStandardHelpOptions = true,
        description = "Read ROOT files: list keys, read tree branches, read histograms.",
        subcommands = {RootCommand.Ls.class, RootCommand.Read.class, RootCommand.Hist.class})
final class RootCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static void printJson(PrintWriter out, Object value) {
        try {
            out.println(new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    /** {@code root ls FILE [--json]}: every key with its path, class and cycle; trees with entries and branches. */
    @Command(name = "ls", mixinStandardHelpOptions = true,
            description = "Every key (path, class, cycle); for trees their entries and branches with types.")
    static final class Ls implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "ROOT file.")
        Path file;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (RootFile f = RootFile.open(file)) {
                List<Map<String, Object>> keys = new ArrayList<>();
                for (RootKey k : f.allKeys()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("path", k.path());
                    m.put("class", k.className());
                    m.put("cycle", k.cycle());
                    m.put("title", k.title());
                    boolean latest = f.key(k.path()) == k;
                    if (latest && (k.className().equals("TTree") || k.className().startsWith("TNtuple"))) {
                        RootTree t = f.tree(k.path());
                        m.put("entries", t.entries());
                        List<Map<String, Object>> bs = new ArrayList<>();
                        for (RootBranch b : t.allBranches()) {
                            Map<String, Object> bm = new LinkedHashMap<>();
                            bm.put("name", b.name());
                            bm.put("type", b.typeName());
                            bm.put("entries", b.entries());
                            bm.put("baskets", b.basketCount());
                            if (b.unsupportedReason() != null) {
                                bm.put("unsupported", b.unsupportedReason());
                            }
                            bs.add(bm);
                        }
                        m.put("branches", bs);
                    }
                    keys.add(m);
                }
                if (json) {
                    Map<String, Object> root = new LinkedHashMap<>();
                    root.put("file", file.toString());
                    root.put("version", f.header().version());
                    root.put("compression", f.header().algorithmName() + "(" + f.header().level() + ")");
                    root.put("keys", keys);
                    printJson(out, root);
                    return 0;
                }
                for (Map<String, Object> m : keys) {
                    out.printf("%s;%s  %s%s%n", m.get("path"), m.get("cycle"), m.get("class"),
                            m.containsKey("entries") ? "  (" + m.get("entries") + " entries)" : "");
                    if (m.get("branches") instanceof List<?> bs) {
                        for (Object o : bs) {
                            Map<?, ?> b = (Map<?, ?>) o;
                            out.printf("    %-30s %s%n", b.get("name"), b.get("type"));
                        }
                    }
                }
                out.flush();
            }
            return 0;
        }
    }

    /** Parses "START:STOP" with either side optional and negatives counted from the end. */
    static Long[] parseRange(String s) {
        if (s == null || s.isBlank()) {
            return new Long[] {null, null};
        }
        int c = s.indexOf(':');
        if (c < 0) {
            throw new InputException("--entries: expected START:STOP, got '" + s + "'");
        }
        try {
            String a = s.substring(0, c).strip();
            String b = s.substring(c + 1).strip();
            return new Long[] {a.isEmpty() ? null : Long.parseLong(a), b.isEmpty() ? null : Long.parseLong(b)};
        } catch (NumberFormatException e) {
            throw new InputException("--entries: expected integers START:STOP, got '" + s + "'");
        }
    }

    /** {@code root read FILE --tree PATH --branches a,b [--entries START:STOP] --json}. */
    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "Values of branches of a tree; jagged branches as nested arrays.")
    static final class Read implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "ROOT file.")
        Path file;

        @Option(names = "--tree", required = true, paramLabel = "PATH", description = "Tree path (e.g. events or dir/tree).")
        String tree;

        @Option(names = "--branches", required = true, split = ",", paramLabel = "a,b,...", description = "Branch names.")
        List<String> branches;

        @Option(names = "--entries", paramLabel = "START:STOP",
                description = "Half-open entry range; negative values count from the end (default: all).")
        String entries;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Long[] r = parseRange(entries);
            try (RootFile f = RootFile.open(file)) {
                RootTree t = f.tree(tree);
                long[] range = t.range(r[0], r[1]);
                Map<String, BranchArray> data = t.read(branches, range[0], range[1]);
                Map<String, Object> values = new LinkedHashMap<>();
                data.forEach((k, v) -> values.put(k, v.toList()));
                if (json) {
                    Map<String, Object> root = new LinkedHashMap<>();
                    root.put("file", file.toString());
                    root.put("tree", t.path());
                    root.put("entry_start", range[0]);
                    root.put("entry_stop", range[1]);
                    root.put("branches", values);
                    printJson(out, root);
                    return 0;
                }
                out.println("entry\t" + String.join("\t", data.keySet()));
                for (int i = 0; i < range[1] - range[0]; i++) {
                    StringBuilder sb = new StringBuilder().append(range[0] + i);
                    for (BranchArray a : data.values()) {
                        sb.append('\t').append(a.entry(i));
                    }
                    out.println(sb);
                }
                out.flush();
            }
            return 0;
        }
    }

    /** {@code root hist FILE --name PATH --json}: edges, contents with flow, sumw2 and titles. */
    @Command(name = "hist", mixinStandardHelpOptions = true,
            description = "A TH1/TH2/TProfile: edges, contents (under/overflow first and last), sumw2, title.")
    static final class Hist implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "ROOT file.")
        Path file;

        @Option(names = "--name", required = true, paramLabel = "PATH", description = "Histogram path.")
        String name;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (RootFile f = RootFile.open(file)) {
                RootHistogram h = f.histogram(name);
                Map<String, Object> m = histogramJson(h);
                if (json) {
                    printJson(out, m);
                    return 0;
                }
                out.printf("%s %s \"%s\"%n", h.className(), h.name(), h.title());
                out.printf("x: %d bins on [%s, %s]%n", h.xAxis().nbins(), h.xAxis().xmin(), h.xAxis().xmax());
                if (h.dimension() == 2) {
                    out.printf("y: %d bins on [%s, %s]%n", h.yAxis().nbins(), h.yAxis().xmin(), h.yAxis().xmax());
                }
                out.println("contents (with flow): " + Arrays.toString(h.contents()));
                out.flush();
            }
            return 0;
        }
    }

    static Map<String, Object> histogramJson(RootHistogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class", h.className());
        m.put("name", h.name());
        m.put("title", h.title());
        m.put("x_title", h.xAxis().title());
        if (h.dimension() == 2) {
            m.put("y_title", h.yAxis().title());
            m.put("edges_x", h.xAxis().edges());
            m.put("edges_y", h.yAxis().edges());
            m.put("contents", h.contentsMatrix());
            if (h.sumw2().length > 0) {
                int nx = h.xAxis().nbins() + 2;
                int ny = h.yAxis().nbins() + 2;
                double[][] s = new double[nx][ny];
                for (int iy = 0; iy < ny; iy++) {
                    for (int ix = 0; ix < nx; ix++) {
                        s[ix][iy] = h.sumw2()[ix + nx * iy];
                    }
                }
                m.put("sumw2", s);
            } else {
                m.put("sumw2", null);
            }
        } else {
            m.put("edges", h.xAxis().edges());
            if (h.className().equals("TProfile")) {
                m.put("contents", h.profileMeans());
                m.put("errors", h.profileErrors());
                m.put("sum_wy", h.contents());
                m.put("bin_entries", h.binEntries());
            } else {
                m.put("contents", h.contents());
            }
            m.put("sumw2", h.sumw2().length > 0 ? h.sumw2() : null);
        }
        m.put("entries", h.entries());
        if (!h.labels().isEmpty()) {
            List<String> labels = new ArrayList<>();
            h.labels().forEach(l -> labels.add(l.text()));
            m.put("labels", labels);
        }
        return m;
    }
}
