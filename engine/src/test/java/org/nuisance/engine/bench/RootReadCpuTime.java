package org.nuisance.engine.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.nuisance.engine.SharedData;
import org.nuisance.engine.root.RootBenchAccess;
import org.nuisance.engine.root.RootBranch;
import org.nuisance.engine.root.RootFile;

/**
 * Companion of {@link RootReadNumericBranchesBenchmark} for a loaded machine: the same work, timed by the
 * thread's CPU time instead of the wall clock, so the figure is MB decompressed per CPU-second (per core)
 * whatever else runs. Run: java -cp (test classpath) org.nuisance.engine.bench.RootReadCpuTime [seconds]
 */
public final class RootReadCpuTime {

    private RootReadCpuTime() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String[] files = {"uproot-Zmumu-uncompressed.root", "uproot-Zmumu.root", "uproot-Zmumu-lzma.root",
            "uproot-Zmumu-lz4.root", "uproot-Zmumu-zstd.root", "uproot-HZZ-uncompressed.root", "uproot-HZZ.root",
            "uproot-HZZ-lzma.root", "uproot-HZZ-lz4.root", "uproot-HZZ-zstd.root"};
        System.out.printf("%-32s %14s %16s %16s%n", "file", "read MB/cpu-s", "decomp MB/cpu-s", "decode overhead");
        for (int pass = 0; pass < 2; pass++) {
            // pass 0 only warms up the JIT on every file
            measure(mx, pass == 0 ? 0.3 : seconds, files, pass == 1);
        }
    }

    private static void measure(ThreadMXBean mx, double seconds, String[] files, boolean print) {
        for (String name : files) {
            try (RootFile f = RootFile.open(SharedData.root().resolve("data/root/" + name))) {
                List<RootBranch> bs = new ArrayList<>();
                for (RootBranch b : f.tree("events").allBranches()) {
                    if (b.isNumeric()) {
                        bs.add(b);
                    }
                }
                long bytes = RootBenchAccess.decompressAll(bs);
                double read = rate(mx, seconds, bytes, () -> {
                    for (RootBranch b : bs) {
                        b.read(0, b.entries());
                    }
                });
                double dec = rate(mx, seconds, bytes, () -> RootBenchAccess.decompressAll(bs));
                if (print) {
                    System.out.printf("%-32s %14.0f %16.0f %15.0f%%%n", name, read, dec, 100 * (dec / read - 1));
                }
            }
        }
    }

    private static double rate(ThreadMXBean mx, double seconds, long bytes, Runnable op) {
        for (int i = 0; i < 5; i++) {
            op.run();
        }
        long cpu0 = mx.getCurrentThreadCpuTime();
        long n = 0;
        while (mx.getCurrentThreadCpuTime() - cpu0 < seconds * 1e9) {
            op.run();
            n++;
        }
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        return n * bytes / 1e6 / cpu;
    }
}
