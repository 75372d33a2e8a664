package io.incident.parsers.jfr.bench;

import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.ReadContext;
import io.incident.parsers.jfr.JfrReader;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.consumer.RecordingFile;

/**
 * Times the reader against a bare single-threaded {@link RecordingFile} loop that only counts events, on a plain
 * (not gzip) recording given as the argument, and prints the ratio and the peak RSS. Run: {@code java -cp
 * target/classes:target/test-classes io.incident.parsers.jfr.bench.JfrBench FILE [rounds]}.
 */
public final class JfrBench {
    private JfrBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long bare = Long.MAX_VALUE;
        long ours = Long.MAX_VALUE;
        long bareCpu = Long.MAX_VALUE;
        long oursCpu = Long.MAX_VALUE;
        long count = 0;
        Source s = null;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            long c0 = cpu();
            count = bareCount(file);
            bare = Math.min(bare, System.nanoTime() - t0);
            bareCpu = Math.min(bareCpu, cpu() - c0);
            t0 = System.nanoTime();
            c0 = cpu();
            SourceInfo info = new SourceInfo(file.toString(), SourceKind.JFR, Files.size(file), "");
            s = new JfrReader().read(ReadContext.of(file, info));
            ours = Math.min(ours, System.nanoTime() - t0);
            oursCpu = Math.min(oursCpu, cpu() - c0);
        }
        System.out.printf("file %s, %d bytes, %s chunks, %d events (reader: %s)%n", file, Files.size(file),
                s.summary().get("chunks"), count, s.summary().get("events"));
        System.out.printf("bare RecordingFile count loop: %.3f s; JfrReader: %.3f s; ratio reader/bare %.2f%n",
                bare / 1e9, ours / 1e9, (double) ours / bare);
        System.out.printf("process CPU time (all threads, GC included): bare %.3f s; reader %.3f s (%d cores)%n",
                bareCpu / 1e9, oursCpu / 1e9, Runtime.getRuntime().availableProcessors());
        System.out.println("peak RSS " + peakRss());
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
