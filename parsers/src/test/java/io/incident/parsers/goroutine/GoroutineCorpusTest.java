package io.incident.parsers.goroutine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.ModelText;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.Head;
import io.incident.parsers.Inputs;
import io.incident.parsers.ReadContext;
import io.incident.testing.Corpus;
import io.incident.testing.ThrottledInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every goroutine file of the shared corpus, against counts computed once with grep. */
class GoroutineCorpusTest {
    static Stream<Corpus.Entry> files() {
        return Corpus.ofKind("goroutine").stream();
    }

    static Map<String, Long> expectedCounts() throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/goroutine/expected-counts.tsv"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] f = line.split("\t");
                out.put(f[0], Long.parseLong(f[1]));
            }
        }
        return out;
    }

    static GoroutineDump parse(Path file, int chunk) throws Exception {
        ReadContext ctx = ReadContext.of(file, new SourceInfo(file.getFileName().toString(), SourceKind.GOROUTINE_DUMP,
                Files.size(file), null));
        try (InputStream in = chunk > 0 ? new ThrottledInputStream(Files.newInputStream(file), chunk)
                : Files.newInputStream(file)) {
            return GoroutineDumpReader.parse(in, ctx.info(), ctx.limits(), ctx.progress(), Files.size(file),
                    ctx.cancellation());
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void goroutineCountMatchesGrep(Corpus.Entry e) throws Exception {
        Long expected = expectedCounts().get(e.file());
        assertTrue(expected != null, "expected-counts.tsv has no row for " + e.file());
        GoroutineDump dump = parse(e.path(), 0);
        assertEquals(expected, dump.source().summary().get("goroutines"), e.file());
        assertEquals(expected, dump.goroutineCount());
        assertEquals(dump.buckets().size(), dump.source().summary().get("buckets"));
        long inBuckets = dump.buckets().stream().mapToLong(GoroutineBucket::count).sum();
        assertEquals(expected.longValue(), inBuckets, "every goroutine is in exactly one bucket");
        assertEquals(Boolean.FALSE, dump.source().summary().get("truncated"), "no corpus file is cut off");
    }

    @ParameterizedTest
    @MethodSource("files")
    void detectedAsGoroutineDump(Corpus.Entry e) throws Exception {
        Head head = Inputs.head(e.path());
        assertTrue(new GoroutineDumpReader().recognizes(head), e.file());
    }

    @ParameterizedTest
    @MethodSource("files")
    void throttledChunksGiveTheSameModel(Corpus.Entry e) throws Exception {
        String whole = ModelText.describe(parse(e.path(), 0).source(), Integer.MAX_VALUE);
        assertEquals(whole, ModelText.describe(parse(e.path(), 1).source(), Integer.MAX_VALUE), "1-byte chunks");
        assertEquals(whole, ModelText.describe(parse(e.path(), 7).source(), Integer.MAX_VALUE), "7-byte chunks");
    }

    @ParameterizedTest
    @MethodSource("files")
    void noUnknownLinesInsideGoroutines(Corpus.Entry e) throws Exception {
        GoroutineDump dump = parse(e.path(), 0);
        List<String> bad = dump.source().diagnostics().stream()
                .filter(d -> !d.name().equals("log-line")).map(Object::toString).toList();
        assertEquals(List.of(), bad, e.file());
    }

    @ParameterizedTest
    @MethodSource("files")
    void bucketsAreSortedAndStacksAreRootFirst(Corpus.Entry e) throws Exception {
        GoroutineDump dump = parse(e.path(), 0);
        for (int i = 1; i < dump.buckets().size(); i++) {
            assertTrue(dump.buckets().get(i - 1).count() >= dump.buckets().get(i).count());
        }
        for (Goroutine g : dump.goroutines()) {
            List<String> fns = dump.functions(g.stack());
            assertFalse(fns.isEmpty() && g.stack() != 0);
            if (!fns.isEmpty() && fns.get(0).equals("runtime.main")) {
                assertEquals("runtime.main", fns.get(0), "root first");
            }
            assertEquals(g.bucket() < dump.buckets().size(), true);
            assertEquals(dump.buckets().get(g.bucket()).stack(), g.stack());
        }
    }

    static String text(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
