package io.incident.app.session;

import io.incident.model.ClockKind;
import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.goroutine.GoroutineDump;
import io.incident.parsers.goroutine.GoroutineDumps;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The goroutine count over every dump of the case, one point per dump at the time it was placed, as one counter: a
 * leak is a count that grows from dump to dump, which no single dump shows. It is derived from the loaded sources each
 * time the timeline is rebuilt and never stored in the case, so it follows every clock change. A dump that cannot be
 * of the same process as the dumps before it (a lower highest goroutine id: a restart) starts a new series, marked by
 * a "new process" instant, so the drop is read as a restart and not as the leak healing.
 */
public final class GoroutineGrowth {
    /** The heading the timeline shows the derived lanes under. */
    public static final String TITLE = "goroutines  across all dumps";
    static final String GROUP = "all dumps";

    private GoroutineGrowth() {
    }

    /** One dump of the case with the time it was placed at, on the case's clock. */
    record Placed(LoadedSource loaded, GoroutineDump dump, long at) {
    }

    /** The derived source, its times already on the case's clock; null when the case has fewer than two dumps. */
    public static Source of(List<LoadedSource> sources) {
        List<Placed> dumps = placedDumps(sources);
        if (dumps.size() < 2) {
            return null;
        }
        Source.Builder b = Source.builder(new SourceInfo(TITLE, SourceKind.GOROUTINE_DUMP, 0, ""), ClockKind.ABSOLUTE_UTC);
        CounterTrack.Builder count = CounterTrack.builder("goroutines", GROUP, "goroutines");
        InstantTrack.Builder restarts = InstantTrack.builder("new process", GROUP);
        List<Placed> series = new ArrayList<>();
        for (Placed p : dumps) {
            if (!series.isEmpty() && !sameProcess(series, p)) {
                restarts.add(p.at(), b.intern("new process: " + p.loaded().source().info().fileName()
                        + " has lower goroutine ids than the dumps before it (a restart)"), b.args("file",
                        p.loaded().source().info().fileName()));
                series.clear();
            }
            series.add(p);
            count.add(p.at(), p.dump().goroutineCount());
        }
        b.track(count.build());
        InstantTrack marks = restarts.build();
        if (marks.size() > 0) {
            b.track(marks);
        }
        return b.summary("dumps", dumps.size()).build();
    }

    /** Whether {@code later} can be of the process every dump of the current series came from. */
    private static boolean sameProcess(List<Placed> series, Placed later) {
        for (Placed p : series) {
            if (!GoroutineDumps.maybeSameProcess(p.dump(), later.dump())) {
                return false;
            }
        }
        return true;
    }

    /** The case's goroutine dumps in the order they were taken (by placed time, then by highest goroutine id). */
    static List<Placed> placedDumps(List<LoadedSource> sources) {
        List<Placed> out = new ArrayList<>();
        for (LoadedSource s : sources) {
            if (s.record().kind() == SourceKind.GOROUTINE_DUMP) {
                long raw = s.source().minTime();
                out.add(new Placed(s, GoroutineDumps.fromSource(s.source()),
                        s.record().clock().toCase(raw == Long.MAX_VALUE ? 0 : raw)));
            }
        }
        out.sort(Comparator.comparingLong(Placed::at).thenComparingLong(p -> GoroutineDumps.maxId(p.dump())));
        return out;
    }
}
