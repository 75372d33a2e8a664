package io.incident.views.timeline;

import io.incident.model.CounterTrack;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * The strip above the lanes: how many events each pixel of the whole case holds (all lanes, log scale), with the
 * current view as a rectangle. Counting is done once per set of lanes and width, by binary search per pixel, so it
 * costs about the same for ten thousand events as for ten million.
 */
final class Overview {
    static final double HEIGHT = 26;
    private int countedVersion = -1;
    private int countedWidth;
    private long lo;
    private long hi;
    private double[] counts = new double[0];

    long start() {
        return lo;
    }

    long end() {
        return hi;
    }

    /** Recounts when the lanes ({@code version} counts their changes) or the width changed. */
    void update(List<Lane> lanes, int version, int width) {
        if (version == countedVersion && width == countedWidth) {
            return;
        }
        countedVersion = version;
        countedWidth = width;
        lo = Long.MAX_VALUE;
        hi = Long.MIN_VALUE;
        for (Lane l : lanes) {
            if (l.isTimed()) {
                lo = Math.min(lo, l.clock().toCase(l.track().minTime()));
                hi = Math.max(hi, l.clock().toCase(l.track().maxTime()));
            }
        }
        counts = new double[Math.max(1, width)];
        if (lo >= hi) {
            return;
        }
        for (Lane l : lanes) {
            if (l.isTimed() && !(l.track() instanceof CounterTrack)) {
                l.addCounts(lo, hi, counts);
            }
        }
    }

    /** Case time at pixel {@code px} of the strip. */
    long timeAt(double px) {
        return lo + (long) ((hi - lo) * Math.max(0, Math.min(1, px / Math.max(1, countedWidth))));
    }

    void draw(GraphicsContext g, double x0, double w, long viewStart, long viewEnd) {
        g.setFill(Color.web("#eef1f5"));
        g.fillRect(x0, 0, w, HEIGHT);
        if (lo >= hi) {
            return;
        }
        double max = 0;
        for (double c : counts) {
            max = Math.max(max, c);
        }
        g.setFill(Color.web("#94a3b8"));
        double scale = Math.log1p(max);
        for (int px = 0; px < counts.length && px < w; px++) {
            if (counts[px] > 0) {
                double bh = Math.max(1, (HEIGHT - 4) * Math.log1p(counts[px]) / scale);
                g.fillRect(x0 + px, HEIGHT - 2 - bh, 1, bh);
            }
        }
        double a = x0 + (viewStart - lo) * w / (double) (hi - lo);
        double b = x0 + (viewEnd - lo) * w / (double) (hi - lo);
        a = Math.max(x0, Math.min(x0 + w - 2, a));
        b = Math.max(a + 2, Math.min(x0 + w, b));
        g.setFill(Color.web("#3b82f6", 0.18));
        g.fillRect(a, 1, b - a, HEIGHT - 2);
        g.setStroke(Color.web("#2563eb"));
        g.strokeRect(Math.floor(a) + 0.5, 1.5, Math.max(2, b - a - 1), HEIGHT - 3);
    }
}
