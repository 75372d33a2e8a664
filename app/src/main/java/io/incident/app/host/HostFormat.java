package io.incident.app.host;

import java.util.Locale;

/** Cell texts for the host evidence tables: UTC times to the microsecond, durations in a readable unit. */
public final class HostFormat {
    private HostFormat() {
    }

    /** "22:10:41.781842" (UTC, microseconds); the date is in the column header's tooltip, not every row. */
    public static String time(long epochNanos) {
        long micros = Math.floorDiv(epochNanos, 1000L);
        long ofDay = Math.floorMod(micros, 86_400_000_000L);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%06d", ofDay / 3_600_000_000L, ofDay / 60_000_000L % 60,
                ofDay / 1_000_000L % 60, ofDay % 1_000_000L);
    }

    /** "18 µs", "1.234 ms", "2.500 s"; "" for a negative (unknown) duration. */
    public static String duration(long nanos) {
        if (nanos < 0) {
            return "";
        }
        if (nanos < 1_000_000L) {
            return String.format(Locale.ROOT, "%d \u00b5s", Math.round(nanos / 1000.0));
        }
        if (nanos < 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }
}
