package io.incident.app.host;

import io.incident.model.Clock;
import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.Track;
import io.incident.parsers.journal.JournalArgs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The entries of journal sources, from the per-unit log tracks and the keys {@link JournalArgs} documents. */
public final class LogRows {
    private LogRows() {
    }

    /** Whether the source has any journal log track. */
    public static boolean hasLogs(Source source) {
        return source.tracks().stream().anyMatch(JournalArgs::isLogTrack);
    }

    /** Every entry of one source, by time. */
    public static List<LogRow> of(Source source, Clock clock) {
        List<LogRow> out = new ArrayList<>();
        String name = source.info().fileName();
        for (Track t : source.tracks()) {
            if (!(t instanceof InstantTrack it) || !JournalArgs.isLogTrack(t)) {
                continue;
            }
            for (int i = 0; i < it.size(); i++) {
                Map<String, String> a = source.argsOf(it.args(i));
                out.add(new LogRow(name, clock.toCase(it.time(i)), number(a.get(JournalArgs.PRIORITY)),
                        a.getOrDefault(JournalArgs.UNIT, t.name()), a.getOrDefault(JournalArgs.IDENTIFIER, ""),
                        number(a.get(JournalArgs.PID)), a.getOrDefault(JournalArgs.BOOT, ""),
                        JournalArgs.message(source, it, i)));
            }
        }
        out.sort(Comparator.comparingLong(LogRow::time));
        return out;
    }

    /**
     * Several sources' entries merged by time (a stable sort: equal times keep the sources' order). The same journal
     * exported twice (export and JSON) is one log: an entry equal in time, unit, PID and message to one of an earlier
     * source is kept once, from the first source.
     */
    public static List<LogRow> merge(List<List<LogRow>> sources) {
        List<LogRow> all = new ArrayList<>();
        sources.forEach(all::addAll);
        all.sort(Comparator.comparingLong(LogRow::time));
        Set<SameEntry> seen = new HashSet<>();
        all.removeIf(r -> !seen.add(new SameEntry(r.time(), r.unit(), r.pid(), r.message())));
        return all;
    }

    private record SameEntry(long time, String unit, int pid, String message) {
    }

    /** Index of the first row at or after {@code time} in rows sorted by time; rows.size() when none. */
    public static int firstAtOrAfter(List<LogRow> rows, long time) {
        int lo = 0;
        int hi = rows.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rows.get(mid).time() < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int number(String s) {
        if (s == null) {
            return -1;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
