package io.incident.views.flame;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlameDiffTest {

    private static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    private static int blue(int rgb) {
        return rgb & 0xFF;
    }

    @Test
    void grownIsRedShrunkIsBlueVanishedStaysVisible() {
        FlameTree base = ProfileFixture.cpu().add("main;a", 1, 50).add("main;b", 1, 50).add("main;gone", 1, 10)
                .tree(1);
        FlameTree comp = ProfileFixture.cpu().add("main;a", 1, 90).add("main;b", 1, 10).add("main;new", 1, 10)
                .tree(1);
        FlameDiff d = FlameDiff.of(base, comp, false);
        FlameTree u = d.tree();
        int main = u.child(FlameTree.ROOT, "main");
        int a = u.child(main, "a");
        int b = u.child(main, "b");
        int gone = u.child(main, "gone");
        int added = u.child(main, "new");
        assertEquals(50, d.baseline(a));
        assertEquals(90, d.comparison(a));
        assertTrue(red(d.colour(a)) > blue(d.colour(a)), "a grew");
        assertTrue(blue(d.colour(b)) > red(d.colour(b)), "b shrank");
        assertEquals(-1.0, d.change(gone), 1e-9);
        assertEquals(1.0, d.change(added), 1e-9);
        assertEquals(10, u.total(gone), "width is baseline plus comparison");
        assertTrue(Math.abs(d.change(b)) > Math.abs(d.change(a)), "b lost 80%, a gained 44%");
        assertEquals(0, d.change(main), 1e-9, "main stayed 110");
        assertEquals(0xD8D8D8, d.colour(main));
    }

    @Test
    void normalisedIgnoresAUniformlyLongerProfileAbsoluteDoesNot() {
        FlameTree base = ProfileFixture.cpu().add("main;a", 1, 30).add("main;b", 1, 70).tree(1);
        FlameTree comp = ProfileFixture.cpu().add("main;a", 1, 60).add("main;b", 1, 140).tree(1);
        FlameDiff norm = FlameDiff.of(base, comp, true);
        int a = norm.tree().child(norm.tree().child(FlameTree.ROOT, "main"), "a");
        assertEquals(60, norm.baseline(a), "scaled to the comparison's total");
        assertEquals(0xD8D8D8, norm.colour(a));
        FlameDiff abs = FlameDiff.of(base, comp, false);
        int aa = abs.tree().child(abs.tree().child(FlameTree.ROOT, "main"), "a");
        assertEquals(0.5, abs.change(aa), 1e-9);
        assertTrue(red(abs.colour(aa)) > blue(abs.colour(aa)));
    }
}
