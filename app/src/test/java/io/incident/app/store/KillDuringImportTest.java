package io.incident.app.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.app.SampleData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child process with SIGKILL at random moments while it imports and edits notes, then reopens the case: every
 * import and note the child saw committed must be there, readable, and the file must open cleanly. Rounds default to a
 * handful; {@code -Dkillloop.rounds=50} runs the long loop.
 */
class KillDuringImportTest {
    @Test
    void committedWorkSurvivesKillMinusNine(@TempDir Path tmp) throws Exception {
        int rounds = Integer.getInteger("killloop.rounds", 4);
        Path caseFile = tmp.resolve("killed.incident");
        Path artifact = SampleData.incident("goroutines-2.debug2.txt");
        Random random = new Random(Long.getLong("killloop.seed", 20261122L));
        Set<String> committedImports = new HashSet<>();
        Map<Long, String> committedNotes = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            Path work = Files.createDirectories(tmp.resolve("work-" + round));
            Process p = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                    CaseWriterChild.class.getName(), caseFile.toString(), artifact.toString(), work.toString(),
                    Integer.toString(round)).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = r.readLine()) != null) {
                        synchronized (lines) {
                            lines.add(l);
                        }
                    }
                } catch (java.io.IOException e) {
                    // The pipe closes when the child is killed.
                }
            });
            reader.start();
            // Kill at a random moment after the round's first commit, so every round has something to lose,
            // whatever the machine's load; the moment lands inside imports, note saves and commits alike.
            waitFor(lines, "IMPORTED ", p);
            Thread.sleep(random.nextInt(1200));
            p.destroyForcibly();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "child did not die");
            reader.join(5000);
            synchronized (lines) {
                for (String l : lines) {
                    if (l.startsWith("IMPORTED ")) {
                        committedImports.add(l.substring(9));
                    } else if (l.startsWith("NOTE ")) {
                        String[] f = l.split(" ", 3);
                        committedNotes.put(Long.parseLong(f[1]), f[2]);
                    } else if (l.startsWith("IMPORT-FAILED") || l.contains("Exception")) {
                        throw new AssertionError("child failed: " + l + "\n" + String.join("\n", lines));
                    }
                }
            }
            try (CaseStore store = CaseStore.open(caseFile)) {
                Set<String> present = new HashSet<>();
                for (ArtifactRecord r : store.artifacts()) {
                    present.add(r.path());
                    assertTrue(store.loadSource(r.id()).eventCount() > 0, r.path() + " lost its model");
                }
                assertTrue(present.containsAll(committedImports), "lost imports in round " + round);
                Map<Long, String> notes = new HashMap<>();
                store.notes().forEach(n -> notes.put(n.id(), n.text()));
                for (Map.Entry<Long, String> e : committedNotes.entrySet()) {
                    assertEquals(e.getValue(), notes.get(e.getKey()), "note " + e.getKey() + " in round " + round);
                }
            }
        }
        assertTrue(committedImports.size() >= rounds, "the child committed too little to test anything: "
                + committedImports.size());
        System.out.printf("kill loop: %d kills; %d committed imports and %d committed notes all intact after each%n",
                rounds, committedImports.size(), committedNotes.size());
    }

    private static void waitFor(List<String> lines, String marker, Process p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                if (lines.stream().anyMatch(l -> l.startsWith(marker))) {
                    return;
                }
                if (!p.isAlive()) {
                    throw new AssertionError("child exited early: " + lines);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("child never printed " + marker.trim() + ": " + lines);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
