package io.incident.app.host;

/**
 * One syscall of a strace source, on the case's UTC timeline.
 *
 * @param time          start, case time (epoch nanoseconds)
 * @param pid           the thread group (process) id, 0 when unknown
 * @param tid           the thread that made the call
 * @param fd            the fd the call made or acted on, -1 when none
 * @param path          the fd's path or endpoint (-y/-yy), else the path argument; "" when none
 * @param ret           the return text without errno ("3", "-1", "?")
 * @param errno         "EMFILE", or "" when the call did not fail
 * @param durationNanos the -T time, -1 without -T
 * @param args          the argument text as the model keeps it
 */
public record SyscallRow(long time, int pid, int tid, String syscall, int fd, String path, String ret, String errno,
                         long durationNanos, String args) {
    /** End of the call on the case timeline (its start when it has no duration). */
    public long end() {
        return time + Math.max(0, durationNanos);
    }
}
