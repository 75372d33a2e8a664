package io.incident.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StringTableTest {
    @Test
    void sameStringSameIdAcrossGrowth() {
        StringTable t = new StringTable();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            String s = "read(" + (i % 70_001) + ", \"GET /\", 4096)";
            int id = t.intern(s);
            Integer before = seen.putIfAbsent(s, id);
            if (before != null) {
                assertEquals(before.intValue(), id, s);
            }
            assertEquals(s, t.get(id));
        }
        assertEquals(70_001 + 1, t.size());
        assertEquals(0, t.intern(""));
        assertEquals(0, t.intern(null));
    }

    @Test
    void equalHashCodesAreStillDifferentStrings() {
        StringTable t = new StringTable();
        // "Aa" and "BB" share a hash code, and so does every concatenation of them of the same length.
        String[] parts = {"Aa", "BB"};
        Map<String, Integer> ids = new HashMap<>();
        for (int mask = 0; mask < 1 << 10; mask++) {
            StringBuilder sb = new StringBuilder();
            for (int bit = 0; bit < 10; bit++) {
                sb.append(parts[(mask >> bit) & 1]);
            }
            ids.put(sb.toString(), t.intern(sb.toString()));
        }
        assertEquals(1 << 10, ids.values().stream().distinct().count());
        ids.forEach((s, id) -> assertEquals(id.intValue(), t.intern(s)));
        assertNotEquals(t.intern("AaAa"), t.intern("BBBB"));
    }

    @Test
    void bytesInternToTheSameIdAsTheirString() {
        StringTable t = new StringTable();
        byte[] line = "x read(3, \"GET /\", 4096) = 12 caf\u00e9 \u65e5\u672c y".getBytes(StandardCharsets.UTF_8);
        String ascii = "read(3, \"GET /\", 4096)";
        int at = 2;
        int fromBytes = t.intern(line, at, ascii.length());
        assertEquals(ascii, t.get(fromBytes));
        assertEquals(fromBytes, t.intern(ascii), "a string interned from bytes is found by its String");
        int fromString = t.intern("caf\u00e9 \u65e5\u672c");
        int utf8At = ascii.length() + at + " = 12 ".length();
        int utf8Len = "caf\u00e9 \u65e5\u672c".getBytes(StandardCharsets.UTF_8).length;
        assertEquals(fromString, t.intern(line, utf8At, utf8Len), "non-ASCII bytes are decoded as UTF-8");
        assertEquals(0, t.intern(line, 5, 0), "no bytes is the empty string");
        assertEquals(3, t.size(), "the empty string and the two texts");
    }

    @Test
    void bytesWithEqualHashCodesAreStillDifferentStrings() {
        StringTable t = new StringTable();
        int aa = t.intern("AaAa".getBytes(StandardCharsets.US_ASCII), 0, 4);
        int bb = t.intern("BBBB".getBytes(StandardCharsets.US_ASCII), 0, 4);
        assertNotEquals(aa, bb);
        assertEquals("BBBB", t.get(bb));
        assertEquals(aa, t.intern("AaAa"));
        assertEquals(bb, t.intern("xBBBB".getBytes(StandardCharsets.US_ASCII), 1, 4));
    }

    @Test
    void frozenTableRefusesNewStrings() {
        StringTable t = new StringTable();
        int id = t.intern("x");
        StringTable f = t.freeze();
        assertEquals("x", f.get(id));
        assertThrows(IllegalStateException.class, () -> f.intern("y"));
        assertThrows(IllegalStateException.class, () -> f.intern(new byte[] {'y'}, 0, 1));
    }
}
