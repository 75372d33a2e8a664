package io.incident.parsers.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Where idle gaps and resets lie, kept per connection and written into the span args, on the sample incident: the
 * twelve keep-alive clients opened at 22:08:42 sit idle for minutes, and the span args say so without the capture.
 */
class IdlePeriodsTest {
    private static CaptureModel sample() throws Exception {
        Path file = Path.of(System.getProperty("project.root", ".."), "sample-data", "incident", "service.pcap")
                .toAbsolutePath();
        assumeTrue(Files.exists(file), "sample capture not present: " + file);
        return Captures.read(file);
    }

    @Test
    void idlePeriodsAreTheGapsBetweenPacketsInTimeOrder() throws Exception {
        CaptureModel m = sample();
        int withIdle = 0;
        for (Connection c : m.connections().all()) {
            long[] p = c.idlePeriods();
            assertTrue(p.length / 2 <= Connection.MAX_IDLE_PERIODS);
            long sum = 0;
            for (int i = 0; i < p.length; i += 2) {
                assertTrue(p[i] >= c.firstTime() && p[i] + p[i + 1] <= c.lastTime(), "idle inside the connection");
                assertTrue(p[i + 1] >= Connection.IDLE_GAP_NANOS);
                assertTrue(i == 0 || p[i] >= p[i - 2] + p[i - 1], "time order, no overlap");
                sum += p[i + 1];
            }
            if (p.length / 2 < Connection.MAX_IDLE_PERIODS) {
                assertEquals(c.idleTotalNanos(), sum, "every gap kept when fewer than the cap");
            }
            if (p.length > 0) {
                withIdle++;
                long longest = 0;
                for (int i = 1; i < p.length; i += 2) {
                    longest = Math.max(longest, p[i]);
                }
                assertEquals(c.idleLongestNanos(), longest);
            }
        }
        assertTrue(withIdle >= 12, "at least the twelve idle clients have idle periods: " + withIdle);
    }

    @Test
    void spanArgsCarryIdlePeriodsAndResetOffsets() throws Exception {
        CaptureModel m = sample();
        SpanTrack spans = null;
        for (Track t : m.source().tracks()) {
            if (t instanceof SpanTrack s && s.name().equals("TCP connections")) {
                spans = s;
            }
        }
        assertTrue(spans != null);
        for (int i = 0; i < spans.size(); i++) {
            Connection c = m.connections().get(i);
            Map<String, String> a = m.source().argsOf(spans.args(i));
            assertEquals(ConnectionTracks.idle(c), a.getOrDefault("idle", ""));
            if (c.rstTime() >= 0) {
                assertEquals((c.rstTime() - c.firstTime()) / 1_000_000, Long.parseLong(a.get("rst_at_ms")));
            } else {
                assertEquals(null, a.get("rst_at_ms"));
            }
        }
    }
}
