package io.incident.views.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.incident.model.Clock;
import io.incident.model.ClockKind;
import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.journal.JournalArgs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a collapsed source keeps: a rare recognised event lane first, before busier generic log lanes. */
class OverviewLanesTest {
    @Test
    void aRecognisedEventLaneIsKeptOverBusierLogLanes() {
        Source.Builder b = Source.builder(new SourceInfo("j.export", SourceKind.JOURNAL_EXPORT, 0, ""),
                ClockKind.ABSOLUTE_UTC);
        int line = b.intern("line");
        for (int unit = 0; unit < 10; unit++) {
            InstantTrack.Builder logs = InstantTrack.builder("unit " + unit, JournalArgs.LOG_GROUP);
            for (int i = 0; i < 100 + unit; i++) {
                logs.add(1_000_000_000L * i, line, 0);
            }
            b.track(logs.build());
        }
        b.track(InstantTrack.builder("unit changes", JournalArgs.EVENT_GROUP).add(5_000_000_000L, line, 0).build());
        Source s = b.build();
        List<Lane> all = new ArrayList<>();
        for (int t = 0; t < s.tracks().size(); t++) {
            all.add(new Lane(0, t, s, s.tracks().get(t), Clock.of(ClockKind.ABSOLUTE_UTC), "journal-export  j.export"));
        }
        List<String> kept = TimelineView.overviewLanes(all).stream().map(Lane::title).toList();
        assertEquals(List.of("events / unit changes", "logs / unit 7", "logs / unit 8", "logs / unit 9"), kept,
                "the one unit change first, then the three busiest log lanes, in their order");
    }

    @Test
    void anErrnoThatMeansARunOutResourceIsKeptOverARoutineOne() {
        Source.Builder b = Source.builder(new SourceInfo("s.strace", SourceKind.STRACE, 0, ""), ClockKind.ABSOLUTE_UTC);
        for (String name : List.of("open fds", "errors/s EAGAIN", "errors/s EINVAL", "errors/s EMFILE")) {
            b.track(CounterTrack.builder(name, "errors", "1/s").add(1, 1).build());
        }
        Source s = b.build();
        List<Lane> all = new ArrayList<>();
        for (int t = 0; t < s.tracks().size(); t++) {
            all.add(new Lane(0, t, s, s.tracks().get(t), Clock.of(ClockKind.ABSOLUTE_UTC), "strace  s.strace"));
        }
        assertEquals(List.of("errors / open fds", "errors / errors/s EMFILE", "errors / errors/s EAGAIN"),
                TimelineView.overviewLanes(all).stream().map(Lane::title).toList(),
                "three counters: open fds and EMFILE first, then the first of the others (EAGAIN before EINVAL)");
    }
}
