package io.incident.parsers.journal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code GODEBUG=gctrace=1} line of the Go runtime (runtime/mgc.go, gcMarkTermination):
 * {@code gc 12 @3.456s 2%: 0.018+1.2+0.024 ms clock, 0.14+0.35/1.1/2.2+0.19 ms cpu, 4->4->2 MB, 5 MB goal,
 * 0 MB stacks, 0 MB globals, 8 P} with an optional {@code (forced)}. The three clock phases are stop-the-world sweep
 * termination, concurrent mark and scan, and stop-the-world mark termination; the line is printed when the cycle ends.
 * Go before 1.18 has no stacks/globals part.
 *
 * @param heapStartMb heap size when the cycle began; {@code heapEndMb} when marking ended; {@code heapLiveMb} marked live
 */
record GcTrace(long cycle, double sinceStartSeconds, int cpuPercent, double sweepTermMs, double markMs,
               double markTermMs, String cpuPhases, long heapStartMb, long heapEndMb, long heapLiveMb, long goalMb,
               int procs, boolean forced) {
    private static final Pattern LINE = Pattern.compile(
            "gc (\\d+) @([\\d.]+)s (\\d+)%: ([\\d.]+)\\+([\\d.]+)\\+([\\d.]+) ms clock, ([\\d.+/]+) ms cpu, "
                    + "(\\d+)->(\\d+)->(\\d+) MB, (\\d+) MB goal, (?:\\d+ MB stacks, \\d+ MB globals, )?(\\d+) P"
                    + "( \\(forced\\))?\\s*");

    /** Wall-clock length of the cycle: the sum of the three clock phases, in nanoseconds. */
    long wallNanos() {
        return Math.round((sweepTermMs + markMs + markTermMs) * 1e6);
    }

    /** The trace in a message, or null; a cheap prefix test runs before the pattern. */
    static GcTrace parse(String message) {
        if (message == null || !message.startsWith("gc ") || message.indexOf(" ms clock, ") < 0) {
            return null;
        }
        Matcher m = LINE.matcher(message);
        if (!m.matches()) {
            return null;
        }
        try {
            return new GcTrace(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                    Integer.parseInt(m.group(3)), Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)),
                    Double.parseDouble(m.group(6)), m.group(7), Long.parseLong(m.group(8)),
                    Long.parseLong(m.group(9)), Long.parseLong(m.group(10)), Long.parseLong(m.group(11)),
                    Integer.parseInt(m.group(12)), m.group(13) != null);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
