package io.incident.parsers.pprof;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.model.Source;
import io.incident.parsers.ArtifactException;
import io.incident.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every format cut at many places: the reader keeps a valid model or fails with a located ArtifactException. */
class PprofTruncationTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"pprof/made_goleak_cpu.pb", "pprof/made_goleak_heap_debug1.txt",
        "pprof/google-pprof_cppbench.contention", "pprof/google-pprof_cppbench.thread", "pprof/google-pprof_java.heap",
        "pprof/google-pprof_go.crc32.cpu", "pprof/google-pprof_java.cpu", "pprof/google-pprof_cppbench.growth"})
    void everyCutReadsOrFailsCleanly(String name) throws Exception {
        Corpus.assume();
        byte[] whole = Files.readAllBytes(Corpus.root().resolve(name));
        int failures = 0;
        for (int k = 1; k < 40; k++) {
            Path cut = Files.write(dir.resolve("cut" + k), Arrays.copyOf(whole, whole.length * k / 40));
            try {
                Source s = PprofTesting.read(cut);
                s.validate();
            } catch (ArtifactException e) {
                failures++;
                assertFalse(e.expected().isBlank(), e.getMessage());
                assertFalse(e.getMessage().contains("unreadable pprof profile"), "a library error escaped: " + e);
            }
        }
        // Binary profiles cut inside a record are refused as go tool pprof refuses them; text ones read line by line.
        boolean binary = name.endsWith(".pb") || name.endsWith(".cpu");
        assertTrue(binary || failures < 39, name + " failed at every cut");
    }
}
