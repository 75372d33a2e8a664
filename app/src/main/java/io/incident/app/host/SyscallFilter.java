package io.incident.app.host;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the syscall table shows, as typed in its filter fields. Empty fields match everything.
 *
 * @param pid         a process or thread id, -1 for any
 * @param syscalls    syscall names (exact), empty for any
 * @param errno       an errno name (any case), {@link #ANY_ERROR} for every failed call, "" for any call
 * @param fd          a file descriptor, -1 for any
 * @param minDuration shortest -T duration shown, nanoseconds; 0 for any (calls without -T then still show)
 */
public record SyscallFilter(int pid, Set<String> syscalls, String errno, int fd, long minDuration)
        implements Predicate<SyscallRow> {
    /** The errno value that matches every call that set one. */
    public static final String ANY_ERROR = "any error";
    public static final SyscallFilter ALL = new SyscallFilter(-1, Set.of(), "", -1, 0);

    public SyscallFilter {
        syscalls = Set.copyOf(syscalls);
        errno = errno.strip();
    }

    /**
     * Reads the filter fields: pid and fd as integers, syscalls as a comma- or space-separated list, the minimum
     * duration in milliseconds (fractions allowed). Throws IllegalArgumentException naming the field that is not valid.
     */
    public static SyscallFilter parse(String pid, String syscalls, String errno, String fd, String minMillis) {
        double ms = decimal("min duration (ms)", minMillis);
        if (ms < 0) {
            throw new IllegalArgumentException("min duration (ms): must not be negative");
        }
        String names = syscalls == null ? "" : syscalls.strip();
        return new SyscallFilter(integer("pid", pid), names.isEmpty() ? Set.of() : Set.of(names.split("[,\\s]+")),
                errno == null ? "" : errno, integer("fd", fd), Math.round(ms * 1_000_000));
    }

    @Override
    public boolean test(SyscallRow r) {
        if (pid >= 0 && r.pid() != pid && r.tid() != pid) {
            return false;
        }
        if (!syscalls.isEmpty() && !syscalls.contains(r.syscall())) {
            return false;
        }
        if (!errno.isEmpty() && !(errno.equals(ANY_ERROR) ? !r.errno().isEmpty() : r.errno().equalsIgnoreCase(errno))) {
            return false;
        }
        if (fd >= 0 && r.fd() != fd) {
            return false;
        }
        return minDuration <= 0 || r.durationNanos() >= minDuration;
    }

    private static int integer(String field, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return -1;
        }
        try {
            int v = Integer.parseInt(t);
            if (v < 0) {
                throw new IllegalArgumentException(field + ": must not be negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": not a whole number: " + t);
        }
    }

    private static double decimal(String field, String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return 0;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": not a number: " + t);
        }
    }
}
