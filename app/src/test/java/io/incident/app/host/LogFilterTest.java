package io.incident.app.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogFilterTest {
    private static final LogRow ERR = new LogRow("a.export", 100, 3, "demo-svc.service", "demo-svc", 31, "b1",
            "accept4: Too Many Open Files");
    private static final LogRow WARN = new LogRow("a.export", 200, 4, "demo-load", "demo-load", 105, "b1",
            "idle client exiting\nsecond line");
    private static final LogRow INFO = new LogRow("b.json", 200, 6, "demo-svc.service", "demo-svc", 31, "b2", "ok");
    private static final LogRow NO_PRIORITY = new LogRow("b.json", 300, -1, "kernel", "", -1, "", "raw");
    private static final List<LogRow> ROWS = List.of(ERR, WARN, INFO, NO_PRIORITY);

    private static List<LogRow> shown(LogFilter f) {
        return ROWS.stream().filter(f).toList();
    }

    @Test
    void priorityIsAMaximumLevelAndEntriesWithoutOneShowOnlyUnfiltered() {
        assertEquals(ROWS, shown(LogFilter.ALL));
        assertEquals(List.of(ERR), shown(new LogFilter("", "", -1, 3, "", "")));
        assertEquals(List.of(ERR, WARN), shown(new LogFilter("", "", -1, 4, "", "")));
        assertEquals(List.of(ERR, WARN, INFO), shown(new LogFilter("", "", -1, 6, "", "")));
    }

    @Test
    void unitMatchesTheUnitOrTheIdentifier() {
        assertEquals(List.of(ERR, INFO), shown(new LogFilter("", "demo-svc", -1, 7, "", "")));
        assertEquals(List.of(ERR, INFO), shown(new LogFilter("", "demo-svc.service", -1, 7, "", "")));
        assertEquals(List.of(), shown(new LogFilter("", "demo", -1, 7, "", "")));
    }

    @Test
    void sourcePidAndBoot() {
        assertEquals(List.of(INFO, NO_PRIORITY), shown(new LogFilter("b.json", "", -1, 7, "", "")));
        assertEquals(List.of(WARN), shown(new LogFilter("", "", 105, 7, "", "")));
        assertEquals(List.of(INFO), shown(new LogFilter("", "", -1, 7, "b2", "")));
    }

    @Test
    void searchIsACaseInsensitiveSubstringOfTheWholeMessage() {
        assertEquals(List.of(ERR), shown(new LogFilter("", "", -1, 7, "", "too many open files")));
        assertEquals(List.of(WARN), shown(new LogFilter("", "", -1, 7, "", "SECOND LINE")));
        assertEquals(List.of(), shown(new LogFilter("", "", -1, 7, "", "too many open filesX")));
    }

    @Test
    void firstLineMarksACutMessage() {
        assertEquals("idle client exiting \u2026", WARN.firstLine());
        assertEquals("ok", INFO.firstLine());
    }

    @Test
    void firstAtOrAfterFindsTheFirstOfEqualTimes() {
        assertEquals(0, LogRows.firstAtOrAfter(ROWS, 0));
        assertEquals(1, LogRows.firstAtOrAfter(ROWS, 101));
        assertEquals(1, LogRows.firstAtOrAfter(ROWS, 200));
        assertEquals(3, LogRows.firstAtOrAfter(ROWS, 201));
        assertEquals(4, LogRows.firstAtOrAfter(ROWS, 301));
    }

    @Test
    void timeOfDayIsPlacedOnTheLogsDayOrTheNextAcrossMidnight() {
        long day = 1_795_305_600_000_000_000L; // 2026-11-22T00:00:00Z
        long first = day + 22 * 3_600_000_000_000L;
        long last = day + 26 * 3_600_000_000_000L;
        assertEquals(day + (22 * 3600 + 10 * 60 + 41) * 1_000_000_000L, TimeJump.parse("22:10:41", first, last));
        assertEquals(day + (22 * 3600 + 10 * 60 + 41) * 1_000_000_000L + 500_000_000L,
                TimeJump.parse(" 22:10:41.5 ", first, last));
        assertEquals(day + (24 + 1) * 3_600_000_000_000L, TimeJump.parse("01:00", first, last));
        assertEquals(day + 3_600_000_000_000L, TimeJump.parse("01:00", first, first + 1), "no next day in the log");
        assertEquals(day + (22 * 3600 + 10 * 60 + 41) * 1_000_000_000L,
                TimeJump.parse("2026-11-22T22:10:41Z", first, last));
        assertEquals(day + (22 * 3600 + 10 * 60 + 41) * 1_000_000_000L,
                TimeJump.parse("2026-11-22T22:10:41", first, last));
        assertEquals("not a time: \"soon\" (use HH:mm:ss or 2026-11-22T22:10:41Z)",
                assertThrows(IllegalArgumentException.class, () -> TimeJump.parse("soon", first, last)).getMessage());
    }
}
