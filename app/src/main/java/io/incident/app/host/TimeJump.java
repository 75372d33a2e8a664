package io.incident.app.host;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads a "jump to" time: a time of day (HH:mm, HH:mm:ss[.fff]) on the shown entries' day, or an ISO UTC time. */
public final class TimeJump {
    private static final long DAY = 86_400_000_000_000L;

    private TimeJump() {
    }

    /**
     * Epoch nanoseconds for {@code text}. A time of day is placed on the UTC day of {@code first}, or the next day when
     * that falls before {@code first} and the next day's falls within {@code [first, last]} (a log across midnight).
     * Throws IllegalArgumentException when the text is neither form.
     */
    public static long parse(String text, long first, long last) {
        String t = text.strip();
        try {
            if (t.length() <= 15 && t.indexOf('T') < 0 && t.indexOf('-') < 0) {
                LocalTime tod = LocalTime.parse(t);
                LocalDate day = Instant.ofEpochSecond(Math.floorDiv(first, 1_000_000_000L)).atZone(ZoneOffset.UTC)
                        .toLocalDate();
                long at = nanos(day.atTime(tod).toInstant(ZoneOffset.UTC));
                return at < first && at + DAY <= last ? at + DAY : at;
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return nanos(Instant.parse(t));
            }
            return nanos(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a time: \"" + t + "\" (use HH:mm:ss or 2026-11-22T22:10:41Z)");
        }
    }

    private static long nanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
