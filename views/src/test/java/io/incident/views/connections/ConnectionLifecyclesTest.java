package io.incident.views.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.ReadContext;
import io.incident.parsers.pcap.CaptureModel;
import io.incident.parsers.pcap.Connection;
import io.incident.parsers.pcap.PcapReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.LongUnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Phases computed from the model alone (span + args), on the sample incident's real capture, checked against the
 * answer key in sample-data/README.md and against the reader's full connection table.
 */
class ConnectionLifecyclesTest {
    private static final long S = 1_000_000_000L;
    /** The RST phase's client ports (answer key). */
    private static final Set<Integer> RST_PORTS = Set.of(36914, 58646, 58492, 36638, 58504, 36650, 58532, 36664, 58548,
            36668, 58560, 36682);
    private static CaptureModel capture;
    private static List<ConnectionLifecycle> all;

    @BeforeAll
    static void read() throws Exception {
        Path file = Path.of(System.getProperty("project.root", ".."), "sample-data", "incident", "service.pcap")
                .toAbsolutePath();
        assumeTrue(Files.exists(file), "sample capture not present: " + file);
        capture = PcapReader.readConnections(ReadContext.of(file,
                new SourceInfo(file.toString(), SourceKind.PCAP, Files.size(file), "")));
        all = ConnectionLifecycles.of(capture.source(), LongUnaryOperator.identity());
    }

    private static long at(String utc) {
        Instant i = Instant.parse("2026-11-22T" + utc + "Z");
        return i.getEpochSecond() * S + i.getNano();
    }

    @Test
    void oneLifecyclePerConnectionWithContiguousPhasesInsideIt() {
        assertEquals(capture.connections().size(), all.size());
        for (ConnectionLifecycle c : all) {
            Connection real = capture.connections().get(c.id());
            assertEquals(real.firstTime(), c.start());
            assertEquals(real.lastTime(), c.end());
            assertEquals(real.state().text(), c.state());
            long cursor = c.start();
            for (ConnectionLifecycle.Segment s : c.phases()) {
                assertTrue(s.start() >= cursor && s.end() >= s.start() && s.end() <= c.end(), c + " " + s);
                cursor = s.end();
            }
        }
    }

    @Test
    void theTwelveResetConnectionsEndInTheirRst() {
        List<ConnectionLifecycle> rst = all.stream().filter(c -> RST_PORTS.contains(c.clientPort())
                && c.start() >= at("22:10:31") && c.start() < at("22:10:33")).collect(Collectors.toList());
        assertEquals(12, rst.size());
        for (ConnectionLifecycle c : rst) {
            assertEquals("RST", c.state());
            assertTrue(c.closeReason().startsWith("RST by "), c.closeReason());
            assertTrue(c.rstTime() >= at("22:10:31.2") && c.rstTime() <= at("22:10:33"), c.toString());
            ConnectionLifecycle.Segment last = c.phases().get(c.phases().size() - 1);
            assertEquals(c.rstTime() - c.start(), last.end() - c.start(), 1_000_000, "drawn up to the RST");
            assertEquals(Phase.HANDSHAKE, c.phases().get(0).phase());
        }
    }

    @Test
    void theIdleClientsSitIdleForMinutes() {
        List<ConnectionLifecycle> idle = all.stream().filter(c -> c.start() >= at("22:08:41")
                && c.start() < at("22:08:43") && c.serverPort() == 8080 && c.longest(Phase.IDLE) > 60 * S).collect(Collectors.toList());
        assertEquals(12, idle.size(), "answer key: 12 idle connections opened at 22:08:42 (the capture clock says 22:08:41.3)");
        for (ConnectionLifecycle c : idle) {
            // They stay open until the service is killed at 22:11:09.
            assertTrue(c.end() >= at("22:11:09"), c.toString());
        }
    }

    @Test
    void theBurstWaitsForAServerThatNeverAnswers() {
        List<ConnectionLifecycle> burst = all.stream().filter(c -> c.start() >= at("22:10:40")
                && c.start() < at("22:10:51") && c.serverPort() == 8080).collect(Collectors.toList());
        long waiting = burst.stream().filter(c -> c.longest(Phase.UNANSWERED) > 5 * S).count();
        assertTrue(waiting >= 100, "burst connections waiting for the server: " + waiting + " of " + burst.size());
    }

    @Test
    void filterWordsNarrowTheTable() {
        Source s = capture.source();
        long resets = all.stream().filter(ConnectionFilter.parse("RST")).count();
        assertEquals(((Number) s.summary().get("closedByRst")).longValue(), resets);
        assertEquals(1, all.stream().filter(ConnectionFilter.parse("port:36914")).count());
        long longIdle = all.stream().filter(ConnectionFilter.parse("idle>60s")).count();
        assertTrue(longIdle >= 12, "idle>60s: " + longIdle);
        assertEquals(all.stream().filter(c -> c.duration() > 10 * S).count(),
                all.stream().filter(ConnectionFilter.parse(">10s")).count());
        assertEquals(0, all.stream().filter(ConnectionFilter.parse("RST FIN")).count());
    }
}
