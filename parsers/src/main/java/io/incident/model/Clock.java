package io.incident.model;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How a source's raw times map onto the case's shared UTC timeline: the kind of raw clock, the analyst's (or the
 * aligner's) offset, and for a time-of-day source the date it happened on.
 */
public record Clock(ClockKind kind, long offsetNanos, LocalDate date) {
    public static final long NANOS_PER_DAY = 86_400_000_000_000L;

    public Clock {
        if (kind == null) {
            throw new IllegalArgumentException("clock kind is required");
        }
    }

    public static Clock of(ClockKind kind) {
        return new Clock(kind, 0, null);
    }

    public Clock withOffset(long nanos) {
        return new Clock(kind, nanos, date);
    }

    public Clock withDate(LocalDate d) {
        return new Clock(kind, offsetNanos, d);
    }

    /** Whether raw times can be placed on the timeline: a time-of-day clock needs a date. */
    public boolean isPlaced() {
        return kind != ClockKind.TIME_OF_DAY || date != null;
    }

    /** Raw source time to case time (epoch nanoseconds UTC). A time-of-day clock without a date counts from 1970-01-01. */
    public long toCase(long raw) {
        long base = 0;
        if (kind == ClockKind.TIME_OF_DAY && date != null) {
            base = date.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        }
        return raw + base + offsetNanos;
    }

    public long toRaw(long caseTime) {
        return caseTime - toCase(0);
    }
}
