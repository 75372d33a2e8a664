package io.incident.parsers.goroutine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.parsers.Head;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoroutineRecognizesTest {
    private static Head head(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new Head(b, false, b.length);
    }

    @Test
    void go126HeaderOfAGoroutineWithoutAnMHasNoMp() {
        // As Go 1.26 prints a parked goroutine (line 29 of made_esbuild_go1.26_SIGQUIT_GOTRACEBACK_all.txt).
        assertTrue(new GoroutineDumpReader().recognizes(head(
                "goroutine 1 gp=0x1295df4061e0 m=nil [chan receive]:\nruntime.gopark(0x7f75981fda00?)\n")));
    }

    @Test
    void plainTextIsNot() {
        assertFalse(new GoroutineDumpReader().recognizes(head("the goroutine 1 leaked\nnothing else\n")));
    }
}
