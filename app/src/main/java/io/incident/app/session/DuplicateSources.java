package io.incident.app.session;

import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.model.Track;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sources whose events are another source's over again: the same journal exported as {@code export} and as JSON, the
 * same capture saved as pcap and as pcapng. Told from the data alone (never from file names): the same family of
 * format, the same number of events, and the same tracks, each with the same number of events over the same time
 * range. Times are compared to the microsecond, the coarsest resolution of the formats that say the same thing twice
 * (pcap's µs against pcapng's ns, journal export's µs against JSON's).
 */
public final class DuplicateSources {
    private static final long RESOLUTION_NANOS = 1_000;

    private DuplicateSources() {
    }

    /**
     * Each duplicate, mapped to the earlier source (in {@code sources}' order) it repeats; sources that repeat nothing
     * are absent. The first of a set of copies is the original.
     */
    public static Map<LoadedSource, LoadedSource> of(List<LoadedSource> sources) {
        Map<LoadedSource, LoadedSource> out = new LinkedHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            LoadedSource later = sources.get(i);
            for (int j = 0; j < i; j++) {
                LoadedSource earlier = sources.get(j);
                if (!out.containsKey(earlier) && same(earlier, later)) {
                    out.put(later, earlier);
                    break;
                }
            }
        }
        return out;
    }

    static boolean same(LoadedSource a, LoadedSource b) {
        Source x = a.source();
        Source y = b.source();
        if (family(a.record().kind()) != family(b.record().kind()) || x.eventCount() == 0
                || x.eventCount() != y.eventCount() || x.tracks().size() != y.tracks().size()) {
            return false;
        }
        for (int i = 0; i < x.tracks().size(); i++) {
            if (!sameTrack(x.tracks().get(i), y.tracks().get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameTrack(Track s, Track t) {
        return s.getClass() == t.getClass() && s.name().equals(t.name()) && s.group().equals(t.group())
                && s.size() == t.size() && sameTime(s.minTime(), t.minTime()) && sameTime(s.maxTime(), t.maxTime());
    }

    private static boolean sameTime(long a, long b) {
        return a / RESOLUTION_NANOS == b / RESOLUTION_NANOS;
    }

    /** Formats that hold the same kind of record, so one can be the other saved differently. */
    private static SourceKind family(SourceKind k) {
        return switch (k) {
            case JOURNAL_JSON -> SourceKind.JOURNAL_EXPORT;
            case PCAPNG -> SourceKind.PCAP;
            default -> k;
        };
    }
}
