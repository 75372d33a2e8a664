package io.incident.app.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incident.app.Launcher;
import io.incident.app.SampleData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample incident was recorded on one clock, so its true offsets are zero. The test skews copies of its sources by
 * known amounts, the way a wrong clock would look ({@code editcap -t} for the capture, rewritten time stamps for the
 * strace text), and checks that {@code align --json} recovers each skew within 1 ms.
 */
class AlignRecoveryTest {
    private static final long MS = 1_000_000L;
    private static final long PCAP_SKEW = 3_700_000_000L;
    private static final long STRACE_SKEW = -1_250_000_000L;

    @TempDir
    Path dir;

    @Test
    void alignRecoversKnownSkewsWithinOneMillisecond() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/editcap")), "editcap (wireshark-common) is not installed");
        Path journal = Files.copy(SampleData.incident("journal.export"), dir.resolve("journal.export"));
        Path pcap = dir.resolve("service.pcap");
        Process editcap = new ProcessBuilder("editcap", "-t", "3.7", SampleData.incident("service.pcap").toString(),
                pcap.toString()).inheritIO().start();
        assertEquals(0, editcap.waitFor());
        Path strace = dir.resolve("service.strace");
        shiftStrace(SampleData.incident("service.strace"), strace, STRACE_SKEW);
        Path dump = Files.copy(SampleData.incident("goroutines-1.debug2.txt"), dir.resolve("goroutines-1.debug2.txt"));

        JsonNode rows = alignJson(journal, strace, pcap, dump);

        assertEquals(4, rows.size());
        assertTrue(rows.get(0).get("file").asText().endsWith("journal.export"), rows.get(0).toString());
        assertEquals(0, rows.get(0).get("offsetNanos").asLong(), "the first absolute source is the reference");
        assertNear(-STRACE_SKEW, rows.get(1).get("offsetNanos").asLong(), "strace offset");
        assertEquals("2026-11-22", rows.get(1).get("date").asText(), "date of the time-of-day strace");
        assertNear(-PCAP_SKEW, rows.get(2).get("offsetNanos").asLong(), "capture offset");
        assertNear(expectedFetchEnd(), rows.get(3).get("offsetNanos").asLong(), "goroutine dump placed at its fetch");
        for (int i = 1; i < 4; i++) {
            assertTrue(rows.get(i).get("pairs").asInt() >= 1, rows.get(i).toString());
            assertTrue(rows.get(i).get("residualNanos").asLong() < MS, rows.get(i).toString());
            assertTrue(rows.get(i).get("confidence").asDouble() > 0, rows.get(i).toString());
        }
        assertTrue(rows.get(1).get("pairs").asInt() >= 20, "log lines written by strace and seen by the journal");
        assertTrue(rows.get(2).get("pairs").asInt() >= 20, "close() against the capture's FIN");
    }

    @Test
    void theJfrRecordingIsPlacedByItsSocketReadsAgainstAShiftedCapture() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/editcap")), "editcap (wireshark-common) is not installed");
        Path pcap = dir.resolve("service.pcap");
        Process editcap = new ProcessBuilder("editcap", "-t", "3.7", SampleData.incident("service.pcap").toString(),
                pcap.toString()).inheritIO().start();
        assertEquals(0, editcap.waitFor());

        JsonNode rows = alignJson(pcap, SampleData.incident("client.jfr"));

        JsonNode jfr = rows.get(1);
        assertTrue(jfr.get("file").asText().endsWith("client.jfr"), jfr.toString());
        assertNear(PCAP_SKEW, jfr.get("offsetNanos").asLong(), "JFR offset against the capture moved 3.7 s later");
        assertTrue(jfr.get("pairs").asInt() >= 150, "socket reads paired with their segments: " + jfr);
        assertTrue(jfr.get("residualNanos").asLong() < MS, jfr.toString());
        assertTrue(jfr.get("confidence").asDouble() > 0.5, jfr.toString());
    }

    @Test
    void aSourceWithNothingInCommonKeepsItsClockAndSaysSo() throws Exception {
        JsonNode rows = alignJson(SampleData.incident("journal.export"), SampleData.incident("client.jfr"));
        assertEquals(0, rows.get(1).get("pairs").asInt());
        assertEquals(0, rows.get(1).get("offsetNanos").asLong());
        assertEquals(0.0, rows.get(1).get("confidence").asDouble());
    }

    private static JsonNode alignJson(Path... files) throws IOException {
        List<String> args = new ArrayList<>(List.of("align", "--json"));
        for (Path f : files) {
            args.add(f.toString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Launcher.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static void assertNear(long expected, long actual, String what) {
        assertTrue(Math.abs(expected - actual) <= MS, what + ": expected " + expected + " +- 1 ms, got " + actual);
    }

    /** The last packet of the fetch of goroutines-1, from tshark (see the file's comment). */
    private static long expectedFetchEnd() throws IOException {
        for (String line : Files.readAllLines(Path.of("src/test/resources/align/expected-fetch-times.tsv"))) {
            if (line.startsWith("goroutines-1.debug2.txt\t")) {
                return new BigDecimal(line.split("\t")[1]).movePointRight(9).longValueExact();
            }
        }
        throw new IllegalStateException("no expected fetch time for goroutines-1.debug2.txt");
    }

    /** Rewrites every strace {@code -tt} time stamp ({@code PID  HH:MM:SS.micros}) by {@code nanos}. */
    static void shiftStrace(Path in, Path out, long nanos) throws IOException {
        Pattern stamp = Pattern.compile("^(\\d+\\s+)(\\d\\d:\\d\\d:\\d\\d\\.\\d{6})");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(in, StandardCharsets.UTF_8)) {
            Matcher m = stamp.matcher(line);
            if (m.find()) {
                LocalTime t = LocalTime.parse(m.group(2)).plusNanos(nanos);
                String shifted = String.format("%02d:%02d:%02d.%06d", t.getHour(), t.getMinute(), t.getSecond(),
                        t.getNano() / 1000);
                line = m.group(1) + shifted + line.substring(m.end());
            }
            lines.add(line);
        }
        Files.write(out, lines, StandardCharsets.UTF_8);
    }
}
