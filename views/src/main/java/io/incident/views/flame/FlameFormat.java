package io.incident.views.flame;

import io.incident.model.SampleType;

import java.util.Locale;

/** Human-readable sample values and the hover text of a frame, shared by the view, the SVG and the report. */
public final class FlameFormat {
    private FlameFormat() {
    }

    public static String value(long v, SampleType type) {
        String unit = type == null ? "" : type.unit();
        return switch (unit) {
            case "nanoseconds" -> scaled(v / 1e6, "ms");
            case "microseconds" -> scaled(v / 1e3, "ms");
            case "milliseconds" -> scaled(v, "ms");
            case "bytes" -> bytes(v);
            case "", "count" -> String.format(Locale.ROOT, "%,d", v);
            default -> String.format(Locale.ROOT, "%,d %s", v, unit);
        };
    }

    private static String scaled(double v, String unit) {
        return String.format(Locale.ROOT, v >= 100 ? "%,.0f %s" : "%,.2f %s", v, unit);
    }

    private static String bytes(long v) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double d = v;
        int u = 0;
        while (Math.abs(d) >= 1024 && u < units.length - 1) {
            d /= 1024;
            u++;
        }
        return u == 0 ? v + " B" : String.format(Locale.ROOT, "%.1f %s", d, units[u]);
    }

    public static String percent(long part, long whole) {
        return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
    }

    /** "name — total X (p%), self Y (q%)" with percents of {@code whole}. */
    public static String describe(FlameTree tree, int node, long whole, SampleType type) {
        return tree.name(node) + " \u2014 total " + value(tree.total(node), type) + " ("
                + percent(tree.total(node), whole) + "), self " + value(tree.self(node), type) + " ("
                + percent(tree.self(node), whole) + ")";
    }

    /** The name cut with an ellipsis to fit {@code room} pixels of {@code charWidth}; empty when under 3 characters fit. */
    static String clip(String name, double room, double charWidth) {
        int fit = (int) (room / charWidth);
        if (fit >= name.length()) {
            return name;
        }
        return fit < 3 ? "" : name.substring(0, fit - 1) + "\u2026";
    }
}
