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
    private static final long SECOND = 1_000_000_000L;
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
            assertTrue(p.length / 3 <= Connection.MAX_IDLE_PERIODS);
            long longest = 0;
            for (int i = 0; i < p.length; i += 3) {
                assertTrue(p[i] >= c.firstTime() && p[i] + p[i + 1] <= c.lastTime(), "idle inside the connection");
                assertTrue(p[i + 1] >= Connection.IDLE_GAP_NANOS);
                assertTrue(i == 0 || p[i] >= p[i - 3] + p[i - 2], "time order, no overlap");
                assertTrue(p[i + 2] == 0 || p[i + 2] == 1);
                longest = Math.max(longest, p[i + 1]);
            }
            assertTrue(longest >= c.idleLongestNanos() || c.idleLongestNanos() < Connection.IDLE_GAP_NANOS
                    || p.length / 3 == Connection.MAX_IDLE_PERIODS, "a quiet gap between packets is an idle period");
            if (c.keepAlives() > 0 && longest > 100 * SECOND) {
                withIdle++;
                // Keep-alive probes every 15 s do not break the idle period: it is longer than any gap between packets.
                assertTrue(longest > c.idleLongestNanos(), c.client());
            }
        }
        assertTrue(withIdle >= 12, "the twelve idle clients sit idle over 100 s despite keep-alive probes: " + withIdle);
    }

    @Test
    void theBurstWaitsForTheServerAndTheIdleClientsDoNot() throws Exception {
        CaptureModel m = sample();
        int waiting = 0;
        int idleAfterServer = 0;
        for (Connection c : m.connections().all()) {
            long[] p = c.idlePeriods();
            for (int i = 0; i < p.length; i += 3) {
                if (p[i + 1] > 15 * SECOND && p[i + 1] < 25 * SECOND && p[i + 2] == 0 && c.serverPort() == 8080) {
                    waiting++;
                } else if (p[i + 1] > 100 * SECOND && p[i + 2] == 1) {
                    idleAfterServer++;
                }
            }
        }
        // The EMFILE burst: 160 connections sent part of a request header and were held 20 s unanswered.
        assertTrue(waiting >= 150, "connections waiting about 20 s for the server: " + waiting);
        assertTrue(idleAfterServer >= 12, "connections idle over 100 s after the server's last word: " + idleAfterServer);
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
                assertEquals((c.rstTime() - c.firstTime()) / 1000, Long.parseLong(a.get("rst_at_us")));
            } else {
                assertEquals(null, a.get("rst_at_us"));
            }
        }
    }
}
