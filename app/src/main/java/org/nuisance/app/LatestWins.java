package org.nuisance.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Runs interactive computations off the JavaFX thread, one at a time, latest request wins: a request
 * that a newer one supersedes before it starts is skipped, and a result that arrives after a newer
 * request is dropped instead of published. Dragging a slider therefore never queues up stale work.
 */
public final class LatestWins {

    private final ExecutorService executor;
    private final AtomicLong generation = new AtomicLong();

    public LatestWins(String name) {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Drops the request in flight and any queued one: nothing reaches onResult or onError until the next
     * submit. A computation already running finishes on the worker thread, unseen.
     */
    public void cancel() {
        generation.incrementAndGet();
    }

    /**
     * Computes in the background and hands the result to onResult on the FX thread if no newer request
     * came meanwhile; failures go to onError on the FX thread likewise.
     */
    public <R> void submit(Supplier<R> work, Consumer<R> onResult, Consumer<Throwable> onError) {
        long gen = generation.incrementAndGet();
        executor.execute(() -> {
            if (gen != generation.get()) {
                return;
            }
            try {
                R r = work.get();
                Platform.runLater(() -> {
                    if (gen == generation.get()) {
                        onResult.accept(r);
                    }
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    if (gen == generation.get()) {
                        onError.accept(e);
                    }
                });
            }
        });
    }
}
