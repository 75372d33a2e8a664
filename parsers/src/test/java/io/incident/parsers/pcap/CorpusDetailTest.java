package io.incident.parsers.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.ModelText;
import io.incident.model.Source;
import io.incident.testing.Corpus;
import io.incident.testing.Golden;
import io.incident.testing.ThrottledInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Corpus captures in detail: tiny read chunks, both pcapng byte orders, goldens, the CSV and tshark's analysis. */
class CorpusDetailTest {
    private static Path corpus(String file) {
        Corpus.assume();
        return Corpus.root().resolve(file);
    }

    private static String describe(CaptureModel m) throws Exception {
        StringWriter csv = new StringWriter();
        m.connections().writeCsv(csv);
        return ModelText.describe(m.source(), Integer.MAX_VALUE) + csv;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pcap/derived_lo_tls_only.pcapng", "pcap/made_lo_snap96.pcap",
        "pcap/malformed/derived_truncated_last_record.pcap", "pcap/malformed/derived_truncated_block.pcapng",
        "pcap/pcapng-testsuite/le_difficult_test202.pcapng", "pcap/tcpdump_pptp.pcap"})
    void oneAndSevenByteChunksGiveTheSameModel(String file) throws Exception {
        Path p = corpus(file);
        String whole = describe(Captures.read(p));
        for (int chunk : new int[] {1, 7}) {
            try (InputStream in = new ThrottledInputStream(Files.newInputStream(p), chunk)) {
                assertEquals(whole, describe(Captures.read(p, in)), "chunk " + chunk);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"advanced_test100", "advanced_test101", "advanced_test102", "basic_test001",
        "basic_test002", "basic_test003", "basic_test004", "basic_test005", "basic_test006", "basic_test007",
        "basic_test008", "basic_test009", "basic_test010", "basic_test011", "basic_test012", "basic_test013",
        "basic_test014", "basic_test015", "basic_test016", "basic_test017", "basic_test018", "difficult_test200",
        "difficult_test201", "difficult_test202"})
    void pcapngConformanceSuiteReadsTheSameInBothByteOrders(String test) throws Exception {
        String le = describe(Captures.read(corpus("pcap/pcapng-testsuite/le_" + test + ".pcapng")));
        String be = describe(Captures.read(corpus("pcap/pcapng-testsuite/be_" + test + ".pcapng")));
        assertEquals(le, be);
    }

    @ParameterizedTest
    @ValueSource(strings = {"derived_lo_tls_only.pcapng", "tcpdump_tcp-handshake-nano.pcap"})
    void golden(String file) throws Exception {
        Golden.assertMatches("pcap/" + file + ".golden.txt", describe(Captures.read(corpus("pcap/" + file))));
    }

    /** Retransmissions, out-of-order segments, RST packets and zero windows agree with tshark's analysis. */
    @Test
    void tcpAnalysisAgreesWithTshark() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/pcap/expected-tcp-analysis.tsv"));
        int checked = 0;
        for (String line : lines) {
            if (line.startsWith("#") || line.startsWith("file\t")) {
                continue;
            }
            String[] f = line.split("\t");
            TcpConnections t = Captures.read(corpus(f[0])).connections();
            long ooo = 0;
            long rst = 0;
            long zero = 0;
            for (Connection c : t.all()) {
                ooo += c.outOfOrder();
                rst += c.rstCount();
                zero += c.zeroWindows();
            }
            assertEquals(Map.of("retransmissions", Long.parseLong(f[1]), "out_of_order", Long.parseLong(f[2]),
                    "resets", Long.parseLong(f[3]), "zero_windows", Long.parseLong(f[4])),
                    Map.of("retransmissions", t.retransmissions(), "out_of_order", ooo, "resets", rst,
                            "zero_windows", zero), f[0]);
            checked++;
        }
        assertTrue(checked >= 5);
    }

    @Test
    void csvHasAHeaderAndOneRowPerConnection() throws Exception {
        CaptureModel m = Captures.read(corpus("pcap/made_lo_eth.pcap"));
        StringWriter out = new StringWriter();
        m.connections().writeCsv(out);
        List<String> rows = out.toString().lines().toList();
        assertEquals(1 + 162, rows.size());
        assertTrue(rows.get(0).startsWith("id,client,server,state,opened_by,closed_by,rst_by,"), rows.get(0));
        assertEquals("0,127.0.0.1:48032,127.0.0.1:18080,FIN,client,client,,false,true,1795351814135715000,"
                + "1795351814138339000,46,83,145,6,4,0,0,0,0,1,0,1,GET /leak,200 OK,false,,,", rows.get(1));
        assertTrue(rows.get(48).endsWith(",false,,\"h2,http/1.1\",21869"), "ALPN list quoted: " + rows.get(48));
    }

    @Test
    void truncatedCorpusFilesKeepEveryGoodPacket() throws Exception {
        Source s = Captures.read(corpus("pcap/malformed/derived_truncated_last_record.pcap")).source();
        assertEquals(546L, s.summary().get("packets"));
        assertEquals("truncated-packet", s.diagnostics().get(0).name());
        assertTrue(s.diagnostics().get(0).firstWhere().startsWith("packet 547 at byte "), s.diagnostics().toString());
        Source ng = Captures.read(corpus("pcap/malformed/derived_truncated_block.pcapng")).source();
        assertEquals(544L, ng.summary().get("packets"));
        assertTrue(ng.diagnostics().get(0).firstWhere().startsWith("packet 545 at byte "), ng.diagnostics().toString());
    }

    @Test
    void snapLengthCutPacketsAreCountedAndStillTracked() throws Exception {
        Source s = Captures.read(corpus("pcap/made_lo_snap96.pcap")).source();
        assertTrue((Long) s.summary().get("truncatedPackets") > 0);
        assertEquals(162L, s.summary().get("tcpConnections"));
    }
}
