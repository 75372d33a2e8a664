package io.incident.views.timeline;

import io.incident.model.Clock;
import io.incident.model.CounterBlocks;
import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.SampleTrack;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.model.Track;

/**
 * One row of the timeline: a track of a source, placed on the case's clock. Spans keep a running maximum of their ends
 * so the first span still open at a time is found by binary search, not by a scan.
 *
 * @param sourceIndex position of the source in the case, for event references
 * @param trackIndex  position of the track in its source
 */
public final class Lane {
    private final int sourceIndex;
    private final int trackIndex;
    private final Source source;
    private final Track track;
    private final Clock clock;
    private final String sourceTitle;

    public Lane(int sourceIndex, int trackIndex, Source source, Track track, Clock clock, String sourceTitle) {
        this.sourceIndex = sourceIndex;
        this.trackIndex = trackIndex;
        this.source = source;
        this.track = track;
        this.clock = clock;
        this.sourceTitle = sourceTitle;
    }

    public int sourceIndex() {
        return sourceIndex;
    }

    public int trackIndex() {
        return trackIndex;
    }

    public Source source() {
        return source;
    }

    public Track track() {
        return track;
    }

    public Clock clock() {
        return clock;
    }

    public String sourceTitle() {
        return sourceTitle;
    }

    public String title() {
        return track.group().isEmpty() ? track.name() : track.group() + " / " + track.name();
    }

    /** Whether this lane has anything to draw on a time axis (untimed samples belong to the flame graph only). */
    public boolean isTimed() {
        return track.minTime() <= track.maxTime();
    }

    /** Height in pixels this lane wants. */
    public double preferredHeight() {
        if (track instanceof SpanTrack st) {
            return 8 + 12 * Math.min(st.maxDepth() + 1, 4);
        }
        if (track instanceof CounterTrack) {
            return 44;
        }
        if (track instanceof SampleTrack) {
            return 26;
        }
        return 20;
    }

    /** First span index whose end is at or after {@code rawTime}; spans before it cannot reach that time. */
    int firstSpanEndingAtOrAfter(long rawTime) {
        return ((SpanTrack) track).indexEndingAtOrAfter(rawTime);
    }

    /** The counter's min/max summary, built with the track at import, not here. */
    CounterBlocks counterBlocks() {
        return ((CounterTrack) track).blocks();
    }

    /**
     * Adds this lane's event count per pixel of {@code counts}, which spans the case times {@code [lo, hi]}: two binary
     * searches per pixel, whatever the number of events.
     */
    void addCounts(long lo, long hi, double[] counts) {
        int prev = -1;
        for (int px = 0; px <= counts.length; px++) {
            long raw = clock.toRaw(lo + (long) ((hi - lo) * (px / (double) counts.length)));
            int at = track instanceof InstantTrack it ? it.indexAtOrAfter(raw)
                    : track instanceof SpanTrack st ? st.indexStartingAtOrAfter(raw) : -1;
            if (at < 0) {
                return;
            }
            if (prev >= 0) {
                counts[px - 1] += at - prev;
            }
            prev = at;
        }
    }

    /** The bottom of the counter's scale: its smallest value, or 0 when every value is above 0. */
    double counterMin() {
        return Math.min(0, counterBlocks().min());
    }

    /** The top of the counter's scale, above {@link #counterMin()} even when the counter is flat. */
    double counterMax() {
        double hi = counterBlocks().max();
        return hi <= counterMin() ? counterMin() + 1 : hi;
    }
}
