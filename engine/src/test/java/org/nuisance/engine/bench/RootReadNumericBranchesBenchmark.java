package org.nuisance.engine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nuisance.engine.SharedData;
import org.nuisance.engine.root.RootBenchAccess;
import org.nuisance.engine.root.RootBranch;
import org.nuisance.engine.root.RootFile;
import org.nuisance.engine.root.RootTree;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reads every numeric branch of the shared HZZ and Zmumu files (tree "events"), one thread, in each
 * compression. The auxiliary counter {@code decompressedBytes} gives decompressed bytes per second per
 * core; {@code readAll} decodes the values (the whole reader), {@code decompressOnly} only fetches and
 * decompresses the baskets, so their difference is the reader's own overhead. Target: ZSTD and LZ4
 * >= 100 MB/s decompressed per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RootReadNumericBranchesBenchmark {

    @Param({"uproot-Zmumu-uncompressed.root", "uproot-Zmumu.root", "uproot-Zmumu-lzma.root", "uproot-Zmumu-lz4.root",
        "uproot-Zmumu-zstd.root", "uproot-HZZ-uncompressed.root", "uproot-HZZ.root", "uproot-HZZ-lzma.root",
        "uproot-HZZ-lz4.root", "uproot-HZZ-zstd.root"})
    public String file;

    RootFile root;
    List<RootBranch> branches;
    long bytesPerRead;

    /** Decompressed bytes handled, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long decompressedBytes;

        @Setup(Level.Iteration)
        public void reset() {
            decompressedBytes = 0;
        }
    }

    @Setup
    public void open() {
        root = RootFile.open(SharedData.root().resolve("data/root/" + file));
        RootTree t = root.tree("events");
        branches = new ArrayList<>();
        for (RootBranch b : t.allBranches()) {
            if (b.isNumeric()) {
                branches.add(b);
            }
        }
        bytesPerRead = RootBenchAccess.decompressAll(branches);
    }

    @TearDown
    public void close() {
        root.close();
    }

    @Benchmark
    public long readAll(Bytes bytes) {
        long n = 0;
        for (RootBranch b : branches) {
            n += b.read(0, b.entries()).offsets()[(int) b.entries()];
        }
        bytes.decompressedBytes += bytesPerRead;
        return n;
    }

    @Benchmark
    public long decompressOnly(Bytes bytes) {
        long n = RootBenchAccess.decompressAll(branches);
        bytes.decompressedBytes += n;
        return n;
    }
}
