package org.nuisance.engine.root;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nuisance.engine.data.EventTable;

/**
 * Memory while reading a tree as an event table: every byte allocated by the read (all threads, the
 * parallel branch readers included, measured with com.sun.management.ThreadMXBean) is bounded by 4 bytes
 * per value of the float32 columns, plus each basket once (its compressed record and its decompressed
 * bytes, read one at a time per branch and dropped after use), plus the entry-offset table of a jagged
 * branch's baskets as int[] (4 bytes per entry), plus the metadata (header, keys, streamer infos, TTree and
 * branches: measured by opening the file and resolving the same columns), plus a stated 256 KiB. Nothing
 * else is allocated per event or per value. The sizes of the baskets come from the file itself
 * (fBasketBytes, and the decompressed length of each basket). These files are small (46k-237k values),
 * so the metadata weighs more here than it would in a large file.
 */
class RootReadMemoryTest {

    /** Stated slack: small per-branch and per-basket objects (records, lists, the table's maps). */
    private static final long SLACK = 256L << 10;

    private static long allocatedByAllThreads() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long b : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) {
            sum += Math.max(b, 0);
        }
        return sum;
    }

    @ParameterizedTest
    @ValueSource(strings = {"uproot-Zmumu-zstd.root", "uproot-Zmumu-lz4.root", "uproot-HZZ-zstd.root",
        "uproot-HZZ-lz4.root", "uproot-HZZ.root"})
    void readingATreeAllocatesFourBytesPerValuePlusEachBasketOnce(String name) {
        Path file = RootFacts.file(name);
        long baskets = 0;
        int jagged = 0;
        try (RootFile f = RootFile.open(file)) {
            RootTree t = f.tree("events");
            List<RootBranch> bs = new ArrayList<>();
            for (String c : RootEventReader.defaultColumns(t)) {
                String branch = c.replaceAll("^(len|max|min|sum)\\((.*)\\)$", "$2").replaceAll("\\[\\d+\\]$", "");
                RootBranch b = t.branch(branch);
                if (!bs.contains(b)) {
                    bs.add(b);
                }
            }
            for (RootBranch b : bs) {
                jagged += b.isJagged() ? 1 : 0;
                for (int bytes : b.basketBytes()) {
                    baskets += bytes;
                }
            }
            baskets += RootBenchAccess.decompressAll(bs);
        }
        // a first read loads the classes, compiles the hot loops and starts the parallel workers
        RootEventReader.read(file, "events");
        long before = allocatedByAllThreads();
        EventTable table = RootEventReader.read(file, "events");
        long allocated = allocatedByAllThreads() - before;
        long values = (long) table.rows() * table.numericColumns().size();
        long m0 = allocatedByAllThreads();
        try (RootFile f = RootFile.open(file)) {
            RootTree t = f.tree("events");
            for (String c : RootEventReader.defaultColumns(t)) {
                RootEventReader.parse(t, c);
            }
        }
        long metadata = allocatedByAllThreads() - m0;
        long bound = 4 * values + baskets + 4L * table.rows() * jagged + metadata + SLACK;
        System.out.printf(java.util.Locale.ROOT, "%s: %,d values, %,d basket bytes, %d jagged branches, metadata %,d;"
                        + " allocated %,d bytes, %,d beyond the values and baskets; bound %,d%n", name, values, baskets,
                jagged, metadata, allocated, allocated - 4 * values - baskets, bound);
        assertTrue(allocated <= bound, name + ": allocated " + allocated + " bytes, bound " + bound);
    }
}
