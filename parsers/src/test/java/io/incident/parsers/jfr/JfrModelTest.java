package io.incident.parsers.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.ModelText;
import io.incident.model.SampleTrack;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import io.incident.testing.Golden;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the tracks hold, checked against goldens and against the corpus maker's own {@code jfr print} output. */
class JfrModelTest {
    @TempDir
    Path dir;

    @Test
    void profileRecordingGolden() throws Exception {
        Source s = JfrTestFiles.read(JfrTestFiles.corpus("jfr/made_jdk17_workload_profile.jfr"));
        Golden.assertMatches("jfr/made_jdk17_workload_profile.golden.txt", ModelText.describe(s, 3));
    }

    @Test
    void asyncProfilerRecordingGolden() throws Exception {
        Source s = JfrTestFiles.read(JfrTestFiles.corpus("jfr/pyroscope_async-profiler_dump1.jfr.gz"));
        Golden.assertMatches("jfr/async-profiler_dump1.golden.txt", ModelText.describe(s, 3));
        SampleTrack cpu = (SampleTrack) track(s, JfrTracks.CPU_SAMPLES);
        assertEquals(2188, cpu.size());
    }

    @Test
    void gzipWrappedReadsLikeItsContent() throws Exception {
        Path gz = JfrTestFiles.corpus("jfr/jmc_io_test.jfr.gz");
        Path plain = dir.resolve("io_test.jfr");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, plain, StandardCopyOption.REPLACE_EXISTING);
        }
        String a = ModelText.describe(JfrTestFiles.read(gz), 5);
        String b = ModelText.describe(JfrTestFiles.read(plain), 5);
        assertEquals(b, a);
    }

    @Test
    void socketSpansCarryAddressAndPortForTheTimeline() throws Exception {
        Source s = JfrTestFiles.read(JfrTestFiles.corpus("jfr/made_jdk17_workload_profile.jfr"));
        SpanTrack io = (SpanTrack) track(s, JfrTracks.SOCKET_IO);
        assertTrue(io.size() > 0);
        for (int i = 0; i < io.size(); i++) {
            Map<String, String> args = s.argsOf(io.args(i));
            assertFalse(args.getOrDefault("address", "").isEmpty(), args::toString);
            assertTrue(args.getOrDefault("port", "").matches("\\d+"), args::toString);
        }
    }

    /** The corpus maker printed every GC, monitor-enter and park event with {@code jfr print}; we hold them all. */
    @Test
    void gcParkAndMonitorEventsMatchJfrPrint() throws Exception {
        String print = Files.readString(JfrTestFiles.corpus(
                "jfr/expected/made_jdk17_workload_default.gc_park_monitor.txt"));
        Source s = JfrTestFiles.read(JfrTestFiles.corpus("jfr/made_jdk17_workload_default.jfr"));
        SpanTrack gc = (SpanTrack) track(s, JfrTracks.GC_PAUSES);
        assertEquals(count(print, "jdk.GarbageCollection {"), gc.size());
        assertEquals(count(print, "jdk.JavaMonitorEnter {"), threadSpans(s, "monitor enter"));
        assertEquals(count(print, "jdk.ThreadPark {"), threadSpans(s, "park"));
        Matcher first = Pattern.compile("jdk.GarbageCollection \\{\\s+startTime = \\S+\\s+duration = \\S+ \\S+\\s+"
                + "gcId = (\\d+)\\s+name = \"([^\"]+)\"\\s+cause = \"([^\"]+)\"").matcher(print);
        assertTrue(first.find());
        Map<String, String> args = s.argsOf(gc.args(0));
        assertEquals(List.of(first.group(1), first.group(2), first.group(3)),
                List.of(args.get("gcId"), args.get("name"), args.get("cause")));
    }

    @Test
    void browserListsTypesAndPagesEventsWithFieldsAndStacks() throws Exception {
        Path file = JfrTestFiles.corpus("jfr/made_jdk17_workload_default.jfr");
        Source s = JfrTestFiles.read(file);
        try (JfrBrowser b = JfrBrowser.open(file)) {
            assertEquals(s.summary().get("eventTypes"), b.eventTypes());
            List<JfrBrowser.Event> page = b.events("jdk.ThreadPark", 0, 2);
            assertEquals(2, page.size());
            JfrBrowser.Event e = page.get(0);
            assertEquals("jdk.ThreadPark", e.type());
            assertEquals(List.of("startTime", "duration", "eventThread", "parkedClass", "timeout", "until", "address"),
                    e.fields().stream().map(JfrBrowser.Field::name).toList());
            assertFalse(e.stack().isEmpty());
            // Fields read as in JMC: the start as the event's own instant, not raw ticks; the duration in ms.
            assertEquals(java.time.Instant.ofEpochSecond(0, e.startNanos()).toString(), field(e, "startTime"));
            assertTrue(field(e, "duration").endsWith(" ms"), field(e, "duration"));
            assertTrue(field(e, "address").startsWith("0x"), field(e, "address"));
            assertEquals(page.get(1), b.events("jdk.ThreadPark", 1, 1).get(0));
            long gcs = b.eventTypes().get("jdk.GarbageCollection");
            assertEquals(1, b.events("jdk.GarbageCollection", gcs - 1, 10).size());
        }
    }

    private static String field(JfrBrowser.Event e, String name) {
        return e.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().value();
    }

    private static long threadSpans(Source s, String label) {
        long n = 0;
        for (Track t : s.tracks()) {
            if (t instanceof SpanTrack st && JfrTracks.THREADS.equals(t.group())) {
                for (int i = 0; i < st.size(); i++) {
                    n += s.label(st.label(i)).equals(label) ? 1 : 0;
                }
            }
        }
        return n;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    static Track track(Source s, String name) {
        return s.tracks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no track " + name));
    }
}
