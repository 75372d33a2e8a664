package io.incident.app.findings;

import io.incident.model.InstantTrack;
import io.incident.model.Severity;
import io.incident.model.SourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A process that died by a signal (strace's {@code +++ killed by SIGKILL +++}), was killed by the kernel's OOM killer
 * (the journal), or came back with a new PID under the same name (the journal): the restart, and the silence between.
 */
final class ProcessDeathRule extends DeclaredRule {
    ProcessDeathRule() {
        super("process-death", "Process killed or restarted", "an strace log or a journal export", SourceKind.STRACE, SourceKind.JOURNAL_EXPORT, SourceKind.JOURNAL_JSON);
    }

    @Override
    public List<Finding> evaluate(CaseData d, Thresholds t) {
        List<Finding> out = new ArrayList<>();
        List<Restart> restarts = restarts(d);
        for (CaseData.Src s : d.of(SourceKind.STRACE)) {
            int ti = s.track("process events", null);
            if (ti < 0) {
                continue;
            }
            InstantTrack it = (InstantTrack) s.tracks().get(ti);
            List<Point> kills = new ArrayList<>();
            for (int i = 0; i < it.size(); i++) {
                String label = s.label(it.label(i));
                if (label.startsWith("killed by SIG")) {
                    long ct = s.caseTime(it.time(i));
                    kills.add(new Point(ct, s.evidence(ti, i, ct, "process events, pid "
                            + s.args(it, i).getOrDefault("pid", "?"), label)));
                }
            }
            for (List<Point> burst : Bursts.of(kills, 1)) {
                out.add(killed(burst, restarts));
            }
        }
        for (CaseData.Src s : d.of(SourceKind.JOURNAL_EXPORT, SourceKind.JOURNAL_JSON)) {
            int ti = s.track("OOM kills", null);
            if (ti >= 0 && s.tracks().get(ti) instanceof InstantTrack it) {
                for (int i = 0; i < it.size(); i++) {
                    long ct = s.caseTime(it.time(i));
                    out.add(new Finding(id(), "Killed by the kernel's OOM killer", Severity.ERROR, ct, ct,
                            List.of(s.evidence(ti, i, ct, "OOM kills", s.label(it.label(i)))),
                            "The kernel ran out of memory and killed a process: " + s.label(it.label(i)),
                            "Find what grew (heap profiles, goroutine counts, caches) and set memory limits that leave "
                                    + "room for it, or fix the growth."));
                }
            }
        }
        if (out.isEmpty()) {
            for (Restart r : restarts) {
                out.add(new Finding(id(), r.name + " restarted with a new PID", Severity.WARNING, r.lastOld, r.firstNew,
                        List.of(r.before, r.after), r.name + " logged as PID " + r.oldPid + " until "
                        + CaseData.at(r.lastOld) + ", then as PID " + r.newPid + " from " + CaseData.at(r.firstNew)
                        + ". Nothing in the case says why it stopped.",
                        "Check the supervisor's and the kernel's logs for the exit reason (signal, OOM, crash)."));
            }
        }
        return out;
    }

    private Finding killed(List<Point> burst, List<Restart> restarts) {
        long start = burst.get(0).time();
        List<Evidence> ev = new ArrayList<>(Bursts.sample(burst, 2));
        String signal = burst.get(0).evidence().text().replace("killed by ", "");
        long end = burst.get(burst.size() - 1).time();
        String restart = " No restart is visible in the case.";
        for (Restart r : restarts) {
            if (r.firstNew >= start && r.lastOld <= end + 5_000_000_000L) {
                ev.add(r.before);
                ev.add(r.after);
                end = r.firstNew;
                restart = " It came back as PID " + r.newPid + " at " + CaseData.at(r.firstNew) + ", "
                        + String.format("%.1f", (r.firstNew - start) / 1e9) + " s later; clients got no answer meanwhile"
                        + " (the last line PID " + r.oldPid + " logged was at " + CaseData.at(r.lastOld) + ").";
                break;
            }
        }
        return new Finding(id(), "Process killed by " + signal, Severity.ERROR, start, end, ev,
                "All " + burst.size() + " threads of the traced process ended with " + signal + " at "
                        + CaseData.at(start) + "." + (signal.equals("SIGKILL")
                        ? " SIGKILL cannot be caught: no shutdown ran, in-flight requests were cut and buffered logs "
                                + "lost. It comes from an operator (kill -9), a supervisor's stop timeout, or the OOM "
                                + "killer." : "") + restart,
                "Find who sent the signal (supervisor logs, kernel OOM messages, deploy tooling). Give the service a "
                        + "graceful shutdown on SIGTERM and keep SIGKILL as a last resort.");
    }

    /** A log identifier whose PID changed: the old PID's last line and the new PID's first. */
    private record Restart(String name, String oldPid, String newPid, long lastOld, long firstNew, Evidence before,
                           Evidence after) {
    }

    private static List<Restart> restarts(CaseData d) {
        List<Restart> out = new ArrayList<>();
        for (CaseData.Src s : d.of(SourceKind.JOURNAL_EXPORT, SourceKind.JOURNAL_JSON)) {
            for (int ti = 0; ti < s.tracks().size(); ti++) {
                if (!(s.tracks().get(ti) instanceof InstantTrack it) || !it.group().equals("logs")) {
                    continue;
                }
                Map<String, int[]> span = new LinkedHashMap<>();
                for (int i = 0; i < it.size(); i++) {
                    String pid = s.args(it, i).get("pid");
                    if (pid != null) {
                        int[] r = span.computeIfAbsent(pid, p -> new int[] {Integer.MAX_VALUE, -1});
                        r[0] = Math.min(r[0], i);
                        r[1] = Math.max(r[1], i);
                    }
                }
                List<Map.Entry<String, int[]>> pids = new ArrayList<>(span.entrySet());
                // Only long-lived processes count: a helper forked per line (a shell's cat) is not a service restart.
                pids.removeIf(e -> e.getValue()[1] - e.getValue()[0] < 2);
                for (int k = 1; k < pids.size(); k++) {
                    int[] a = pids.get(k - 1).getValue();
                    int[] b = pids.get(k).getValue();
                    if (b[0] > a[1]) {
                        long last = s.caseTime(it.time(a[1]));
                        long first = s.caseTime(it.time(b[0]));
                        out.add(new Restart(it.name(), pids.get(k - 1).getKey(), pids.get(k).getKey(), last, first,
                                s.evidence(ti, a[1], last, "logs " + it.name(), s.label(it.label(a[1]))),
                                s.evidence(ti, b[0], first, "logs " + it.name(), s.label(it.label(b[0])))));
                    }
                }
            }
        }
        return out;
    }
}
