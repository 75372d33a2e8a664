package io.incident.parsers.goroutine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Buckets rebuilt from the model alone (a reopened case) against the buckets of a full parse of the same file. */
class GoroutineDumpsTest {
    private static Path sample(String name) {
        Path p = Path.of(System.getProperty("project.root", ".."), "sample-data", "incident", name).toAbsolutePath();
        assumeTrue(Files.exists(p), "sample-data not present: " + p);
        return p;
    }

    /** What the model keeps of a bucket; the creator is not kept, so the signature drops it. */
    private static List<String> kept(GoroutineDump d, boolean dropCreator) {
        List<String> out = new ArrayList<>();
        for (GoroutineBucket b : d.buckets()) {
            String sig = b.signature();
            if (dropCreator) {
                int nl = sig.indexOf('\n');
                int next = sig.indexOf('\n', nl + 1);
                sig = sig.substring(0, nl + 1) + (next < 0 ? "" : sig.substring(next));
            }
            out.add(b.count() + "|" + b.state() + "|" + b.minWaitMinutes() + "|" + b.maxWaitMinutes() + "|" + b.stack()
                    + "|" + b.topFunction() + "|" + sig);
        }
        out.sort(null);
        return out;
    }

    @Test
    void rebuiltBucketsMatchTheParsedOnesExceptTheCreator() throws Exception {
        for (String name : List.of("goroutines-1.debug2.txt", "goroutines-2.debug2.txt", "goroutines.debug1.txt")) {
            GoroutineDump parsed = GoroutineCorpusTest.parse(sample(name), 0);
            GoroutineDump rebuilt = GoroutineDumps.fromSource(parsed.source());
            assertEquals(kept(parsed, true), kept(rebuilt, false), name);
            assertEquals(parsed.goroutineCount(), rebuilt.goroutineCount(), name);
            assertEquals(parsed.format(), rebuilt.format(), name);
            assertEquals(parsed.longestWaitMinutes(), rebuilt.longestWaitMinutes(), name);
            assertEquals(List.of(), rebuilt.goroutines());
            for (int i = 1; i < rebuilt.buckets().size(); i++) {
                assertTrue(rebuilt.buckets().get(i - 1).count() >= rebuilt.buckets().get(i).count(), "largest first");
            }
        }
    }

    @Test
    void rebuiltDumpsDiffLikeParsedOnes() throws Exception {
        GoroutineDump a = GoroutineDumps.fromSource(GoroutineCorpusTest.parse(sample("goroutines-1.debug2.txt"), 0)
                .source());
        GoroutineDump b = GoroutineDumps.fromSource(GoroutineCorpusTest.parse(sample("goroutines-2.debug2.txt"), 0)
                .source());
        DumpDiff d = DumpDiff.of(a, b, 66_000_000_000L);
        DumpDiff.BucketChange leak = d.grown().get(0);
        assertEquals("main.leakyHandler.func1", leak.topFunction());
        assertEquals(200, leak.before());
        assertEquals(500, leak.after());
        assertEquals(List.of(), d.suspects(), "no goroutine ids in the model, so no suspects");
    }

    @Test
    void aRestartShowsAsALowerHighestId() throws Exception {
        GoroutineDump one = GoroutineCorpusTest.parse(sample("goroutines-1.debug2.txt"), 0);
        GoroutineDump two = GoroutineCorpusTest.parse(sample("goroutines-2.debug2.txt"), 0);
        GoroutineDump three = GoroutineCorpusTest.parse(sample("goroutines-3.debug2.txt"), 0);
        assertEquals(99, GoroutineDumps.maxId(three));
        assertTrue(GoroutineDumps.maybeSameProcess(one, two));
        assertFalse(GoroutineDumps.maybeSameProcess(one, three));
        assertFalse(GoroutineDumps.maybeSameProcess(two, three));
        assertEquals(GoroutineDumps.maxId(two), GoroutineDumps.maxId(GoroutineDumps.fromSource(two.source())),
                "the model keeps the highest id");
        assertFalse(GoroutineDumps.maybeSameProcess(GoroutineDumps.fromSource(one.source()),
                GoroutineDumps.fromSource(three.source())), "a restart is seen from the model alone");
        GoroutineDump debug1 = GoroutineCorpusTest.parse(sample("goroutines.debug1.txt"), 0);
        assertEquals(-1, GoroutineDumps.maxId(debug1));
        assertTrue(GoroutineDumps.maybeSameProcess(debug1, three), "without ids a restart cannot be seen");
    }

    @Test
    void theDefaultPairIsTheFurthestApartOfOneProcess() throws Exception {
        GoroutineDump one = GoroutineCorpusTest.parse(sample("goroutines-1.debug2.txt"), 0);
        GoroutineDump two = GoroutineCorpusTest.parse(sample("goroutines-2.debug2.txt"), 0);
        GoroutineDump three = GoroutineCorpusTest.parse(sample("goroutines-3.debug2.txt"), 0);
        GoroutineDump debug1 = GoroutineCorpusTest.parse(sample("goroutines.debug1.txt"), 0);
        List<GoroutineDump> dumps = List.of(three, debug1, two, one);
        long s = 1_000_000_000L;
        // Times of the sample run: 22:09:01, 22:10:07 and 22:11:31 (after the restart); debug=1 with dump 2.
        assertEquals(List.of(3, 2), List.of(box(GoroutineDumps.furthestPair(dumps, new long[] {150 * s, 66 * s, 66 * s,
                0}))));
        // All at one time (file times lost, as in a git checkout): 1 -> 2 shares the 200 leaked goroutines, 3 -> 2 only
        // what every Go process starts with.
        assertTrue(GoroutineDumps.shared(one, two) >= 200);
        assertTrue(GoroutineDumps.shared(three, two) < 20, "shared " + GoroutineDumps.shared(three, two));
        assertEquals(List.of(3, 2), List.of(box(GoroutineDumps.furthestPair(dumps, new long[4]))));
        assertEquals(null, GoroutineDumps.furthestPair(List.of(one, debug1), new long[] {0, s}));
        List<GoroutineDump> rebuilt = dumps.stream().map(d -> GoroutineDumps.fromSource(d.source())).toList();
        assertEquals(List.of(3, 2), List.of(box(GoroutineDumps.furthestPair(rebuilt, new long[4]))),
                "from the model alone too");
        assertEquals(List.of(3, 2), List.of(box(GoroutineDumps.furthestPair(rebuilt, new long[] {150 * s, 66 * s,
                66 * s, 0}))));
    }

    private static Integer[] box(int[] pair) {
        return new Integer[] {pair[0], pair[1]};
    }
}
