package io.incident.parsers.jfr.bench;

import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.ReadContext;
import io.incident.parsers.jfr.JfrReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordingFile;

/**
 * Times the reader against a bare single-threaded {@link RecordingFile} loop that only counts events, on a plain (not
 * gzip) recording, each in its own JVM so that each peak RSS is its own, and prints both with the ratio. Run
 * {@code parsers/src/test/bench/jfr-bench.sh}, which first makes the recording with {@link MakeBenchRecording}.
 *
 * <p>Usage: {@code JfrBench FILE [ROUNDS]}; {@code JfrBench --one bare|reader FILE ROUNDS} is one side, in a child JVM.
 */
public final class JfrBench {
    private JfrBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("--one")) {
            one(args[1], Path.of(args[2]), Integer.parseInt(args[3]));
            return;
        }
        Path file = Path.of(args[0]);
        String rounds = args.length > 1 ? args[1] : "3";
        String[] bare = child("bare", file, rounds);
        String[] reader = child("reader", file, rounds);
        System.out.printf("file %s: %d bytes, %s chunks, %s events (the reader counts %s)%n", file, Files.size(file),
                reader[3], bare[2], reader[2]);
        System.out.printf("%-32s %11s %11s %11s %11s %12s%n", "", "best wall s", "best cpu s", "first (cold)",
                "median wall", "peak RSS");
        System.out.printf("%-32s %11s %11s %11s %11s %12s%n", "bare RecordingFile count loop", bare[0], bare[1],
                bare[5], bare[6], bare[4]);
        System.out.printf("%-32s %11s %11s %11s %11s %12s%n", "JfrReader (full model)", reader[0], reader[1],
                reader[5], reader[6], reader[4]);
        System.out.printf("ratio reader/bare: wall %.2f, cpu %.2f, first round %.2f, median %.2f (%d cores, %s rounds)%n",
                ratio(reader, bare, 0), ratio(reader, bare, 1), ratio(reader, bare, 5), ratio(reader, bare, 6),
                Runtime.getRuntime().availableProcessors(), rounds);
    }

    private static double ratio(String[] reader, String[] bare, int field) {
        return Double.parseDouble(reader[field]) / Double.parseDouble(bare[field]);
    }

    /** Runs one side in a fresh JVM with this JVM's flags and class path; returns its result line's fields. */
    private static String[] child(String side, Path file, String rounds) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), JfrBench.class.getName(), "--one", side,
                file.toString(), rounds));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0 || !out.startsWith("RESULT ")) {
            throw new IllegalStateException(side + " run failed: " + out);
        }
        return out.substring(7).split(" ");
    }

    /**
     * Best wall and CPU seconds over the rounds, events, chunks, the peak RSS, the first round's wall (a fresh JVM's,
     * as an import that is the first of its kind sees it) and the median round's, as one line.
     */
    private static void one(String side, Path file, int rounds) throws Exception {
        long[] walls = new long[rounds];
        long wall = Long.MAX_VALUE;
        long cpu = Long.MAX_VALUE;
        long events = 0;
        Object chunks = "-";
        Source s = null;
        for (int r = 0; r < rounds; r++) {
            // An import holds the model it is building, not the one before it as well (as StraceBench).
            s = null;
            long t0 = System.nanoTime();
            long c0 = cpu();
            if (side.equals("bare")) {
                events = bareCount(file);
            } else {
                SourceInfo info = new SourceInfo(file.toString(), SourceKind.JFR, Files.size(file), "");
                s = new JfrReader().read(ReadContext.of(file, info));
                events = ((Number) s.summary().get("events")).longValue();
                chunks = s.summary().get("chunks");
            }
            long roundWall = System.nanoTime() - t0;
            long roundCpu = cpu() - c0;
            System.err.printf(java.util.Locale.ROOT, "%s round %d: %.3f s wall, %.3f s cpu%n", side, r + 1,
                    roundWall / 1e9, roundCpu / 1e9);
            walls[r] = roundWall;
            wall = Math.min(wall, roundWall);
            cpu = Math.min(cpu, roundCpu);
        }
        long first = walls[0];
        java.util.Arrays.sort(walls);
        System.out.printf(java.util.Locale.ROOT, "RESULT %.3f %.3f %d %s %s %.3f %.3f%n", wall / 1e9, cpu / 1e9, events,
                chunks, peakRss().replace(" ", ""), first / 1e9, walls[rounds / 2] / 1e9);
    }

    /** Events a bare JDK loop reads from a file: the speed baseline, and the count reference for tests. */
    public static long bareCount(Path file) throws java.io.IOException {
        long n = 0;
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                rf.readEvent();
                n++;
            }
        }
        return n;
    }

    /** CPU time of the whole process, which on a shared machine says more than wall time. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String peakRss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return line.substring(6).trim();
            }
        }
        return "unknown (no /proc/self/status)";
    }
}
