package io.incident.parsers.journal.bench;

import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.parsers.Cancellation;
import io.incident.parsers.FormatReader;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import io.incident.parsers.ReadContext;
import io.incident.parsers.journal.JournalExportReader;
import io.incident.parsers.journal.JournalJsonReader;
import io.incident.testing.ShellTiming;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Times the export reader on a big generated file shaped like a real system journal (about 860 bytes and 24 fields an
 * entry, 60 units, a gctrace line now and then), and the same entries as binary journal files, written by
 * {@code systemd-journal-remote}, printed by {@code journalctl -o json} and {@code -o export}, with the ratios. Not a
 * unit test: run {@code parsers/src/test/bench/journal-bench.sh [FILE] [ENTRIES] [RUNS]} (defaults
 * /tmp/journal-bench.export, 1000000, 3). A missing FILE is generated as an export and kept, with its journal files in
 * FILE.journal.d. A path containing ".json" (e.g. a journal written with {@code journalctl -o json}) is read with the
 * JSON reader instead, without the journalctl comparison.
 */
public final class JournalBench {
    private JournalBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/journal-bench.export");
        int entries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (!Files.exists(file)) {
            long t = System.nanoTime();
            generate(file, entries);
            System.out.printf("generated %s: %d entries, %.1f MB in %.1f s%n", file, entries, Files.size(file) / 1e6,
                    (System.nanoTime() - t) / 1e9);
        }
        boolean json = file.getFileName().toString().contains(".json");
        FormatReader reader = json ? new JournalJsonReader() : new JournalExportReader();
        ReadContext ctx = new ReadContext(file, new SourceInfo(file.toString(), reader.kind(),
                Files.size(file), ""), Limits.DEFAULT, Progress.NONE, Cancellation.none());
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double bestWall = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            long cpu = os.getProcessCpuTime();
            Source s = reader.read(ctx);
            double secs = (System.nanoTime() - t) / 1e9;
            double cpuSecs = (os.getProcessCpuTime() - cpu) / 1e9;
            bestWall = Math.min(bestWall, secs);
            bestCpu = Math.min(bestCpu, cpuSecs);
            // On a shared machine wall time depends on the neighbours; the process CPU time (all threads, GC included)
            // is the figure to compare, together with the wall time on an idle machine.
            System.out.printf("run %d: %s entries, %d tracks in %.2f s wall, %.2f s cpu (%.0f MB/s wall)%n", r + 1,
                    s.summary().get("entries"), s.tracks().size(), secs, cpuSecs, Files.size(file) / 1e6 / secs);
        }
        if (!json) {
            compareWithJournalctl(file, Math.min(runs, 2), bestWall, bestCpu);
        }
    }

    /**
     * Writes the same entries as binary journal files with {@code systemd-journal-remote} (once, kept beside the
     * export in FILE.journal.d; it may rotate into several files) and times {@code journalctl -o json} and
     * {@code -o export} over them against our export reader's best run.
     */
    private static void compareWithJournalctl(Path export, int runs, double oursWall, double oursCpu)
            throws IOException, InterruptedException {
        Path remote = Path.of("/lib/systemd/systemd-journal-remote");
        if (!Files.isExecutable(remote)) {
            System.out.println("no " + remote + " (apt-get install systemd-journal-remote): journalctl not compared");
            return;
        }
        Path dir = Path.of(export + ".journal.d");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            ShellTiming w = ShellTiming.best(1, remote + " --split-mode=none --output=\"$0\"/bench.journal "
                    + "\"" + export + "\"", dir.toString());
            System.out.printf("systemd-journal-remote wrote %s in %.1f s%n", dir, w.wallSeconds());
        }
        long bytes = 0;
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                bytes += Files.size(p);
            }
        }
        System.out.printf("journal files: %.1f MB in %s%n", bytes / 1e6, dir);
        String glob = "--file=\"$0\"/'*.journal*'";
        ShellTiming jsonTime = ShellTiming.best(runs, "journalctl " + glob + " -o json > /dev/null", dir.toString());
        ShellTiming exportTime = ShellTiming.best(runs, "journalctl " + glob + " -o export > /dev/null",
                dir.toString());
        System.out.printf("%-28s %9s %9s %12s %12s%n", "", "wall s", "cpu s", "wall ratio", "cpu ratio");
        System.out.printf("%-28s %9.2f %9.2f %12s %12s%n", "ours (export reader, best)", oursWall, oursCpu, "1.00",
                "1.00");
        for (var row : java.util.Map.of("journalctl -o json", jsonTime, "journalctl -o export", exportTime)
                .entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).toList()) {
            System.out.printf("%-28s %9.2f %9.2f %11.2fx %11.2fx%n", row.getKey(), row.getValue().wallSeconds(),
                    row.getValue().cpuSeconds(), row.getValue().wallSeconds() / oursWall,
                    row.getValue().cpuSeconds() / oursCpu);
        }
    }

    static void generate(Path file, int entries) throws IOException {
        String machine = "b52998310a374c8b9c676f49cc62d044";
        String boot = "5f1352760aa4490e946c08e5c1fe1c12";
        String seqId = "90a351b904294e209b9d0794de354860";
        long t0 = 1_681_160_190_138_000L;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            StringBuilder b = new StringBuilder(1024);
            for (int i = 0; i < entries; i++) {
                int unit = i % 60;
                long rt = t0 + i * 1000L;
                long mono = 4_554_769L + i * 1000L;
                b.setLength(0);
                b.append("__CURSOR=s=").append(seqId).append(";i=").append(Long.toHexString(i + 1)).append(";b=")
                        .append(boot).append(";m=").append(Long.toHexString(mono)).append(";t=")
                        .append(Long.toHexString(rt)).append(";x=624fc743d0d10ad\n");
                b.append("__REALTIME_TIMESTAMP=").append(rt).append('\n');
                b.append("__MONOTONIC_TIMESTAMP=").append(mono).append('\n');
                b.append("_BOOT_ID=").append(boot).append('\n');
                b.append("_TRANSPORT=stdout\nPRIORITY=").append(i % 97 == 0 ? 3 : 6).append('\n');
                b.append("SYSLOG_FACILITY=3\nSYSLOG_IDENTIFIER=svc").append(unit).append('\n');
                b.append("_PID=").append(1000 + unit).append("\n_UID=0\n_GID=0\n_COMM=svc").append(unit).append('\n');
                b.append("_EXE=/usr/bin/svc").append(unit).append("\n_CMDLINE=/usr/bin/svc").append(unit)
                        .append(" --config /etc/svc/config.yaml --listen :8080 --verbose\n");
                b.append("_CAP_EFFECTIVE=1ffffffffff\n");
                b.append("_SYSTEMD_CGROUP=/system.slice/svc").append(unit).append(".service\n");
                b.append("_SYSTEMD_UNIT=svc").append(unit).append(".service\n_SYSTEMD_SLICE=system.slice\n");
                b.append("_SYSTEMD_INVOCATION_ID=4df8dd3945e34200b2508bd6608d640d\n");
                b.append("_MACHINE_ID=").append(machine).append("\n_HOSTNAME=drano\n");
                if (i % 1000 == 0) {
                    b.append("MESSAGE=gc ").append(i / 1000 + 1).append(" @").append(i / 1000).append(".123s 2%: "
                            + "0.018+1.2+0.024 ms clock, 0.14+0.35/1.1/2.2+0.19 ms cpu, 4->4->2 MB, 5 MB goal, "
                            + "0 MB stacks, 0 MB globals, 8 P\n");
                } else {
                    b.append("MESSAGE=request ").append(i).append(" handled: GET /api/v1/items?page=")
                            .append(i % 50).append(" status=200 bytes=").append(1000 + i % 9000)
                            .append(" duration=").append(i % 300).append("ms user-agent=Go-http-client/1.1\n");
                }
                b.append("_SOURCE_REALTIME_TIMESTAMP=").append(rt - 3).append("\n\n");
                out.write(b.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
