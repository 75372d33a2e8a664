package io.incident.app.host;

/**
 * One file descriptor's life in a traced process.
 *
 * @param what     the path or endpoint it named
 * @param openedBy the call that made it ("accept4", "openat"), or "before the trace"
 * @param closedAt case time of the close, or -1 while still open at the end of the trace
 * @param closedBy the call that closed it ("close", "reuse by ..."); "" when still open
 */
public record FdRow(int pid, int fd, String what, String openedBy, long openedAt, long closedAt, String closedBy) {
    public boolean stillOpen() {
        return closedAt < 0;
    }
}
