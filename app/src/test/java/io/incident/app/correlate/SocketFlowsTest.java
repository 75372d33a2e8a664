package io.incident.app.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.ingest.Candidate;
import io.incident.app.session.CaseSession;
import io.incident.app.session.LoadedSource;
import io.incident.model.EventRef;
import io.incident.model.Flow;
import io.incident.model.Source;
import io.incident.model.SpanTrack;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JFR socket events linked to their connection on a recording of four connections to one server port at once
 * ({@code src/test/resources/align/jfr-sockets}, made by its make.sh): a client's event may fit all four, and is
 * linked only to the one its thread really used, or not at all.
 */
class SocketFlowsTest {
    private static final Path DIR = Path.of("src/test/resources/align/jfr-sockets");

    @Test
    void everyLinkIsTheConnectionTheEventsThreadUsed(@TempDir Path tmp) throws Exception {
        Map<String, String> threadByPort = new HashMap<>();
        for (String line : Files.readAllLines(DIR.resolve("connections.tsv"))) {
            if (!line.startsWith("#")) {
                threadByPort.put(line.split("\t")[0], line.split("\t")[2]);
            }
        }
        try (CaseSession s = CaseSession.open(tmp.resolve("c.incident"), new ArrayList<>())) {
            for (String f : List.of("socketpair.pcap", "socketpair.jfr")) {
                s.importCandidate(new Candidate(f, DIR.resolve(f)), Progress.NONE, Cancellation.none());
            }
            List<LoadedSource> sources = s.sources();
            List<Flow> flows = Correlator.link(sources).stream().filter(f -> f.kind().startsWith("socket ")).toList();

            assertTrue(flows.size() >= 400, "of 484 events; the server's 360 name a client port only one connection has,"
                    + " so even its 1-byte reads link: " + flows.size());
            int clientSide = 0;
            for (Flow f : flows) {
                Map<String, String> event = args(sources, f.from());
                Map<String, String> conn = args(sources, f.to());
                String port = conn.get("client").replaceAll(".*:", "");
                if (event.get("port").equals("47311")) {
                    clientSide++;
                    assertTrue(event.get("thread").startsWith(threadByPort.get(port) + " "), f.reason());
                } else {
                    assertEquals(port, event.get("port"), "the server's event names the client's port: " + f.reason());
                }
            }
            assertTrue(clientSide >= 90, "of the client's 124 events, told apart among four connections: " + clientSide);
        }
    }

    private static Map<String, String> args(List<LoadedSource> sources, EventRef r) {
        Source s = sources.get(r.source()).source();
        return s.argsOf(((SpanTrack) s.tracks().get(r.track())).args(r.event()));
    }
}
