package io.incident.views.flame;

import io.incident.model.SampleTrack;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlameTreeBuilderTest {

    private static ProfileFixture small() {
        return ProfileFixture.cpu()
                .add("main;work@10;parse", 3, 300)
                .add("main;work@20;encode", 2, 200)
                .add("main;work@10", 1, 100)
                .add("main;idle", 4, 40)
                .add("main", 1, 7);
    }

    @Test
    void totalsEqualTheTrackTotalForEverySampleType() {
        ProfileFixture p = small();
        for (int type = 0; type < 2; type++) {
            assertEquals(p.track().total(type), p.tree(type).total(), "type " + type);
        }
        assertEquals(11, p.tree(0).total());
        assertEquals(647, p.tree(1).total());
    }

    @Test
    void callSitesOfOneFunctionUnderOneParentMergeIntoOneNode() {
        FlameTree t = small().tree(1);
        int main = t.child(FlameTree.ROOT, "main");
        assertEquals(2, t.childEnd(main) - t.childStart(main), "idle and work");
        int work = t.child(main, "work");
        assertEquals(600, t.total(work));
        assertEquals(100, t.self(work));
        assertEquals("encode", t.name(t.childStart(work)));
        assertEquals("parse", t.name(t.childStart(work) + 1));
    }

    @Test
    void splitByLineKeepsOneNodePerLine() {
        ProfileFixture p = small();
        FlameTree t = FlameTreeBuilder.build(p.source(), p.track(), 1, FlameFilter.ALL.withSplitByLine(true));
        int main = t.child(FlameTree.ROOT, "main");
        assertEquals(400, t.total(t.child(main, "work:10")));
        assertEquals(200, t.total(t.child(main, "work:20")));
        assertEquals(647, t.total());
    }

    @Test
    void selfIsTotalMinusChildrenAndChildrenAreSortedByName() {
        FlameTree t = random(7, 20_000).tree(1);
        for (int n = 0; n < t.size(); n++) {
            long children = 0;
            for (int c = t.childStart(n); c < t.childEnd(n); c++) {
                children += t.total(c);
                assertEquals(n, t.parent(c));
                if (c > t.childStart(n)) {
                    assertTrue(t.name(c - 1).compareTo(t.name(c)) < 0, "sorted and unique under " + t.name(n));
                }
            }
            assertEquals(t.total(n) - children, t.self(n), "node " + t.name(n));
        }
    }

    @Test
    void everyStackSumMatchesANaiveAggregationOfTheSamples() {
        ProfileFixture p = random(11, 5_000);
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < p.track().size(); i++) {
            StringBuilder path = new StringBuilder();
            for (int f : p.source().stacks().framesRootFirst(p.track().stack(i))) {
                path.append(path.length() == 0 ? "" : ";").append(p.source().label(p.source().stacks().frameFunction(f)));
            }
            expected.merge(path.toString(), p.track().value(i, 1), Long::sum);
        }
        expected.values().removeIf(v -> v == 0);
        Map<String, Long> actual = new HashMap<>();
        for (String line : FoldedStacks.toString(p.tree(1), FlameTree.ROOT).split("\n")) {
            int sp = line.lastIndexOf(' ');
            actual.put(line.substring(0, sp), Long.parseLong(line.substring(sp + 1)));
        }
        assertEquals(expected, actual);
    }

    @Test
    void timeWindowAndThreadFilterKeepOnlyTheirSamples() {
        ProfileFixture p = ProfileFixture.cpu()
                .add("main;a", 10, "t1", 1, 1)
                .add("main;b", 20, "t2", 1, 2)
                .add("main;a", 30, "t1", 1, 4)
                .add("main;c", SampleTrack.UNTIMED, "t1", 1, 8);
        FlameTree window = FlameTreeBuilder.build(p.source(), p.track(), 1, FlameFilter.ALL.withWindow(15, 31));
        assertEquals(6, window.total(), "samples at 20 and 30; the untimed one is outside any window");
        int t1 = p.stringId("t1");
        FlameTree thread = FlameTreeBuilder.build(p.source(), p.track(), 1,
                FlameFilter.ALL.withThreads(id -> id == t1));
        assertEquals(13, thread.total());
        assertEquals(-1, thread.child(thread.child(FlameTree.ROOT, "main"), "b"));
    }

    /** A seeded profile with repeated function names at several depths, recursion and lines. */
    static ProfileFixture random(long seed, int samples) {
        Random r = new Random(seed);
        String[] fns = {"main", "run", "net/http.(*conn).serve", "json.Marshal", "io.Copy", "runtime.mallocgc",
                "sort.Sort", "a", "b", "c"};
        ProfileFixture p = ProfileFixture.cpu();
        for (int i = 0; i < samples; i++) {
            int depth = 1 + r.nextInt(8);
            StringBuilder s = new StringBuilder("main");
            for (int d = 1; d < depth; d++) {
                s.append(';').append(fns[r.nextInt(fns.length)]).append('@').append(1 + r.nextInt(3));
            }
            p.add(s.toString(), 1, r.nextInt(1000));
        }
        return p;
    }
}
