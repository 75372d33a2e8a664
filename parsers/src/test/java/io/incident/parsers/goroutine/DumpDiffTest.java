package io.incident.parsers.goroutine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.incident.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The diff on real dumps. The corpus holds no two dumps of one process, so beside a real same-process pair fetched from
 * {@code src/test/go/parkmany} (see its fetch-dump.sh) the semantics are checked on two runs of one program (esbuild at
 * GOTRACEBACK=all and =crash), on two subcommands of one binary, and on one dump against itself; the sample-data pair is
 * used when it exists.
 */
class DumpDiffTest {
    private static final long MINUTE = 60_000_000_000L;

    private static GoroutineDump corpus(String name) throws Exception {
        Corpus.assume();
        return GoroutineCorpusTest.parse(Corpus.root().resolve("goroutine").resolve(name), 0);
    }

    /** Goroutine id to printed wait minutes, read from the headers with a regex, as the oracle. */
    private static Map<Long, Integer> waits(Path file) throws Exception {
        Matcher m = Pattern.compile("(?m)^goroutine (\\d+) \\[[^\\]]*?, (\\d+) minutes")
                .matcher(Files.readString(file));
        Map<Long, Integer> out = new HashMap<>();
        while (m.find()) {
            out.put(Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return out;
    }

    private static long count(Path file, String needle) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> l.startsWith(needle)).count();
    }

    @Test
    void twoDumpsOfOneProcess() throws Exception {
        Path dir = Path.of("src/test/resources/goroutine");
        Path first = dir.resolve("parkmany-pair-1.debug2.txt");
        Path second = dir.resolve("parkmany-pair-2.debug2.txt");
        List<String> times = Files.readAllLines(dir.resolve("parkmany-pair.when")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        long between = Long.parseLong(times.get(1).trim()) - Long.parseLong(times.get(0).trim());
        GoroutineDump a = GoroutineCorpusTest.parse(first, 0);
        GoroutineDump b = GoroutineCorpusTest.parse(second, 0);
        DumpDiff d = DumpDiff.of(a, b, between);

        DumpDiff.BucketChange leak = d.grown().stream().filter(x -> x.topFunction().equals("main.parkLeak"))
                .findFirst().orElseThrow(() -> new AssertionError("the leak bucket did not grow: " + d.grown()));
        assertEquals(count(first, "main.parkLeak("), leak.before());
        assertEquals(count(second, "main.parkLeak("), leak.after());
        assertTrue(d.vanished().stream().noneMatch(x -> x.signature().contains("main.park")),
                "parked goroutines never leave: " + d.vanished());

        Map<Long, Integer> before = waits(first);
        Map<Long, Integer> after = waits(second);
        double minutes = between / 60e9;
        Set<Long> expected = new HashSet<>();
        after.forEach((id, w) -> {
            if (before.containsKey(id) && Math.abs(w - before.get(id) - minutes) <= 1) {
                expected.add(id);
            }
        });
        Set<Long> suspects = new HashSet<>();
        d.suspects().forEach(s -> suspects.add(s.id()));
        assertTrue(suspects.size() > 10, "the parked goroutines were blocked through the whole interval");
        assertTrue(suspects.containsAll(expected), "every goroutine whose printed wait grew with the clock is a suspect");
        for (DumpDiff.LeakSuspect s : d.suspects()) {
            assertTrue(s.waitBefore() < 0 || expected.contains(s.id()), "suspect " + s);
        }
    }

    @Test
    void twoRunsOfOneProgram() throws Exception {
        GoroutineDump all = corpus("made_esbuild_go1.26_SIGQUIT_GOTRACEBACK_all.txt");
        GoroutineDump crash = corpus("made_esbuild_go1.26_SIGQUIT_GOTRACEBACK_crash.txt");
        DumpDiff d = DumpDiff.of(all, crash, 0);
        // crash makes every M print its g0: 4 'goroutine 0' headers instead of 1, and the reader goroutine shows twice.
        assertEquals(1, d.grown().size());
        assertEquals("syscall", d.grown().get(0).state());
        assertEquals(1, d.grown().get(0).before());
        assertEquals(2, d.grown().get(0).after());
        assertEquals(3, d.appeared().stream().mapToLong(DumpDiff.BucketChange::after).sum());
        assertTrue(d.appeared().stream().allMatch(b -> b.state().equals("idle")), d.appeared().toString());
        assertEquals(List.of(), d.vanished());
        assertEquals(List.of(), d.suspects(), "no goroutine of these dumps printed a wait");
    }

    @Test
    void twoSubcommandsOfOneBinary() throws Exception {
        GoroutineDump a = corpus("made_panicparse-cmd-panic_goroutine_100.txt");
        GoroutineDump b = corpus("made_panicparse-cmd-panic_goroutine_dedupe_pointers.txt");
        DumpDiff d = DumpDiff.of(a, b, 0);
        assertEquals(List.of(), d.grown());
        assertEquals(100, d.vanished().get(0).before());
        assertEquals(100, d.appeared().get(0).after());
        assertEquals("time.Sleep", d.appeared().get(0).topFunction());
        assertEquals("main.glob..func8", d.appeared().get(0).createdBy());
        assertEquals("main.glob..func7", d.vanished().get(0).createdBy());
    }

    @Test
    void blockedGoroutinesOfOneDumpAreSuspectsOnlyWhenTheClockAgrees() throws Exception {
        Path file = Corpus.root().resolve("goroutine/panicparse_static_panicweb_debug2.txt");
        GoroutineDump dump = corpus(file.getFileName().toString());
        Matcher m = Pattern.compile("(?m)^goroutine (\\d+) \\[[^\\]]*, \\d+ minutes").matcher(Files.readString(file));
        Set<Long> waiting = new HashSet<>();
        while (m.find()) {
            waiting.add(Long.parseLong(m.group(1)));
        }
        DumpDiff same = DumpDiff.of(dump, dump, 0);
        assertEquals(List.of(), same.grown());
        assertEquals(List.of(), same.appeared());
        assertEquals(List.of(), same.vanished());
        Set<Long> suspects = new HashSet<>();
        same.suspects().forEach(s -> suspects.add(s.id()));
        assertEquals(waiting, suspects, "with no time between, every goroutine that printed a wait kept it");
        assertEquals(List.of(), DumpDiff.of(dump, dump, 5 * MINUTE).suspects(),
                "five minutes later their wait would have grown by five");
    }

    @Test
    void samplePairFromSampleData() throws Exception {
        Path dir = Path.of(System.getProperty("project.root", ".."), "sample-data", "incident").toAbsolutePath();
        Path first = dir.resolve("goroutines-1.debug2.txt");
        Path second = dir.resolve("goroutines-2.debug2.txt");
        assumeTrue(Files.exists(first) && Files.exists(second), "sample-data goroutine dumps not present in " + dir);
        GoroutineDump a = GoroutineCorpusTest.parse(first, 0);
        GoroutineDump b = GoroutineCorpusTest.parse(second, 0);
        long between = Files.getLastModifiedTime(second).toMillis() - Files.getLastModifiedTime(first).toMillis();
        DumpDiff d = DumpDiff.of(a, b, Math.max(0, between) * 1_000_000L);
        Set<Long> idsA = new HashSet<>();
        a.goroutines().forEach(g -> idsA.add(g.id()));
        for (DumpDiff.LeakSuspect s : d.suspects()) {
            assertTrue(idsA.contains(s.id()));
            assertTrue(s.waitAfter() >= s.waitBefore());
        }
        long net = b.goroutineCount() - a.goroutineCount();
        long explained = d.grown().stream().mapToLong(DumpDiff.BucketChange::delta).sum()
                + d.appeared().stream().mapToLong(DumpDiff.BucketChange::after).sum()
                - d.vanished().stream().mapToLong(DumpDiff.BucketChange::before).sum();
        assertTrue(explained >= net, "growth, new and vanished buckets account for at least the net change");
    }
}
