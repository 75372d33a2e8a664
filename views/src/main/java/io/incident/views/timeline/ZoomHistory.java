package io.incident.views.timeline;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Back and forward through the views the analyst looked at. A burst of wheel zooms or key presses counts as one step:
 * a view is remembered only when the previous one was left more than {@link #SETTLE_NANOS} ago.
 */
final class ZoomHistory {
    static final long SETTLE_NANOS = 600_000_000L;
    private static final int LIMIT = 200;
    private final Deque<long[]> back = new ArrayDeque<>();
    private final Deque<long[]> forward = new ArrayDeque<>();
    private long lastChange = Long.MIN_VALUE / 2;

    /** Called before the view changes by a user action; {@code now} is System.nanoTime(). */
    void leaving(long start, long end, long now) {
        if (now - lastChange > SETTLE_NANOS) {
            back.push(new long[] {start, end});
            if (back.size() > LIMIT) {
                back.removeLast();
            }
            forward.clear();
        }
        lastChange = now;
    }

    /** A deliberate jump (fit, zoom to selection): always its own step. */
    void mark(long start, long end) {
        lastChange = Long.MIN_VALUE / 2;
        leaving(start, end, 0);
        lastChange = Long.MIN_VALUE / 2;
    }

    /** The view to go back to, remembering the current one for forward; null when there is none. */
    long[] back(long start, long end) {
        return step(back, forward, start, end);
    }

    long[] forward(long start, long end) {
        return step(forward, back, start, end);
    }

    boolean canGoBack() {
        return !back.isEmpty();
    }

    boolean canGoForward() {
        return !forward.isEmpty();
    }

    private long[] step(Deque<long[]> from, Deque<long[]> to, long start, long end) {
        if (from.isEmpty()) {
            return null;
        }
        to.push(new long[] {start, end});
        lastChange = Long.MIN_VALUE / 2;
        return from.pop();
    }
}
