package io.incident.views.timeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Tick spacing and labels for a time axis in nanoseconds: round steps, relative and UTC labels. */
public final class TimeAxis {
    private static final long[] STEPS = {
        1, 2, 5, 10, 20, 50, 100, 200, 500,
        1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000,
        1_000_000, 2_000_000, 5_000_000, 10_000_000, 20_000_000, 50_000_000, 100_000_000, 200_000_000, 500_000_000,
        1_000_000_000L, 2_000_000_000L, 5_000_000_000L, 10_000_000_000L, 15_000_000_000L, 30_000_000_000L,
        60_000_000_000L, 120_000_000_000L, 300_000_000_000L, 600_000_000_000L, 900_000_000_000L, 1_800_000_000_000L,
        3_600_000_000_000L, 7_200_000_000_000L, 21_600_000_000_000L, 43_200_000_000_000L, 86_400_000_000_000L
    };
    private static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter UTC_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private TimeAxis() {
    }

    /** The smallest round step that leaves at least {@code minPixels} between ticks. */
    public static long step(double nanosPerPixel, double minPixels) {
        double want = nanosPerPixel * minPixels;
        for (long s : STEPS) {
            if (s >= want) {
                return s;
            }
        }
        return STEPS[STEPS.length - 1] * Math.max(1, (long) Math.ceil(want / STEPS[STEPS.length - 1]));
    }

    /** A time relative to the zero, compact: "+1m 30s", "-250ms", "+12.5s". */
    public static String relative(long nanos, long step) {
        String sign = nanos < 0 ? "-" : "+";
        long a = Math.abs(nanos);
        if (step >= 60_000_000_000L || a >= 3_600_000_000_000L && step >= 1_000_000_000L) {
            long s = a / 1_000_000_000L;
            long h = s / 3600;
            long m = (s % 3600) / 60;
            long sec = s % 60;
            return sign + (h > 0 ? h + "h " : "") + (h > 0 || m > 0 ? m + "m" : "") + (sec > 0 ? " " + sec + "s" : "");
        }
        if (step >= 1_000_000_000L) {
            long s = a / 1_000_000_000L;
            return sign + (s >= 60 ? (s / 60) + "m " + (s % 60) + "s" : s + "s");
        }
        if (step >= 1_000_000L) {
            return sign + trim(a / 1e9, decimals(step / 1e9)) + "s";
        }
        if (step >= 1_000L) {
            return sign + trim(a / 1e6, decimals(step / 1e6)) + "ms";
        }
        return sign + trim(a / 1e3, decimals(step / 1e3)) + "µs";
    }

    private static int decimals(double stepUnits) {
        int d = 0;
        while (stepUnits < 1 && d < 6) {
            stepUnits *= 10;
            d++;
        }
        return d;
    }

    private static String trim(double v, int decimals) {
        return String.format("%." + decimals + "f", v);
    }

    public static String utcSeconds(long epochNanos) {
        return UTC_SECONDS.format(Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L)));
    }

    public static String utcDate(long epochNanos) {
        return UTC_DATE.format(Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L)));
    }

    /** A duration for people: "1.2 s", "340 ms", "12 µs". */
    public static String duration(long nanos) {
        double a = Math.abs(nanos);
        if (a >= 60e9) {
            return String.format("%dm %02ds", (long) (a / 60e9), (long) (a / 1e9) % 60);
        }
        if (a >= 1e9) {
            return String.format("%.2f s", a / 1e9);
        }
        if (a >= 1e6) {
            return String.format("%.1f ms", a / 1e6);
        }
        if (a >= 1e3) {
            return String.format("%.1f µs", a / 1e3);
        }
        return nanos + " ns";
    }
}
