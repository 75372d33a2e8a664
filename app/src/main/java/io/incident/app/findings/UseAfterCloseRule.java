package io.incident.app.findings;

import io.incident.model.Severity;
import io.incident.model.SourceKind;
import io.incident.model.SpanTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Use after close, from what the kernel said: a call on an fd number failing with EBADF or ENOTSOCK shortly after that
 * number was closed by the process, and worse, after the number was handed out again to something else (the
 * hot-reload bug where one thread still holds a number another thread closed and the kernel reused).
 */
final class UseAfterCloseRule extends DeclaredRule {
    UseAfterCloseRule() {
        super("use-after-close", "File descriptor used after close", "an strace log with -y", SourceKind.STRACE);
    }

    @Override
    public List<Finding> evaluate(CaseData d, Thresholds t) {
        List<Finding> out = new ArrayList<>();
        for (CaseData.Src s : d.of(SourceKind.STRACE)) {
            check(s, t, out);
        }
        return out;
    }

    /** The fd-lifetime track of each process (group) of one strace source. */
    private static Map<String, Integer> fdTracks(CaseData.Src s) {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < s.tracks().size(); i++) {
            if (s.tracks().get(i) instanceof SpanTrack st && st.name().equals("fds")) {
                out.put(st.group(), i);
            }
        }
        return out;
    }

    private void check(CaseData.Src s, Thresholds t, List<Finding> out) {
        Map<String, Integer> fdTracks = fdTracks(s);
        List<Evidence> ev = new ArrayList<>();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        int count = 0;
        boolean reused = false;
        long window = (long) (t.closeReuseMillis() * 1e6);
        for (int ti = 0; ti < s.tracks().size(); ti++) {
            if (!(s.tracks().get(ti) instanceof SpanTrack st) || !st.name().startsWith("syscalls")) {
                continue;
            }
            for (int i = 0; i < st.size(); i++) {
                Map<String, String> a = s.args(st, i);
                String errno = a.get("errno");
                String fd = a.get("fd");
                if (fd == null || !("EBADF".equals(errno) || "ENOTSOCK".equals(errno))) {
                    continue;
                }
                long at = st.start(i);
                // The process's own table first; else its parent's, which a forked child inherited.
                int fi = -1;
                int closed = -1;
                List<Integer> order = new ArrayList<>();
                if (fdTracks.containsKey(st.group())) {
                    order.add(fdTracks.get(st.group()));
                }
                fdTracks.values().stream().filter(x -> !order.contains(x)).forEach(order::add);
                for (int candidate : order) {
                    closed = closedBefore(s, (SpanTrack) s.tracks().get(candidate), fd, at, window);
                    if (closed >= 0) {
                        fi = candidate;
                        break;
                    }
                }
                if (closed < 0) {
                    continue;
                }
                SpanTrack fds = (SpanTrack) s.tracks().get(fi);
                boolean again = reopened(s, fds, fd, fds.end(closed), at);
                reused |= again;
                count++;
                long c = s.caseTime(at);
                start = Math.min(start, s.caseTime(fds.end(closed)));
                end = Math.max(end, c);
                if (ev.size() < 6) {
                    ev.add(s.evidence(fi, closed, s.caseTime(fds.end(closed)), fds.group() + " fds", "fd " + fd + " ("
                            + s.label(fds.label(closed)) + ") closed"));
                    ev.add(s.evidence(ti, i, c, st.group() + " " + st.name(), s.label(st.label(i)) + " on fd " + fd
                            + " = -1 " + errno + (again ? " after the number was reused" : "")));
                }
            }
        }
        if (count > 0) {
            out.add(new Finding(id(), count + " calls on file descriptors just closed" + (reused ? ", some reused" : ""),
                    reused ? Severity.ERROR : Severity.WARNING, start, end, ev,
                    count + " system calls in " + s.file() + " failed with EBADF/ENOTSOCK on an fd number closed less "
                            + "than " + (long) t.closeReuseMillis() + " ms before." + (reused ? " In some cases the "
                            + "number had already been given to another file or socket: a thread that still holds it "
                            + "reads or writes the wrong one." : " Something still used a descriptor that was closed."),
                    "Give each descriptor one owner that closes it after every user is done (reference count or "
                            + "ownership transfer); never close a listener another goroutine or thread still accepts on."));
        }
    }

    /** The fd life of number {@code fd} that ended at most {@code window} before {@code at}; -1 if none. */
    private static int closedBefore(CaseData.Src s, SpanTrack fds, String fd, long at, long window) {
        int best = -1;
        for (int k = 0; k < fds.size(); k++) {
            long closedAt = fds.end(k);
            if (closedAt <= at && at - closedAt <= window && fd.equals(s.args(fds, k).get("fd"))
                    && "close".equals(s.args(fds, k).get("closed by"))
                    && (best < 0 || closedAt > fds.end(best))) {
                best = k;
            }
        }
        return best;
    }

    private static boolean reopened(CaseData.Src s, SpanTrack fds, String fd, long closedAt, long at) {
        for (int k = 0; k < fds.size(); k++) {
            if (fds.start(k) >= closedAt && fds.start(k) <= at && fd.equals(s.args(fds, k).get("fd"))) {
                return true;
            }
        }
        return false;
    }
}
