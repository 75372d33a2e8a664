package io.incident.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void frozenTableRefusesNewStrings() {
        StringTable t = new StringTable();
        int id = t.intern("x");
        StringTable f = t.freeze();
        assertEquals("x", f.get(id));
        assertThrows(IllegalStateException.class, () -> f.intern("y"));
    }
}
