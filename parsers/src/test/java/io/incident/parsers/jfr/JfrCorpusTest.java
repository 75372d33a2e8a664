package io.incident.parsers.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.Diagnostic;
import io.incident.model.Source;
import io.incident.parsers.ArtifactException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every JFR recording of the corpus against the expectations made once with {@code jfr summary}. */
class JfrCorpusTest {
    static Stream<JfrTestFiles.Expected> readable() throws IOException {
        return JfrTestFiles.expected().stream().filter(e -> e.error() == null);
    }

    static Stream<JfrTestFiles.Expected> refused() throws IOException {
        return JfrTestFiles.expected().stream().filter(e -> e.error() != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void countsEqualJfrSummary(JfrTestFiles.Expected expected) throws Exception {
        Source s = JfrTestFiles.read(JfrTestFiles.corpus(expected.file()));
        Map<String, Long> want = JfrTestFiles.eventCounts(expected);
        @SuppressWarnings("unchecked")
        Map<String, Long> got = (Map<String, Long>) s.summary().get("eventTypes");
        assertEquals(new TreeMap<>(want), new TreeMap<>(got));
        assertEquals(want.values().stream().mapToLong(Long::longValue).sum(), s.summary().get("events"));
        assertEquals(expected.chunks(), s.summary().get("chunks"));
        // JDK 9 chunks (format 1.x) go to the JDK's API with a note saying so; JfrDirectParserTest pins that down.
        List<Diagnostic> problems = s.diagnostics().stream().filter(d -> !d.name().equals("jfr-api-path")).toList();
        assertTrue(problems.isEmpty(), () -> "no diagnostics expected: " + problems);
    }

    /** jfr summary refuses these; the reader refuses them too, naming the version or the place and sizes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedLikeJfrSummary(JfrTestFiles.Expected expected) {
        Path file = JfrTestFiles.corpus(expected.file());
        ArtifactException e = assertThrows(ArtifactException.class, () -> JfrTestFiles.read(file));
        if (expected.error().contains("File version 0.9")) {
            assertEquals("byte 0", e.where());
            assertTrue(e.expected().startsWith(
                    "JFR format 0.9 (JDK 7/8 or JRockit) is not readable by the JDK 17 API"), e.getMessage());
        } else {
            assertEquals("byte 0", e.where());
            assertTrue(e.expected().matches("a complete first chunk( header)? expected: it declares \\d+ bytes but"
                    + " only \\d+ are available"), e.getMessage());
        }
        assertFalse(e.getMessage().isEmpty());
    }
}
