package io.incident.parsers.strace.bench;

import com.sun.management.OperatingSystemMXBean;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.ReadContext;
import io.incident.parsers.strace.StraceReader;
import io.incident.testing.ShellTiming;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Times reading a generated 1M-line, ~100 MB {@code strace -f -tt -T -y} log of a busy multi-threaded server against
 * {@code awk '{print $1,$2,$3}'} splitting the same file, and prints both with the ratio. Run: {@code java -cp target/classes:target/test-classes io.incident.parsers.strace.bench.StraceBench
 * [file] [lines]}; the file is generated when absent.
 */
public final class StraceBench {
    /** Reads timed in one JVM: the JIT and G1's heap sizing are still settling after five. */
    private static final int READS = 10;

    private static final String[] PATHS = {"/etc/passwd", "/usr/lib/x86_64-linux-gnu/libc.so.6", "/var/log/app.log",
        "/srv/data/segment-000017.db", "/proc/self/status"};

    private StraceBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/strace-bench.log");
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        if (!Files.exists(file)) {
            generate(file, lines);
        }
        System.out.printf("file %s: %.1f MB%n", file, Files.size(file) / 1e6);
        StraceReader reader = new StraceReader();
        ReadContext ctx = ReadContext.of(file, new SourceInfo(file.toString(), SourceKind.STRACE, Files.size(file), ""));
        // The machine is shared: CPU time says more than wall time when others run. The reader uses two threads and
        // the JVM has collector and compiler threads, so the whole process's CPU time is counted.
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long best = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        Source s = null;
        StringBuilder each = new StringBuilder();
        for (int i = 0; i < READS; i++) {
            // An import holds the model it is building, not the one before it as well.
            s = null;
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            s = reader.read(ctx);
            long wall = System.nanoTime() - t0;
            best = Math.min(best, wall);
            bestCpu = Math.min(bestCpu, os.getProcessCpuTime() - cpu0);
            each.append(String.format(" %.3f", wall / 1e9));
        }
        System.out.printf("ours, each read's wall time (s):%s%n", each);
        long peakKb = peakRssKb();
        ShellTiming awk = ShellTiming.best(3, "awk '{print $1,$2,$3}' \"$0\" > /dev/null", file.toString());
        System.out.printf("%,d lines%n", ((Number) s.summary().get("lines")).longValue());
        System.out.printf("ours best of " + READS + ": wall %.3f s, process cpu %.3f s  (%s syscalls, %s errors)%n", best / 1e9,
                bestCpu / 1e9, s.summary().get("syscalls"), s.summary().get("errors"));
        System.out.printf("ours peak RSS (" + READS + " reads, one model held): %.0f MB%n", peakKb / 1024.0);
        System.out.printf("awk  best of 3: wall %.3f s, cpu %.3f s, peak RSS %.1f MB%n", awk.wallSeconds(),
                awk.cpuSeconds(), awkPeakRssKb(file) / 1024.0);
        System.out.printf("ratio ours/awk: wall %.2fx, cpu %.2fx%n", best / 1e9 / awk.wallSeconds(),
                bestCpu / 1e9 / awk.cpuSeconds());
    }

    /** awk's maximum resident set size, from GNU time. */
    private static long awkPeakRssKb(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/time", "-f", "%M", "awk", "{print $1,$2,$3}", file.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return Long.parseLong(err.substring(err.lastIndexOf('\n') + 1).trim());
    }

    /** VmHWM of /proc/self/status: the most resident memory the JVM has had. */
    private static long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /**
     * A busy server as {@code strace -f -tt -T -y} shows it: eight threads reading and writing sockets (-y names a
     * socket {@code socket:[INODE]}; endpoints would need -yy), opening and closing files, epoll and futex waits
     * (unfinished and resumed), failed DNS reads and missing files. About 100 bytes a line.
     */
    static void generate(Path file, int lines) throws IOException {
        Random r = new Random(42);
        int[] tids = {4100, 4101, 4102, 4103, 4104, 4105, 4106, 4107};
        long t = (13 * 3600 + 7 * 60) * 1_000_000L;
        int n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            while (n < lines) {
                int tid = tids[r.nextInt(tids.length)];
                t += 1 + r.nextInt(40);
                int kind = r.nextInt(100);
                String ts = String.format("%02d:%02d:%02d.%06d", t / 3_600_000_000L % 24, t / 60_000_000L % 60,
                        t / 1_000_000L % 60, t % 1_000_000L);
                String dur = String.format("<0.%06d>", r.nextInt(300));
                int fd = 3 + r.nextInt(60);
                if (kind < 30) {
                    w.write(tid + " " + ts + " read(" + fd + "<socket:[" + (731000 + fd)
                            + "]>, \"GET /api/v1/items?id=" + r.nextInt(100000) + " HTTP/1.1\\r\\n\"..., 4096) = "
                            + (200 + r.nextInt(800)) + " " + dur + "\n");
                } else if (kind < 55) {
                    w.write(tid + " " + ts + " write(" + fd + "<socket:[" + (731000 + fd)
                            + "]>, \"HTTP/1.1 200 OK\\r\\n\"..., 512) = 512 " + dur + "\n");
                } else if (kind < 65) {
                    String path = PATHS[r.nextInt(PATHS.length)];
                    w.write(tid + " " + ts + " openat(AT_FDCWD</srv>, \"" + path + "\", O_RDONLY|O_CLOEXEC) = " + fd + "<"
                            + path + "> " + dur + "\n");
                    n++;
                    w.write(tid + " " + ts + " close(" + fd + "<" + path + ">) = 0 <0.000004>\n");
                } else if (kind < 75) {
                    w.write(tid + " " + ts + " epoll_wait(5<anon_inode:[eventpoll]>, [{events=EPOLLIN, data={u32="
                            + fd + ", u64=" + fd + "}}], 1024, 100) = 1 " + dur + "\n");
                } else if (kind < 85) {
                    w.write(tid + " " + ts + " futex(0x7f3a2c00" + Integer.toHexString(r.nextInt(4096))
                            + ", FUTEX_WAIT_PRIVATE, 0, NULL <unfinished ...>\n");
                    n++;
                    w.write(tid + " " + ts + " <... futex resumed>) = 0 " + dur + "\n");
                } else if (kind < 93) {
                    w.write(tid + " " + ts + " recvfrom(" + fd + "<socket:[731002]>, 0x7ffc9b1e0a40, 65536, 0, NULL, NULL)"
                            + " = -1 EAGAIN (Resource temporarily unavailable) " + dur + "\n");
                } else if (kind < 97) {
                    w.write(tid + " " + ts + " openat(AT_FDCWD</srv>, \"/srv/missing/" + r.nextInt(50)
                            + ".json\", O_RDONLY) = -1 ENOENT (No such file or directory) " + dur + "\n");
                } else {
                    w.write(tid + " " + ts + " mmap(NULL, 262144, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)"
                            + " = 0x7f3a" + Integer.toHexString(r.nextInt(1 << 24)) + "000 " + dur + "\n");
                }
                n++;
            }
        }
    }
}
