package io.incident.app.host;

import io.incident.model.Clock;
import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The syscall table and the fd lifecycle of a strace {@link Source}, read from the tracks and arg keys the strace reader
 * documents ({@code "syscalls <tid>"} in group {@code "pid <tgid>"}, {@code "fds"} spans), so a reopened case without
 * the artifact shows the same table.
 */
public final class SyscallRows {
    private static final String SYSCALLS = "syscalls ";
    private static final String FDS = "fds";

    private SyscallRows() {
    }

    /** Every call of every thread, by start time. */
    public static List<SyscallRow> calls(Source source, Clock clock) {
        List<SyscallRow> out = new ArrayList<>();
        for (Track t : source.tracks()) {
            if (!t.name().startsWith(SYSCALLS)) {
                continue;
            }
            int tid = number(t.name().substring(SYSCALLS.length()));
            int pid = processOf(t);
            if (t instanceof SpanTrack s) {
                for (int i = 0; i < s.size(); i++) {
                    Map<String, String> a = source.argsOf(s.args(i));
                    long dur = a.containsKey("duration") ? s.end(i) - s.start(i) : -1;
                    out.add(row(source, clock.toCase(s.start(i)), pid, tid, s.label(i), dur, a));
                }
            } else if (t instanceof InstantTrack it) {
                for (int i = 0; i < it.size(); i++) {
                    out.add(row(source, clock.toCase(it.time(i)), pid, tid, it.label(i), -1, source.argsOf(it.args(i))));
                }
            }
        }
        out.sort(Comparator.comparingLong(SyscallRow::time));
        return out;
    }

    /** Every fd of every process, by opening time. */
    public static List<FdRow> fds(Source source, Clock clock) {
        List<FdRow> out = new ArrayList<>();
        for (Track t : source.tracks()) {
            if (!(t instanceof SpanTrack s) || !t.name().equals(FDS)) {
                continue;
            }
            int pid = processOf(t);
            for (int i = 0; i < s.size(); i++) {
                Map<String, String> a = source.argsOf(s.args(i));
                boolean open = "true".equals(a.get("open at end"));
                String openedBy = a.containsKey("opened") ? a.get("opened") : a.getOrDefault("opened by", "");
                out.add(new FdRow(pid, number(a.getOrDefault("fd", "-1")), source.label(s.label(i)), openedBy,
                        clock.toCase(s.start(i)), open ? -1 : clock.toCase(s.end(i)),
                        open ? "" : a.getOrDefault("closed by", "")));
            }
        }
        out.sort(Comparator.comparingLong(FdRow::openedAt).thenComparingInt(FdRow::fd));
        return out;
    }

    private static SyscallRow row(Source s, long time, int pid, int tid, int label, long dur, Map<String, String> a) {
        String fd = a.get("fd");
        return new SyscallRow(time, pid, tid, s.label(label), fd == null ? -1 : number(fd), a.getOrDefault("path", ""),
                a.getOrDefault("ret", ""), a.getOrDefault("errno", ""), dur, a.getOrDefault("args", ""));
    }

    /** The tgid from the track's group "pid N", 0 when unknown. */
    private static int processOf(Track t) {
        String g = t.group();
        return g != null && g.startsWith("pid ") ? number(g.substring(4)) : 0;
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
