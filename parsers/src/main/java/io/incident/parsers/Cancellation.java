package io.incident.parsers;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A flag the import pipeline sets and readers poll between records. */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws {@link CancellationException} once cancelled; readers call it every few thousand records. */
    public void check() {
        if (cancelled.get()) {
            throw new CancellationException("import cancelled");
        }
    }
}
