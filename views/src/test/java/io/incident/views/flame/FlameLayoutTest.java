package io.incident.views.flame;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlameLayoutTest {

    @Test
    void noRectangleIsNarrowerThanTheThresholdAndChildrenStayInsideTheirParent() {
        FlameTree t = FlameTreeBuilderTest.random(3, 20_000).tree(1);
        FlameLayout l = FlameLayout.compute(t, FlameTree.ROOT, 800, 1.0);
        double[] left = new double[t.size()];
        double[] right = new double[t.size()];
        boolean[] drawn = new boolean[t.size()];
        int skipped = 0;
        for (int i = 0; i < l.count(); i++) {
            assertTrue(l.width(i) >= 1.0, "rectangle " + i + " is " + l.width(i) + " px");
            if (!l.isMerged(i)) {
                drawn[l.node(i)] = true;
                left[l.node(i)] = l.x(i);
                right[l.node(i)] = l.x(i) + l.width(i);
            }
        }
        for (int i = 0; i < l.count(); i++) {
            int owner = l.isMerged(i) ? l.owner(i) : t.parent(l.node(i));
            if (owner >= 0) {
                assertTrue(drawn[owner], "parent drawn");
                assertTrue(l.x(i) >= left[owner] - 1e-6 && l.x(i) + l.width(i) <= right[owner] + 1e-6);
            }
        }
        for (int n = 1; n < t.size(); n++) {
            if (!drawn[n]) {
                skipped++;
                assertTrue(t.total(n) * 800.0 / t.total() < 1.0 || !drawn[t.parent(n)], "node " + n + " missing");
            }
        }
        assertTrue(skipped > 0, "the random profile has sub-pixel frames");
    }

    @Test
    void manyTinySiblingsBecomeOneMergedRectangle() {
        ProfileFixture p = ProfileFixture.cpu().add("main;big", 1, 900);
        for (int i = 0; i < 100; i++) {
            p.add("main;tiny" + (100 + i), 1, 1);
        }
        FlameTree t = p.tree(1);
        FlameLayout l = FlameLayout.compute(t, FlameTree.ROOT, 100, 1.0);
        int merged = -1;
        for (int i = 0; i < l.count(); i++) {
            if (l.isMerged(i)) {
                merged = i;
            }
        }
        assertTrue(merged >= 0, "a merged run");
        assertEquals("main", t.name(l.owner(merged)));
        assertEquals(10.0, l.width(merged), 1e-9, "100 of 1000 samples on 100 px");
        assertEquals(4, l.count(), "root, main, big, and the merged run: the tiny ones are not drawn");
    }

    @Test
    void zoomGivesTheZoomRootTheFullWidthAndKeepsItsAncestors() {
        FlameTree t = ProfileFixture.cpu()
                .add("main;work;parse", 1, 300).add("main;work;encode", 1, 100).add("main;idle", 1, 600).tree(1);
        int work = t.child(t.child(FlameTree.ROOT, "main"), "work");
        FlameLayout l = FlameLayout.compute(t, work, 400, 1.0);
        int hit = l.hit(10, 2);
        assertEquals(work, l.node(hit));
        assertEquals(0, l.x(hit), 1e-9);
        assertEquals(400, l.width(hit), 1e-9);
        assertEquals(FlameTree.ROOT, l.node(l.hit(399, 0)));
        assertEquals("encode", t.name(l.node(l.hit(99, 3))), "encode 100 of 400, sorted first");
        assertEquals("parse", t.name(l.node(l.hit(100, 3))));
        assertEquals(-1, l.hit(100, 4));
        assertEquals(-1, l.hit(100, 9));
        assertEquals(4, l.rows());
    }
}
