package org.nuisance.engine.stats.xml;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.nuisance.engine.data.InputException;
import org.nuisance.engine.root.RootFile;
import org.nuisance.engine.root.RootHistogram;

/** Histograms from ROOT files under a base directory, through the engine's ROOT reader; files stay open. */
public final class RootHistogramSource implements HistogramSource, AutoCloseable {

    private final Path baseDir;
    private final Map<Path, RootFile> open = new HashMap<>();

    public RootHistogramSource(Path baseDir) {
        this.baseDir = baseDir;
    }

    @Override
    public Histogram read(String file, String path, String name) {
        Path p = baseDir.resolve(file).normalize();
        RootFile f = open.computeIfAbsent(p, RootFile::open);
        String folder = path == null ? "" : path.replaceAll("^/+|/+$", "");
        String full = folder.isEmpty() ? name : folder + "/" + name;
        RootHistogram h;
        if (f.key(name) != null) {
            h = f.histogram(name);
        } else if (f.key(full) != null) {
            h = f.histogram(full);
        } else {
            throw new InputException(p + ": no histogram '" + name + "'" + (folder.isEmpty() ? "" : " or '" + full + "'"));
        }
        if (h.dimension() != 1) {
            throw new InputException(p + ": " + full + ": is a " + h.dimension() + "-D histogram, HistFactory needs a TH1");
        }
        int n = h.xAxis().nbins();
        double[] contents = new double[n];
        double[] errors = new double[n];
        boolean weighted = h.sumw2() != null && h.sumw2().length == n + 2;
        for (int b = 0; b < n; b++) {
            contents[b] = h.contents()[b + 1];
            errors[b] = Math.sqrt(weighted ? h.sumw2()[b + 1] : contents[b]);
        }
        return new Histogram(h.xAxis().edges(), contents, errors);
    }

    @Override
    public void close() {
        open.values().forEach(RootFile::close);
        open.clear();
    }
}
