package io.incident.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ArgsAddTest {
    @Test
    void addKeepsEverySetWithoutLookingForEqualOnes() {
        StringTable strings = new StringTable();
        Args args = new Args();
        int k = strings.intern("k");
        int v = strings.intern("v");
        int a = args.add(k, v);
        int b = args.add(k, v);
        assertNotEquals(a, b);
        assertEquals(java.util.Map.of("k", "v"), args.resolve(b, strings));
        int interned = args.intern(k, v);
        assertEquals(interned, args.intern(k, v), "intern still dedupes its own sets beside add");
        assertEquals(java.util.Map.of("k", "v"), args.resolve(interned, strings));
        assertThrows(IllegalArgumentException.class, () -> args.add(k));
        assertThrows(IllegalStateException.class, () -> args.freeze().add(k, v));
    }

    @Test
    void validateNamesTheFirstBrokenEvent() {
        Source.Builder b = Source.builder(new SourceInfo("x", SourceKind.STRACE, 0, ""), ClockKind.RELATIVE);
        b.track(new InstantTrack("t", "", new long[] {1, 2}, new int[] {0, 99}, new int[] {0, 0}));
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertEquals("model invariant broken: track 't' event 1 label", e.getMessage());
    }
}
