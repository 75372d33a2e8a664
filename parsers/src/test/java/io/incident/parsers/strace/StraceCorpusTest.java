package io.incident.parsers.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.Diagnostic;
import io.incident.model.ModelText;
import io.incident.model.Source;
import io.incident.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every strace file of the shared corpus: nothing left unparsed, and errno counts equal to grep's. */
class StraceCorpusTest {
    static Stream<Corpus.Entry> straceFiles() {
        return Stream.concat(Corpus.ofKind("strace").stream(), Corpus.ofKind("strace-malformed").stream());
    }

    /** src/test/resources/strace/expected-errors.tsv: file, errno, count, made once with grep (see its comment). */
    static Map<String, Map<String, Long>> expectedErrors() throws IOException {
        Map<String, Map<String, Long>> out = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/strace/expected-errors.tsv"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            out.computeIfAbsent(f[0], k -> new TreeMap<>()).put(f[1], Long.parseLong(f[2]));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("straceFiles")
    void readsEveryLineAndCountsErrnosAsGrepDoes(Corpus.Entry entry) throws Exception {
        Source s = StraceTesting.read(entry.path());
        Map<String, Object> summary = s.summary();
        assertEquals(0L, summary.get("unparsedLines"), () -> entry.file() + " " + s.diagnostics());
        assertEquals(expectedErrors().getOrDefault(entry.file(), Map.of()), new TreeMap<>(asMap(summary.get("errors"))),
                entry.file());
        assertTrue((Long) summary.get("lines") > 0);
        if (entry.kind().equals("strace-malformed")) {
            Diagnostic tail = s.diagnostics().stream().filter(d -> d.name().equals("truncated-tail")).findFirst()
                    .orElseThrow();
            assertEquals("line 76", tail.firstWhere());
        } else {
            assertEquals(List.of(), s.diagnostics().stream().filter(d -> d.severity().ordinal() > 0
                    && !d.name().equals("resumed-without-unfinished")).toList(), entry.file());
        }
    }

    @ParameterizedTest
    @MethodSource("straceFiles")
    void throttledReadsGiveTheSameModel(Corpus.Entry entry) throws Exception {
        String whole = ModelText.describe(StraceTesting.read(entry.path()), Integer.MAX_VALUE);
        assertEquals(whole, ModelText.describe(StraceTesting.readThrottled(entry.path(), 7), Integer.MAX_VALUE));
        if (entry.size() < 30_000) {
            assertEquals(whole, ModelText.describe(StraceTesting.readThrottled(entry.path(), 1), Integer.MAX_VALUE));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> asMap(Object o) {
        return (Map<String, Long>) o;
    }
}
