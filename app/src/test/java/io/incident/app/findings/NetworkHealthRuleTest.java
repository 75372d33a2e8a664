package io.incident.app.findings;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.cli.CaseLoader;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Zero windows on a real loopback capture where tshark counts 148 zero-window segments
 * (parsers' expected-tcp-analysis.tsv), and none on the sample incident, whose capture has none.
 */
class NetworkHealthRuleTest {
    private static List<Finding> findings(java.nio.file.Path p) throws Exception {
        try (CaseLoader c = CaseLoader.open(null, List.of(p), new PrintStream(PrintStream.nullOutputStream()))) {
            return FindingsEngine.findings(FindingsEngine.run(c.session().sources(), Thresholds.DEFAULT));
        }
    }

    @Test
    void zeroWindowsOnARealCapture() throws Exception {
        SampleData.assumeCorpus();
        List<Finding> all = findings(SampleData.corpus().resolve("pcap/made_lo_eth.pcap"));
        Finding f = all.stream().filter(x -> x.rule().equals("network") && x.title().contains("zero receive window"))
                .findFirst().orElseThrow(() -> new AssertionError("no zero-window finding in " + all));
        assertTrue(f.evidence().stream().allMatch(e -> e.text().matches(".*: \\d+ zero-window segments")),
                f.evidence().toString());
    }

    @Test
    void theSampleCaptureHasNoNetworkTrouble() throws Exception {
        assertFalse(findings(SampleData.incident("service.pcap")).stream().anyMatch(x -> x.rule().equals("network")));
    }
}
