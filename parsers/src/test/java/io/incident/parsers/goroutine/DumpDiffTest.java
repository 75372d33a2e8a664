package io.incident.parsers.goroutine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.incident.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The diff on real dumps. The corpus holds no two dumps of one process, so the semantics are checked on two runs of one
 * program (esbuild at GOTRACEBACK=all and =crash), on two subcommands of one binary, and on one dump against itself;
 * the sample-data pair is used when it exists.
 */
class DumpDiffTest {
    private static final long MINUTE = 60_000_000_000L;

    private static GoroutineDump corpus(String name) throws Exception {
        Corpus.assume();
        return GoroutineCorpusTest.parse(Corpus.root().resolve("goroutine").resolve(name), 0);
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
