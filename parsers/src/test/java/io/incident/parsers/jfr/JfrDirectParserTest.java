package io.incident.parsers.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.incident.model.ModelText;
import io.incident.model.SampleTrack;
import io.incident.model.Source;
import io.incident.model.StackTable;
import io.incident.model.Track;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Limits;
import io.incident.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The direct chunk parser against the JDK's API: every JFR recording of the corpus and of the sample data read both
 * ways gives the same model, track by track, event by event, arg by arg and frame by frame. A recording can be added
 * with {@code -Djfr.compare.extra=FILE} (the bench recording, say).
 */
class JfrDirectParserTest {
    private static final String API_PATH = "jfr-api-path";

    static Stream<Path> recordings() throws IOException {
        List<Path> out = new ArrayList<>();
        Path sample = Path.of("../sample-data/incident/client.jfr");
        if (Files.exists(sample)) {
            out.add(sample);
        }
        if (Corpus.present()) {
            try (Stream<Path> s = Files.list(Corpus.root().resolve("jfr"))) {
                s.filter(p -> p.toString().endsWith(".jfr") || p.toString().endsWith(".jfr.gz")).sorted()
                        .forEach(out::add);
            }
        }
        String extra = System.getProperty("jfr.compare.extra");
        if (extra != null) {
            out.add(Path.of(extra));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void directModelEqualsTheApiModel(Path file) {
        Object api = read(file, false);
        Object direct = read(file, true);
        if (api instanceof String refusedByApi) {
            assertEquals(refusedByApi, direct);
            return;
        }
        Source a = (Source) api;
        Source d = assertInstanceOf(Source.class, direct);
        for (int t = 0; t < Math.min(a.tracks().size(), d.tracks().size()); t++) {
            Track at = a.tracks().get(t);
            Track dt = d.tracks().get(t);
            for (int i = 0; i < at.size(); i++) {
                String want = event(a, at, i);
                String got = event(d, dt, i);
                if (!want.equals(got)) {
                    assertEquals(want, got, at.name() + " event " + i);
                }
            }
        }
        assertEquals(ModelText.describe(a, 0), withoutApiPathNotes(ModelText.describe(d, 0)));
    }

    /** An event as ModelText has it, and for a sample each frame's function, file and line. */
    private static String event(Source s, Track t, int i) {
        String text = ModelText.event(s, t, i);
        if (!(t instanceof SampleTrack sm)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text);
        StackTable st = s.stacks();
        for (int f : st.framesRootFirst(sm.stack(i))) {
            b.append(' ').append(s.label(st.frameFunction(f))).append('@').append(s.label(st.frameFile(f)))
                    .append(':').append(st.frameLine(f));
        }
        return b.toString();
    }

    private static Object read(Path file, boolean direct) {
        try {
            return JfrTestFiles.read(file, Limits.DEFAULT, new JfrReader(direct));
        } catch (ArtifactException e) {
            return "refused " + e.getMessage();
        }
    }

    /** Only format 1.x chunks (JDK 9) take the JDK's API; every 2.x chunk of these recordings is read directly. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void onlyFormat1ChunksTakeTheApiPath(Path file) {
        List<String> slow = model(file, true).lines().filter(l -> l.contains(API_PATH) && !l.contains(": format 1."))
                .toList();
        assertEquals(List.of(), slow);
    }

    private static String withoutApiPathNotes(String model) {
        return model.lines().filter(l -> !(l.startsWith("diagnostic ") && l.contains(API_PATH)))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static String model(Path file, boolean direct) {
        Object s = read(file, direct);
        return s instanceof Source src ? ModelText.describe(src, 0) : (String) s;
    }
}
