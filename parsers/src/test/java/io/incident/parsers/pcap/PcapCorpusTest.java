package io.incident.parsers.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.incident.parsers.ArtifactException;
import io.incident.testing.Corpus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every corpus capture is read (or rejected with an ArtifactException) and agrees with capinfos and tshark. */
class PcapCorpusTest {
    /**
     * Captures whose TCP conversation count we knowingly differ from tshark on, with the reason. Keep this short and
     * honest: each entry is a real difference in what counts as a connection, not a bug being hidden.
     */
    private static final Map<String, String> CONV_DIFFERENCES = Map.of(
            "pcap/tcpdump_bigtcp-ipv6.pcap", "Linux BIG TCP: IPv6 payload length 0 with a hop-by-hop jumbo option;"
                    + " tshark 4.0 marks it malformed, we track the segment it really is",
            "pcap/tcpdump_mptcp-dss-oobr.pcap", "a 3-byte MPTCP DSS option makes tshark abort the dissection before"
                    + " its conversation tap; the TCP header itself is whole, so we track it");

    private static final Set<String> KINDS = Set.of("pcap", "pcap-malformed");

    @TestFactory
    Stream<DynamicTest> everyCaptureAgreesWithCapinfosAndTshark() {
        Map<String, String> packets = Captures.expected("expected-capinfos.tsv", 1);
        Map<String, String> conversations = Captures.expected("expected-conv-tcp.tsv", 1);
        List<DynamicTest> tests = new ArrayList<>();
        for (Corpus.Entry e : Corpus.entries()) {
            if (!KINDS.contains(e.kind())) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(e.file(), () -> {
                CaptureModel m = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> readOrNull(e));
                String expectedPackets = packets.get(e.file());
                assertNotNull(expectedPackets, "no capinfos expectation for " + e.file());
                if (m == null) {
                    assertEquals("-", expectedPackets, "we rejected a file capinfos could count");
                    return;
                }
                if (!expectedPackets.equals("-")) {
                    assertEquals(Long.parseLong(expectedPackets), m.source().summary().get("packets"), "packets");
                }
                if (!CONV_DIFFERENCES.containsKey(e.file())) {
                    assertEquals(Long.parseLong(conversations.get(e.file())),
                            m.source().summary().get("tcpConnections"), "TCP connections vs tshark -z conv,tcp");
                }
            }));
        }
        assertFalse(tests.isEmpty(), "the corpus has no captures");
        return tests.stream();
    }

    private static CaptureModel readOrNull(Corpus.Entry e) {
        try {
            return Captures.read(e.path());
        } catch (ArtifactException ex) {
            assertFalse(ex.getCause() instanceof RuntimeException, "a decoding bug wrapped as a rejection: " + ex);
            return null;
        }
    }
}
