package io.incident.parsers.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.incident.parsers.bundle.BundleKind;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Jazzer fuzz tests, one per reader. In a normal test run they replay their saved inputs (regression mode: the files
 * under {@code ReaderFuzzTestInputs/<method>} in the test resources, where findings are kept once fixed). The
 * {@code fuzz} Maven profile fuzzes one of them for a set time, seeded from the shared corpus; see
 * {@code parsers/src/test/fuzz/README.md}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS) // per input: a reader that hangs on some bytes is a finding
class ReaderFuzzTest {
    /** When fuzzing, start each target from the corpus (the folder is Jazzer's own, under its base directory). */
    @BeforeAll
    static void seedFromCorpus() {
        String fuzz = System.getenv("JAZZER_FUZZ");
        if (fuzz != null && !fuzz.isEmpty() && !fuzz.equals("0")) {
            Path base = Path.of(System.getProperty("jazzer.internal.basedir", System.getProperty("user.dir")));
            FuzzSeeds.writeGeneratedCorpus(base, ReaderFuzzTest.class);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void pprof(byte[] data) {
        FuzzTargets.pprof(data);
    }

    @FuzzTest(maxDuration = "10m")
    void goroutine(byte[] data) {
        FuzzTargets.goroutine(data);
    }

    @FuzzTest(maxDuration = "10m")
    void jfr(byte[] data) {
        FuzzTargets.jfr(data);
    }

    @FuzzTest(maxDuration = "10m")
    void pcap(byte[] data) {
        FuzzTargets.capture(data);
    }

    @FuzzTest(maxDuration = "10m")
    void pcapng(byte[] data) {
        FuzzTargets.capture(data);
    }

    @FuzzTest(maxDuration = "10m")
    void strace(byte[] data) {
        FuzzTargets.strace(data);
    }

    @FuzzTest(maxDuration = "10m")
    void journalExport(byte[] data) {
        FuzzTargets.journalExport(data);
    }

    @FuzzTest(maxDuration = "10m")
    void journalJson(byte[] data) {
        FuzzTargets.journalJson(data);
    }

    @FuzzTest(maxDuration = "10m")
    void zipBundle(byte[] data) {
        FuzzTargets.bundle(data, BundleKind.ZIP);
    }

    @FuzzTest(maxDuration = "10m")
    void tarGzBundle(byte[] data) {
        FuzzTargets.bundle(data, BundleKind.TAR_GZ);
    }
}
