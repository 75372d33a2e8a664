package io.incident.parsers.strace;

import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Views over a strace {@link Source} for the UI: the per-call table, and a {@code strace -c}-like summary with latency
 * percentiles. Both read only the "syscalls" tracks and the arg keys {@link StraceReader} documents.
 */
public final class StraceStats {
    private static final String SYSCALL_TRACK = "syscalls ";

    /**
     * One row of the {@code strace -c}-like table. Latencies are in nanoseconds and zero without -T.
     *
     * @param percentTime share of all calls' time, 0..100
     */
    public record Row(String syscall, long calls, long errors, long totalNanos, double percentTime, long p50Nanos,
                      long p90Nanos, long p99Nanos, long maxNanos) {
    }

    /** One call: {@code fd} -1 and {@code errno} "" when it has none; {@code durationNanos} -1 without -T. */
    public record CallRow(int pid, String syscall, long start, long durationNanos, int fd, String errno, String ret) {
    }

    private StraceStats() {
    }

    /**
     * Per syscall: calls, errors (as strace -c counts them: every call that set an errno, ERESTART* included), total
     * time and p50/p90/p99/max, by total time then calls. Calls that never returned are left out, as strace -c does.
     */
    public static List<Row> of(Source source) {
        Map<String, List<Long>> durations = new HashMap<>();
        Map<String, long[]> errors = new HashMap<>();
        for (CallRow c : calls(source)) {
            if (c.ret().equals("?") && c.errno().isEmpty()) {
                // Never returned (exit, exit_group, a call cut by a kill): strace -c does not count these either.
                continue;
            }
            durations.computeIfAbsent(c.syscall(), k -> new ArrayList<>()).add(Math.max(0, c.durationNanos()));
            long[] e = errors.computeIfAbsent(c.syscall(), k -> new long[1]);
            if (!c.errno().isEmpty()) {
                e[0]++;
            }
        }
        long grand = 0;
        for (List<Long> d : durations.values()) {
            for (long v : d) {
                grand += v;
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, List<Long>> en : durations.entrySet()) {
            long[] d = en.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            long sum = Arrays.stream(d).sum();
            rows.add(new Row(en.getKey(), d.length, errors.get(en.getKey())[0], sum,
                    grand == 0 ? 0 : 100.0 * sum / grand, percentile(d, 50), percentile(d, 90), percentile(d, 99),
                    d[d.length - 1]));
        }
        rows.sort(Comparator.comparingLong(Row::totalNanos).reversed()
                .thenComparing(Comparator.comparingLong(Row::calls).reversed())
                .thenComparing(Row::syscall));
        return rows;
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** Every call of every thread, in track order (by thread, then start). */
    public static List<CallRow> calls(Source source) {
        List<CallRow> out = new ArrayList<>();
        for (Track t : source.tracks()) {
            if (!t.name().startsWith(SYSCALL_TRACK)) {
                continue;
            }
            String tid = t.name().substring(SYSCALL_TRACK.length());
            int pid = tid.equals("?") ? 0 : Integer.parseInt(tid);
            if (t instanceof SpanTrack s) {
                for (int i = 0; i < s.size(); i++) {
                    Map<String, String> a = source.argsOf(s.args(i));
                    long dur = a.containsKey("duration") ? s.end(i) - s.start(i) : -1;
                    out.add(row(source, pid, s.label(i), s.start(i), dur, a));
                }
            } else if (t instanceof InstantTrack it) {
                for (int i = 0; i < it.size(); i++) {
                    out.add(row(source, pid, it.label(i), it.time(i), -1, source.argsOf(it.args(i))));
                }
            }
        }
        return out;
    }

    private static CallRow row(Source s, int pid, int label, long start, long dur, Map<String, String> a) {
        String fd = a.get("fd");
        return new CallRow(pid, s.label(label), start, dur, fd == null ? -1 : Integer.parseInt(fd),
                a.getOrDefault("errno", ""), a.getOrDefault("ret", ""));
    }
}
