package io.incident.parsers.jfr;

/**
 * One event as {@link ChunkReducer} reads it, whichever parser decoded it: the JDK's {@code jdk.jfr.consumer} objects
 * ({@link RecordedEventView}) or our own chunk parser ({@link DirectEvent}). Both must answer alike, field by field, so
 * the model does not depend on the path an event took.
 */
interface JfrEvent {
    long startNanos();

    long endNanos();

    /** A field as text, or null when the event has no such field: class names for classes, names for threads. */
    String text(String field);

    /** A timespan field as {@link ChunkReducer#millis} text, null when absent or "none". */
    String millis(String field);

    /** An integral field the way {@code RecordedObject.getLong} reads it (unsigned fields widened unsigned). */
    long getLong(String field);

    double getDouble(String field);

    /** A thread field, or null when the type has no such field or it holds no thread. */
    JfrThread thread(String field);

    /** The thread that wrote the event, or null. */
    JfrThread eventThread();

    /** The event's stack trace interned into {@code stacks}: its leaf call site, 0 when it has none. */
    int stack(StackInterner stacks);

    /** Slots of a type's memo of recent events; a power of two, as slots are picked by a hash's low bits. */
    int MEMO_SLOTS = 64;

    /**
     * Where this event's field values (all but its times) would sit in a small memo of its type's recent events:
     * {@code slot} when the memo's event there had exactly the same values, {@code -(slot + 2)} when it did not (the
     * caller maps the event and then calls {@link #remember}), -1 when the parser keeps no memo.
     */
    default int memo() {
        return -1;
    }

    /** Makes this event's values the memo's at {@code slot}, after the caller mapped it. */
    default void remember(int slot) {
    }
}
