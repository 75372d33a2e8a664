package io.incident.parsers.pprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.ModelText;
import io.incident.model.SampleTrack;
import io.incident.model.Source;
import io.incident.parsers.ArtifactException;
import io.incident.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every pprof file of the shared corpus against the totals go tool pprof -raw reported (expected-totals.tsv). */
class PprofCorpusTest {
    record Expected(String file, boolean accepted, String types, String goError, long[] totals) {
        @Override
        public String toString() {
            return file;
        }
    }

    static List<Expected> expected() throws IOException {
        Corpus.assume();
        List<Expected> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/pprof/expected-totals.tsv"))) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            boolean ok = f[1].equals("OK");
            long[] totals = ok ? Arrays.stream(f[4].split(",")).mapToLong(Long::parseLong).toArray() : new long[0];
            out.add(new Expected(f[0], ok, ok ? f[2].replace("[dflt]", "") : "", ok ? "" : f[2], totals));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("expected")
    void totalsMatchGoToolPprof(Expected e) throws Exception {
        Path file = Corpus.root().resolve(e.file());
        if (!e.accepted()) {
            ArtifactException x = assertThrows(ArtifactException.class, () -> PprofTesting.read(file),
                    "go tool pprof rejects it: " + e.goError());
            assertFalse(x.getMessage().isBlank());
            return;
        }
        Source s = PprofTesting.read(file);
        SampleTrack track = (SampleTrack) s.tracks().stream().filter(t -> t instanceof SampleTrack).findFirst()
                .orElseThrow();
        String types = track.types().stream().map(t -> t.type() + "/" + t.unit()).collect(Collectors.joining(" "));
        assertEquals(e.types(), types);
        long[] totals = new long[track.types().size()];
        for (int i = 0; i < totals.length; i++) {
            totals[i] = track.total(i);
        }
        assertEquals(Arrays.toString(e.totals()), Arrays.toString(totals));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> summary = (List<Map<String, Object>>) s.summary().get("sampleTypes");
        assertEquals(Arrays.stream(totals).boxed().toList(), summary.stream().map(m -> m.get("total")).toList());
    }

    @org.junit.jupiter.api.Test
    void everyCorpusProfileIsInTheExpectations() throws IOException {
        Set<String> listed = expected().stream().map(Expected::file).collect(Collectors.toSet());
        Set<String> kinds = Set.of("pprof", "pprof-malformed", "pprof-fuzz");
        List<String> missing = Corpus.entries().stream().filter(en -> kinds.contains(en.kind()))
                .map(Corpus.Entry::file).filter(f -> !listed.contains(f)).toList();
        assertEquals(List.of(), missing);
    }

    @ParameterizedTest
    @MethodSource("expected")
    void detectionPicksThePprofReaderForEveryProfileGoToolPprofAccepts(Expected e) throws IOException {
        if (e.accepted()) {
            assertEquals(io.incident.model.SourceKind.PPROF,
                    io.incident.parsers.Formats.detect(Corpus.root().resolve(e.file())).kind(), e.file());
        }
    }

    @org.junit.jupiter.api.Test
    void progressEndsAtTheFileSize() throws Exception {
        Corpus.assume();
        Path file = Corpus.root().resolve("pprof/made_goleak_cpu.pb");
        List<long[]> reports = new ArrayList<>();
        io.incident.parsers.ReadContext plain = PprofTesting.context(file, io.incident.parsers.Limits.DEFAULT);
        new PprofReader().read(new io.incident.parsers.ReadContext(file, plain.info(), plain.limits(),
                (done, total) -> reports.add(new long[] {done, total}), plain.cancellation()));
        assertEquals("[13040, 13040]", Arrays.toString(reports.get(reports.size() - 1)));
    }

    static Stream<String> throttledFiles() {
        return Stream.of("pprof/parca_fib.pb.gz", "pprof/made_goleak_cpu.pb", "pprof/made_goleak_heap_debug1.txt",
                "pprof/google-pprof_java.heap", "pprof/google-pprof_go.crc32.cpu", "pprof/google-pprof_java.cpu",
                "pprof/google-pprof_cppbench.thread.none", "pprof/made_goleak_block_debug1.txt");
    }

    @ParameterizedTest
    @MethodSource("throttledFiles")
    void chunkedInputGivesTheSameModel(String name) throws Exception {
        Corpus.assume();
        Path file = Corpus.root().resolve(name);
        String whole = ModelText.describe(PprofTesting.read(file), 1_000_000);
        assertEquals(whole, ModelText.describe(PprofTesting.readThrottled(file, 1), 1_000_000));
        assertEquals(whole, ModelText.describe(PprofTesting.readThrottled(file, 7), 1_000_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pprof/parca_two-stacks.pb.gz", "pprof/made_goleak_threadcreate.pb.gz",
        "pprof/google-pprof_java.contention", "pprof/google-pprof_go.godoc.thread", "pprof/made_goleak_mutex.pb.gz",
        "pprof/made_goleak_block_debug1.txt", "pprof/google-pprof_java.cpu"})
    void goldens(String name) throws Exception {
        Corpus.assume();
        Source s = PprofTesting.read(Corpus.root().resolve(name));
        String golden = "pprof/" + name.substring("pprof/".length()).replaceAll("\\.(pb\\.gz|pb)$", "") + ".golden.txt";
        io.incident.testing.Golden.assertMatches(golden, ModelText.describe(s, 20) + stacks(s, 20));
    }

    /** The first stacks of the sample track, root first, as function (file:line) frames. */
    static String stacks(Source s, int max) {
        StringBuilder b = new StringBuilder();
        for (var t : s.tracks()) {
            if (t instanceof SampleTrack st) {
                for (int i = 0; i < Math.min(max, st.size()); i++) {
                    b.append("stack ").append(i).append(':');
                    for (int f : s.stacks().framesRootFirst(st.stack(i))) {
                        b.append(' ').append(s.label(s.stacks().frameFunction(f)));
                        int file = s.stacks().frameFile(f);
                        if (file != 0) {
                            b.append(" (").append(s.label(file)).append(':').append(s.stacks().frameLine(f)).append(')');
                        }
                        b.append(" <");
                    }
                    b.append('\n');
                }
            }
        }
        assertTrue(b.length() > 0 || s.tracks().isEmpty());
        return b.toString();
    }
}
