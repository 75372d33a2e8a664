package io.incident.app.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyscallFilterTest {
    private static final SyscallRow ACCEPT_EMFILE = new SyscallRow(10, 31, 245, "accept4", 3, "TCP:[127.0.0.1:8080]",
            "-1", "EMFILE", 33_000, "3, ...");
    private static final SyscallRow READ_OK = new SyscallRow(20, 31, 31, "read", 9, "/etc/hosts", "120", "", 2_500_000,
            "9, ...");
    private static final SyscallRow NO_T = new SyscallRow(30, 40, 41, "close", 9, "", "0", "", -1, "9");
    private static final List<SyscallRow> ROWS = List.of(ACCEPT_EMFILE, READ_OK, NO_T);

    private static List<SyscallRow> shown(SyscallFilter f) {
        return ROWS.stream().filter(f).toList();
    }

    @Test
    void emptyFieldsShowEverything() {
        assertEquals(ROWS, shown(SyscallFilter.parse("", "", "", " ", "")));
        assertEquals(ROWS, shown(SyscallFilter.ALL));
    }

    @Test
    void errnoMatchesByNameInAnyCaseOrAnyError() {
        assertEquals(List.of(ACCEPT_EMFILE), shown(SyscallFilter.parse("", "", "emfile", "", "")));
        assertEquals(List.of(ACCEPT_EMFILE), shown(SyscallFilter.parse("", "", SyscallFilter.ANY_ERROR, "", "")));
        assertEquals(List.of(), shown(SyscallFilter.parse("", "", "ECONNRESET", "", "")));
    }

    @Test
    void pidMatchesTheProcessOrTheThread() {
        assertEquals(List.of(ACCEPT_EMFILE, READ_OK), shown(SyscallFilter.parse("31", "", "", "", "")));
        assertEquals(List.of(ACCEPT_EMFILE), shown(SyscallFilter.parse("245", "", "", "", "")));
        assertEquals(List.of(NO_T), shown(SyscallFilter.parse("41", "", "", "", "")));
    }

    @Test
    void syscallsAreAListAndFdIsExact() {
        assertEquals(List.of(READ_OK, NO_T), shown(SyscallFilter.parse("", "read, close", "", "", "")));
        assertEquals(List.of(READ_OK, NO_T), shown(SyscallFilter.parse("", "", "", "9", "")));
        assertEquals(List.of(NO_T), shown(SyscallFilter.parse("", "close", "", "9", "")));
    }

    @Test
    void minimumDurationInMillisecondsDropsCallsWithoutATime() {
        assertEquals(List.of(READ_OK), shown(SyscallFilter.parse("", "", "", "", "1.5")));
        assertEquals(List.of(ACCEPT_EMFILE, READ_OK), shown(SyscallFilter.parse("", "", "", "", "0.01")));
        assertTrue(SyscallFilter.parse("", "", "", "", "0.033").test(ACCEPT_EMFILE), "the bound is inclusive");
        assertFalse(SyscallFilter.parse("", "", "", "", "0.034").test(ACCEPT_EMFILE));
    }

    @Test
    void badFieldsAreNamed() {
        assertEquals("pid: not a whole number: 3x",
                assertThrows(IllegalArgumentException.class, () -> SyscallFilter.parse("3x", "", "", "", "")).getMessage());
        assertEquals("fd: must not be negative",
                assertThrows(IllegalArgumentException.class, () -> SyscallFilter.parse("", "", "", "-2", "")).getMessage());
        assertEquals("min duration (ms): not a number: fast",
                assertThrows(IllegalArgumentException.class, () -> SyscallFilter.parse("", "", "", "", "fast"))
                        .getMessage());
    }
}
