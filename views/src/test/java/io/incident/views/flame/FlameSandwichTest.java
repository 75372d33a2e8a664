package io.incident.views.flame;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FlameSandwichTest {

    @Test
    void callersAreInvertedPathsAndCalleesMergeAllOccurrences() {
        FlameTree t = ProfileFixture.cpu()
                .add("main;handler;json.Marshal;reflect", 1, 30)
                .add("main;worker;json.Marshal;encode", 1, 20)
                .add("main;worker;json.Marshal", 1, 5)
                .add("main;worker;sleep", 1, 45).tree(1);
        FlameSandwich s = FlameSandwich.of(t, "json.Marshal");
        FlameTree up = s.callers();
        assertEquals("json.Marshal", up.name(FlameTree.ROOT));
        assertEquals(55, up.total());
        assertEquals(30, up.total(up.child(FlameTree.ROOT, "handler")));
        int worker = up.child(FlameTree.ROOT, "worker");
        assertEquals(25, up.total(worker));
        assertEquals(25, up.total(up.child(worker, "main")));
        FlameTree down = s.callees();
        assertEquals(55, down.total());
        assertEquals(5, down.self(FlameTree.ROOT));
        assertEquals(30, down.total(down.child(FlameTree.ROOT, "reflect")));
        assertEquals(20, down.total(down.child(FlameTree.ROOT, "encode")));
    }

    @Test
    void recursionIsCountedOnceThroughTheOutermostCall() {
        FlameTree t = ProfileFixture.cpu().add("main;f;g;f;h", 1, 10).add("main;f", 1, 5).tree(1);
        FlameSandwich s = FlameSandwich.of(t, "f");
        assertEquals(15, s.callers().total());
        assertEquals(15, s.callees().total());
        int g = s.callees().child(FlameTree.ROOT, "g");
        assertEquals(10, s.callees().total(s.callees().child(g, "f")));
        assertEquals(1, s.callers().size() - 1, "only main called the outermost f");
    }
}
