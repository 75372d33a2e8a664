package io.incident.views.flame;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlameSearchTest {

    @Test
    void matchedPercentCountsNestedMatchesOnceAndIgnoresCase() {
        FlameTree t = ProfileFixture.cpu()
                .add("main;Parse;parseValue", 1, 40).add("main;parse2", 1, 10).add("main;idle", 1, 50).tree(1);
        FlameSearch s = FlameSearch.of(t, "PARSE", FlameTree.ROOT);
        assertEquals(50.0, s.percent(), 1e-9);
        int main = t.child(FlameTree.ROOT, "main");
        assertTrue(s.matches(t.child(main, "Parse")));
        assertFalse(s.matches(t.child(main, "idle")));
        assertEquals(80.0, FlameSearch.of(t, "parse", t.child(main, "Parse")).percent() - 20, 1e-9,
                "within the zoom root Parse, all of it matches");
        assertEquals(0.0, FlameSearch.of(t, "  ", FlameTree.ROOT).percent());
    }

    @Test
    void paletteGroupsFramesByPackage() {
        assertEquals("java.util", FlamePalette.packageOf("java.util.HashMap.get"));
        assertEquals("net/http", FlamePalette.packageOf("net/http.(*conn).serve"));
        assertEquals("std::vector<int>", FlamePalette.packageOf("std::vector<int>::push_back"));
        assertEquals(FlamePalette.warm("java.util.HashMap.get"), FlamePalette.warm("java.util.ArrayList.add"));
        int rgb = FlamePalette.warm("main");
        assertTrue(((rgb >> 16) & 0xFF) >= ((rgb >> 8) & 0xFF) && ((rgb >> 8) & 0xFF) >= (rgb & 0xFF), "warm");
    }
}
