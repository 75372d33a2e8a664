package io.incident.views.timeline;

import io.incident.model.Clock;
import io.incident.model.ClockKind;
import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.model.SpanTrack;
import java.util.ArrayList;
import java.util.List;

/** A small made-up source with known contents, for the timeline's tests. */
final class TimelineFixture {
    static final long T0 = 1_795_385_311_000_000_000L;
    static final long S = 1_000_000_000L;

    private TimelineFixture() {
    }

    /**
     * Instants at every second 0..99; spans [10k, 10k + 5) s for k = 0..9; a counter whose value is i during second
     * i (0..99).
     */
    static List<Lane> lanes() {
        Source.Builder b = Source.builder(new SourceInfo("fixture.log", SourceKind.JOURNAL_EXPORT, 0, ""),
                ClockKind.ABSOLUTE_UTC);
        int tick = b.intern("tick");
        int work = b.intern("work");
        InstantTrack.Builder ticks = InstantTrack.builder("ticks", "logs");
        CounterTrack.Builder level = CounterTrack.builder("level", "stats", "items");
        for (int i = 0; i < 100; i++) {
            ticks.add(T0 + i * S, tick, 0);
            level.add(T0 + i * S, i);
        }
        SpanTrack.Builder spans = SpanTrack.builder("work", "threads");
        for (int k = 0; k < 10; k++) {
            spans.add(T0 + 10 * k * S, T0 + (10 * k + 5) * S, work, 0);
        }
        b.track(ticks.build()).track(spans.build()).track(level.build());
        Source s = b.build();
        List<Lane> lanes = new ArrayList<>();
        for (int t = 0; t < s.tracks().size(); t++) {
            lanes.add(new Lane(0, t, s, s.tracks().get(t), Clock.of(ClockKind.ABSOLUTE_UTC), "fixture fixture.log"));
        }
        return lanes;
    }
}
