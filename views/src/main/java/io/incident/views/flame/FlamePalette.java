package io.incident.views.flame;

/**
 * Colours of flame frames as 0xRRGGBB, free of JavaFX so the SVG export and the HTML report use the same ones. Frames
 * of one package share a warm hue (red to yellow) chosen by a hash of the package name, so a graph reads by package.
 */
public final class FlamePalette {
    /** Highlight of frames that match a search. */
    public static final int MATCH = 0xE040E0;
    /** Runs of frames too narrow to draw, merged into one box. */
    public static final int MERGED = 0xC8C8C8;

    private FlamePalette() {
    }

    public static int warm(String function) {
        int h = mix(packageOf(function).hashCode());
        double hue = (h & 0xFF) / 255.0 * 50.0;
        double saturation = 0.55 + ((h >>> 8) & 0xFF) / 255.0 * 0.2;
        double value = 0.92 + ((h >>> 16) & 0xFF) / 255.0 * 0.08;
        return hsv(hue, saturation, value);
    }

    /**
     * The package of a Java, Go, C++ or Python name: everything before the last separator that precedes the
     * method part. "(unknown)" and plain names form their own package.
     */
    static String packageOf(String function) {
        String f = function;
        int paren = f.indexOf('(');
        if (paren > 0) {
            f = f.substring(0, paren);
        }
        int colons = f.lastIndexOf("::");
        if (colons > 0) {
            return f.substring(0, colons);
        }
        int slash = f.lastIndexOf('/');
        int dot = f.lastIndexOf('.');
        if (dot > slash) {
            String head = f.substring(0, dot);
            int classDot = head.lastIndexOf('.');
            return classDot > slash ? head.substring(0, classDot) : head;
        }
        return slash > 0 ? f.substring(0, slash) : f;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x7FEB352D;
        h ^= h >>> 15;
        h *= 0x846CA68B;
        return h ^ (h >>> 16);
    }

    static int hsv(double hueDegrees, double s, double v) {
        double c = v * s;
        double hp = hueDegrees / 60.0;
        double x = c * (1 - Math.abs(hp % 2 - 1));
        double r;
        double g;
        if (hp < 1) {
            r = c;
            g = x;
        } else {
            r = x;
            g = c;
        }
        double m = v - c;
        return (channel(r + m) << 16) | (channel(g + m) << 8) | channel(m);
    }

    private static int channel(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }

    /** Black or dark grey text, whichever reads better on {@code rgb}. */
    public static int textOn(int rgb) {
        double lum = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
        return lum > 110 ? 0x1A1A1A : 0xFFFFFF;
    }
}
