package org.nuisance.engine.util;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.stream.IntStream;

/**
 * Runs column kernels on all cores. Work is split into a fixed number of contiguous chunks that does
 * not depend on the thread count, so per-chunk partial sums merged in chunk order give bit-identical
 * results on any machine.
 */
public final class Parallel {

    /** Chunks per kernel call: enough to balance 2-16 cores, few enough that partial results stay small. */
    public static final int CHUNKS = 16;

    private static final ForkJoinPool POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
            pool -> {
                ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setDaemon(true);
                t.setName("nuisance-kernel-" + t.getPoolIndex());
                return t;
            }, null, false);

    /** A kernel over events [from, to) that writes only to state owned by its chunk. */
    @FunctionalInterface
    public interface ChunkBody {
        void run(int chunk, int from, int to);
    }

    private Parallel() {
    }

    public static int threads() {
        return POOL.getParallelism();
    }

    /** Number of chunks {@link #forEachChunk} uses for n events. */
    public static int chunks(int n) {
        return n < 8192 ? 1 : CHUNKS;
    }

    public static int chunkStart(int n, int chunks, int chunk) {
        return (int) ((long) n * chunk / chunks);
    }

    /** Runs body on every chunk of [0, n) and returns when all have finished. */
    public static void forEachChunk(int n, ChunkBody body) {
        int chunks = chunks(n);
        if (chunks == 1) {
            body.run(0, 0, n);
            return;
        }
        Runnable all = () -> IntStream.range(0, chunks).parallel()
                .forEach(c -> body.run(c, chunkStart(n, chunks, c), chunkStart(n, chunks, c + 1)));
        if (Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == POOL) {
            all.run();
        } else {
            POOL.submit(all).join();
        }
    }
}
