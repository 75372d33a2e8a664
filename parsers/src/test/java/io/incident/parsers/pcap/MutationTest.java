package io.incident.parsers.pcap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.incident.parsers.ArtifactException;
import io.incident.parsers.Limits;
import io.incident.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Corrupted and cut copies of real captures (fixed seeds, so failures reproduce): every one is read or rejected with an
 * ArtifactException, quickly, and never allocates past a small record limit.
 */
class MutationTest {
    private static final Limits SMALL = new Limits(1 << 20, 1 << 20, 4096, 1L << 30, 1000, 1000);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"pcap/derived_lo_tls_only.pcapng", "pcap/pcapng-testsuite/be_advanced_test102.pcapng",
        "pcap/pcapng-testsuite/le_difficult_test202.pcapng", "pcap/tcpdump_of13_ericsson.pcapng",
        "pcap/tcpdump_pptp.pcap", "pcap/gopacket_test_loopback.pcap", "pcap/tcpdump_mptcp-v1.pcap"})
    void corruptedCopiesAreReadOrRejected(String file) throws Exception {
        Corpus.assume();
        byte[] original = Files.readAllBytes(Corpus.root().resolve(file));
        Random random = new Random(file.hashCode());
        Path f = dir.resolve("m.cap");
        for (int round = 0; round < 150; round++) {
            byte[] b = Arrays.copyOf(original, round % 3 == 0 ? random.nextInt(original.length) + 1 : original.length);
            int flips = 1 + random.nextInt(8);
            for (int k = 0; k < flips; k++) {
                int at = random.nextInt(b.length);
                b[at] = (byte) (random.nextInt(4) == 0 ? 0xff : random.nextInt(256));
            }
            Files.write(f, b);
            int r = round;
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    PcapReader.readConnections(Captures.context(f, SMALL));
                } catch (ArtifactException e) {
                    // A clear rejection is allowed; a wrapped RuntimeException is a decoding bug in disguise.
                    assertFalse(e.getCause() instanceof RuntimeException, () -> file + " round " + r + ": " + e);
                }
            }, () -> file + " round " + r);
        }
    }
}
