package io.incident.app.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import io.incident.app.cli.CaseLoader;
import io.incident.model.Severity;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample incident's answer key (sample-data/incident/timeline.tsv, written by the script that injected the faults)
 * against the findings: each fault found within a second of its time on the capture clock, with evidence from at least
 * two artifacts where two saw it.
 */
class FindingsOnSampleTest {
    private static final long SECOND = 1_000_000_000L;
    private static CaseLoader loader;
    private static List<Finding> findings;
    private static final Map<String, Long> KEY = new HashMap<>();

    @BeforeAll
    static void load() throws Exception {
        loader = CaseLoader.open(null, List.of(SampleData.incident()), new PrintStream(PrintStream.nullOutputStream()));
        findings = FindingsEngine.findings(FindingsEngine.run(loader.session().sources(), Thresholds.DEFAULT));
        for (String line : Files.readAllLines(SampleData.incident("timeline.tsv"))) {
            String[] f = line.split("\t");
            if (f.length >= 4 && f[0].matches("\\d+\\.\\d+")) {
                long t = Math.round(Double.parseDouble(f[0]) * 1000) * 1_000_000L;
                String key = f[3].equals("fetch") ? "fetch " + f[4].split(" ")[0] : f[3];
                KEY.putIfAbsent(key, t);
            }
        }
    }

    @AfterAll
    static void close() {
        loader.close();
    }

    private static Finding find(String rule, Predicate<Finding> which) {
        return findings.stream().filter(f -> f.rule().equals(rule) && which.test(f)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " finding among " + findings.stream()
                        .map(Finding::title).toList()));
    }

    private static void near(String keyEvent, long actual) {
        long expected = KEY.get(keyEvent);
        assertTrue(Math.abs(actual - expected) <= SECOND, keyEvent + ": expected near " + expected + ", found "
                + actual + " (" + (actual - expected) / 1e6 + " ms off)");
    }

    @Test
    void theLeakBetweenTheTwoDumps() {
        Finding f = find("goroutine-leak", x -> x.title().contains("main.leakyHandler.func1"));
        assertTrue(f.title().contains("from 200 to 500"), f.title());
        assertEquals(Severity.ERROR, f.severity());
        near("fetch goroutines-1.debug2.txt", f.start());
        near("fetch goroutines-2.debug2.txt", f.end());
        assertTrue(f.sourceCount() >= 2);
    }

    @Test
    void theFdExhaustionSeenByStraceTheJournalAndTheCapture() {
        Finding f = find("fd-exhaustion", x -> true);
        near("emfile-burst-start", f.start());
        assertTrue(f.end() <= KEY.get("emfile-burst-end") + SECOND && f.end() > KEY.get("emfile-burst-start"));
        List<String> files = f.evidence().stream().map(Evidence::file).distinct().toList();
        assertTrue(files.stream().anyMatch(x -> x.endsWith("service.strace")), files.toString());
        assertTrue(files.stream().anyMatch(x -> x.endsWith("journal.export")), files.toString());
        assertTrue(files.stream().anyMatch(x -> x.endsWith("service.pcap")), files.toString());
    }

    @Test
    void theKillAndTheRestart() {
        Finding f = find("process-death", x -> x.title().contains("SIGKILL"));
        near("service-kill-9", f.start());
        near("service-restart", f.end());
        assertTrue(f.sourceCount() >= 2, "strace saw the kill, the journal the restart");
    }

    @Test
    void theResetPhaseWithTheSyscallsThatSawIt() {
        Finding f = find("reset-burst", x -> Math.abs(x.start() - KEY.get("rst-start")) <= SECOND);
        assertTrue(f.title().startsWith("12 TCP resets"), f.title());
        near("rst-end", f.end());
        assertTrue(f.sourceCount() >= 2, "the capture and strace both saw the resets");
    }

    @Test
    void theIdleClientsHeldByAServerWithoutTimeouts() {
        Finding f = find("idle-keepalive", x -> x.title().contains("port 8080"));
        assertTrue(f.title().startsWith("12 connections"), f.title());
        near("idle-clients-connected", f.start());
        assertTrue(f.sourceCount() >= 2, "the capture and a goroutine dump");
    }

    @Test
    void theStalledUpstreamCalledWithoutATimeout() {
        Finding f = find("client-no-timeout", x -> true);
        assertTrue(f.start() >= KEY.get("upstream-stall-start") && f.start() <= KEY.get("upstream-stall-end"),
                "found while the upstream stalled");
        assertTrue(f.explanation().contains("main.upstreamHandler"), f.explanation());
    }

    @Test
    void theCpuHeavyPhaseInTheCpuProfile() {
        Finding f = find("cpu-hotspot", x -> x.title().contains("crypto/sha256.block"));
        near("fetch cpu.pprof", f.start());
        near("cpu-profile-end", f.end());
    }

    @Test
    void mostSevereFirst() {
        for (int i = 1; i < findings.size(); i++) {
            assertTrue(findings.get(i - 1).severity().compareTo(findings.get(i).severity()) >= 0);
        }
    }
}
