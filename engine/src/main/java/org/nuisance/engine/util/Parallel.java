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

    /**
     * Runs task numbers 0..tasks-1 on up to threads daemon threads, each taking the next number as it
     * finishes one, with state of its own: perThread is called once in each thread and returns what runs
     * a task there (a kernel is not thread-safe, so each thread gets one). With one thread the tasks run
     * in the calling thread. Stops taking tasks once cancelled answers true; a task's RuntimeException
     * is rethrown.
     */
    public static void forEachTask(int tasks, int threads, String name,
                                   java.util.function.Supplier<java.util.function.IntConsumer> perThread,
                                   java.util.function.BooleanSupplier cancelled) {
        int n = Math.max(1, Math.min(threads, tasks));
        if (n == 1) {
            java.util.function.IntConsumer task = perThread.get();
            for (int t = 0; t < tasks && !cancelled.getAsBoolean(); t++) {
                task.accept(t);
            }
            return;
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n, r -> {
            Thread th = new Thread(r, name);
            th.setDaemon(true);
            return th;
        });
        try {
            java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (int w = 0; w < n; w++) {
                futures.add(pool.submit(() -> {
                    java.util.function.IntConsumer task = perThread.get();
                    for (int t = next.getAndIncrement(); t < tasks && !cancelled.getAsBoolean(); t = next.getAndIncrement()) {
                        task.accept(t);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
