package io.incident.views.timeline;

import io.incident.model.CounterTrack;
import io.incident.model.EventRef;
import io.incident.model.Flow;
import io.incident.model.InstantTrack;
import io.incident.model.SampleTrack;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * The flows between events of the timeline's lanes: "show related" for one event, and the arrows from the selected
 * event to each related event that is on screen (only the selected event's, so the picture stays readable).
 */
final class FlowLinks {
    private static final Color ARROW = Color.web("#7c3aed");
    private static final int MAX_ARROWS = 200;

    private FlowLinks() {
    }

    /** Everything linked to {@code p}, in both directions, as picks on the given lanes. */
    static List<Related> related(List<Flow> flows, List<Lane> lanes, EventPick p) {
        List<Related> out = new ArrayList<>();
        if (p == null) {
            return out;
        }
        EventRef self = new EventRef(p.lane().sourceIndex(), p.lane().trackIndex(), p.index());
        for (Flow f : flows) {
            EventRef other = f.from().equals(self) ? f.to() : f.to().equals(self) ? f.from() : null;
            EventPick o = other == null ? null : pickOf(lanes, other);
            if (o != null) {
                out.add(new Related(o, f.kind(), f.reason()));
            }
        }
        return out;
    }

    static EventPick pickOf(List<Lane> lanes, EventRef r) {
        for (Lane l : lanes) {
            if (l.sourceIndex() == r.source() && l.trackIndex() == r.track() && r.event() < l.track().size()) {
                long[] raw = extent(l.track(), r.event());
                return new EventPick(l, r.event(), l.clock().toCase(raw[0]), l.clock().toCase(raw[1]));
            }
        }
        return null;
    }

    private static long[] extent(Track t, int i) {
        if (t instanceof SpanTrack st) {
            return new long[] {st.start(i), st.end(i)};
        } else if (t instanceof InstantTrack it) {
            return new long[] {it.time(i), it.time(i)};
        } else if (t instanceof CounterTrack ct) {
            return new long[] {ct.time(i), ct.time(i)};
        }
        long time = ((SampleTrack) t).time(i);
        return new long[] {time, time};
    }

    /** Arrows from the selected event to each related event whose lane is laid out. */
    static void draw(GraphicsContext g, TimelineView v, EventPick selected, List<Related> related) {
        if (selected == null || related.isEmpty()) {
            return;
        }
        double y0 = v.laneY(selected.lane());
        if (Double.isNaN(y0)) {
            return;
        }
        double x0 = v.xOf(selected.start());
        g.setStroke(ARROW);
        g.setFill(ARROW);
        g.setLineWidth(1.5);
        int n = 0;
        for (Related r : related) {
            double y1 = v.laneY(r.pick().lane());
            if (Double.isNaN(y1) || n++ >= MAX_ARROWS) {
                continue;
            }
            double x1 = v.xOf(r.pick().start());
            double bend = Math.max(18, Math.abs(y1 - y0) / 3);
            g.beginPath();
            g.moveTo(x0, y0);
            g.bezierCurveTo(x0 + bend, y0, x1 - bend, y1, x1, y1);
            g.stroke();
            double a = Math.atan2(y1 - y0, Math.max(1, x1 - x0 + bend));
            g.fillPolygon(new double[] {x1, x1 - 8 * Math.cos(a - 0.4), x1 - 8 * Math.cos(a + 0.4)},
                    new double[] {y1, y1 - 8 * Math.sin(a - 0.4), y1 - 8 * Math.sin(a + 0.4)}, 3);
        }
        g.setLineWidth(1);
    }
}
