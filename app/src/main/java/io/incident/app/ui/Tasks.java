package io.incident.app.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The one way the window runs work off the JavaFX thread: parsing, import, file I/O and case writes go to a small pool;
 * results and errors come back on the JavaFX thread.
 */
public final class Tasks {
    /** Work that may fail. */
    @FunctionalInterface
    public interface Work<T> {
        T call() throws Exception;
    }

    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "workbench-worker");
                t.setDaemon(true);
                return t;
            });
    /** Case writes (notes, clock changes) in order, one at a time. */
    private static final ExecutorService WRITER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "workbench-case-writer");
        t.setDaemon(true);
        return t;
    });

    private Tasks() {
    }

    /** The worker pool, for controls that schedule their own background work. */
    public static java.util.concurrent.Executor executor() {
        return POOL;
    }

    public static <T> void run(Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        submit(POOL, work, onDone, onError);
    }

    /** Runs a case write after every earlier one. */
    public static <T> void write(Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        submit(WRITER, work, onDone, onError);
    }

    private static <T> void submit(ExecutorService ex, Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        ex.execute(() -> {
            try {
                T v = work.call();
                Platform.runLater(() -> onDone.accept(v));
            } catch (Exception | Error e) {
                Platform.runLater(() -> onError.accept(e));
            }
        });
    }

    /** Waits until every queued case write has run; used before the window closes. */
    public static void drainWrites() {
        try {
            WRITER.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("case writer failed", e.getCause());
        }
    }
}
