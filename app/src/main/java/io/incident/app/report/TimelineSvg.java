package io.incident.app.report;

import io.incident.app.findings.Evidence;
import io.incident.app.findings.Finding;
import io.incident.app.session.LoadedSource;
import io.incident.model.CounterTrack;
import io.incident.model.Severity;
import io.incident.model.Track;
import java.util.ArrayList;
import java.util.List;

/**
 * The incident window as an inline SVG: a bar per finding with ticks at its evidence, under it the counters that show
 * the incident's shape (open fds, open connections, goroutines, heap), on one UTC axis.
 */
final class TimelineSvg {
    private static final double W = 1100;
    private static final double LABEL = 300;
    private static final double ROW = 22;
    private static final double COUNTER = 46;
    private static final String[] COUNTERS = {"open fds", "open connections", "goroutines", "Go heap live MB",
        "resets/s", "heap used"};

    private TimelineSvg() {
    }

    private record Series(String name, String file, long[] t, double[] v, double max, String unit) {
    }

    static void write(StringBuilder h, List<LoadedSource> sources, List<Finding> findings) {
        List<Series> series = counters(sources);
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (Finding f : findings) {
            lo = Math.min(lo, f.start());
            hi = Math.max(hi, f.end());
        }
        for (Series s : series) {
            if (s.t.length > 0 && lo == Long.MAX_VALUE) {
                lo = Math.min(lo, s.t[0]);
                hi = Math.max(hi, s.t[s.t.length - 1]);
            }
        }
        if (lo >= hi) {
            return;
        }
        long pad = Math.max(1_000_000_000L, (hi - lo) / 20);
        lo -= pad;
        hi += pad;
        double height = 34 + findings.size() * ROW + series.size() * COUNTER + 10;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(W).append(' ').append(fmt(height))
                .append("\" width=\"").append(W).append("\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">");
        axis(s, lo, hi, height);
        double y = 30;
        for (Finding f : findings) {
            String colour = f.severity() == Severity.ERROR ? "#b91c1c" : f.severity() == Severity.WARNING ? "#d97706"
                    : "#9ca3af";
            double x0 = x(f.start(), lo, hi);
            double x1 = Math.max(x0 + 3, x(f.end(), lo, hi));
            s.append("<text x=\"4\" y=\"").append(fmt(y + 14)).append("\" fill=\"#111827\">")
                    .append(Html.esc(clip(f.title(), 48))).append("</text>");
            s.append("<rect x=\"").append(fmt(x0)).append("\" y=\"").append(fmt(y + 4)).append("\" width=\"")
                    .append(fmt(x1 - x0)).append("\" height=\"13\" rx=\"2\" fill=\"").append(colour)
                    .append("\" fill-opacity=\"0.8\"><title>").append(Html.esc(f.title())).append("</title></rect>");
            for (Evidence e : f.evidence()) {
                double ex = x(e.time(), lo, hi);
                s.append("<line x1=\"").append(fmt(ex)).append("\" x2=\"").append(fmt(ex)).append("\" y1=\"")
                        .append(fmt(y + 2)).append("\" y2=\"").append(fmt(y + 19)).append("\" stroke=\"#111827\" "
                                + "stroke-width=\"1\"/>");
            }
            y += ROW;
        }
        for (Series c : series) {
            s.append("<text x=\"4\" y=\"").append(fmt(y + 16)).append("\" fill=\"#374151\">")
                    .append(Html.esc(c.name + " (" + c.file + ")")).append("</text><text x=\"4\" y=\"").append(fmt(y + 30))
                    .append("\" fill=\"#6b7280\">max ").append(fmt(c.max)).append(' ').append(Html.esc(c.unit))
                    .append("</text>");
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < c.t.length; i++) {
                if (c.t[i] < lo || c.t[i] > hi) {
                    continue;
                }
                double py = y + COUNTER - 6 - (c.max <= 0 ? 0 : c.v[i] / c.max * (COUNTER - 12));
                pts.append(fmt(x(c.t[i], lo, hi))).append(',').append(fmt(py)).append(' ');
            }
            s.append("<polyline fill=\"none\" stroke=\"#2563eb\" stroke-width=\"1.4\" points=\"").append(pts)
                    .append("\"/><line x1=\"").append(LABEL).append("\" x2=\"").append(W).append("\" y1=\"")
                    .append(fmt(y + COUNTER - 5)).append("\" y2=\"").append(fmt(y + COUNTER - 5))
                    .append("\" stroke=\"#e5e7eb\"/>");
            y += COUNTER;
        }
        s.append("</svg>");
        h.append("<section><h2>Incident window</h2><figure>").append(s).append("<figcaption>Bars are findings (red: error, "
                + "amber: warning), ticks their evidence; lines below are counters from the artifacts.</figcaption>"
                + "</figure></section>\n");
    }

    private static void axis(StringBuilder s, long lo, long hi, double height) {
        long span = hi - lo;
        long step = 1_000_000_000L;
        for (long c : new long[] {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600}) {
            step = c * 1_000_000_000L;
            if (span / step <= 10) {
                break;
            }
        }
        long first = (lo / step + 1) * step;
        for (long t = first; t < hi; t += step) {
            double x = x(t, lo, hi);
            s.append("<line x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x)).append("\" y1=\"18\" y2=\"")
                    .append(fmt(height)).append("\" stroke=\"#f0f1f3\"/><text x=\"").append(fmt(x + 2))
                    .append("\" y=\"13\" fill=\"#6b7280\">").append(ReportWriter.time(t).substring(0, 8)).append("</text>");
        }
    }

    private static List<Series> counters(List<LoadedSource> sources) {
        List<Series> out = new ArrayList<>();
        for (String name : COUNTERS) {
            for (LoadedSource ls : sources) {
                Series found = null;
                for (Track t : ls.source().tracks()) {
                    if (t instanceof CounterTrack ct && ct.name().equals(name) && ct.size() > 1) {
                        long[] ts = new long[ct.size()];
                        double[] vs = new double[ct.size()];
                        double max = 0;
                        for (int i = 0; i < ct.size(); i++) {
                            ts[i] = ls.record().clock().toCase(ct.time(i));
                            vs[i] = ct.value(i);
                            max = Math.max(max, vs[i]);
                        }
                        found = new Series(name, ReportWriter.fileName(ls.record().path()), ts, vs, max, ct.unit());
                        break;
                    }
                }
                if (found != null) {
                    out.add(found);
                    break;
                }
            }
        }
        return out;
    }

    private static double x(long t, long lo, long hi) {
        return LABEL + (t - lo) * (W - LABEL - 6) / (double) (hi - lo);
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "\u2026";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
