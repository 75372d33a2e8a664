package io.incident.parsers.pprof.bench;

import io.incident.model.SampleTrack;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.model.StackTable;
import io.incident.model.Track;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import io.incident.parsers.ReadContext;
import io.incident.parsers.pprof.PprofReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Times reading a CPU profile and building its flame-graph tree, against {@code go tool pprof -top} on the same file:
 * wall time and peak RSS of each as a separate process (from {@code /usr/bin/time -v}), their ratio, and our warm
 * in-process times. {@code PprofBench [profile] [runs]}; without a profile it makes a real one the size of the issue's
 * case (about 109k samples, 8 MB uncompressed) by running the Go program in {@code src/test/go/cpuprofile-gen} for
 * {@code -Dbench.cpuSeconds} (default 490) CPU seconds, and keeps it in {@code target/bench/}.
 */
public final class PprofBench {
    private static final Pattern ELAPSED = Pattern.compile("Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\): "
            + "(?:(\\d+):)?(\\d+):(\\d+(?:\\.\\d+)?)");
    private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    private PprofBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--once")) {
            once(Path.of(args[1]));
            return;
        }
        Path file = args.length > 0 ? Path.of(args[0]) : realProfile();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf("profile %s, %,d bytes%n", file, Files.size(file));
        long[] warm = new long[runs];
        for (int run = 0; run < runs; run++) {
            warm[run] = timeOnce(file, "run " + run + ": ");
        }
        java.util.Arrays.sort(warm);
        Measure ours = measure(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), PprofBench.class.getName(), "--once", file.toString()));
        Measure go = measure(List.of("go", "tool", "pprof", "-top", file.toString()));
        System.out.printf("warm in-process read + tree: median %d ms%n", warm[runs / 2] / 1_000_000);
        System.out.printf("workbench read + tree (new JVM): %,.0f ms wall, peak RSS %,d MB%n", ours.wallMs(),
                ours.maxRssKb() / 1024);
        System.out.printf("go tool pprof -top:              %,.0f ms wall, peak RSS %,d MB%n", go.wallMs(),
                go.maxRssKb() / 1024);
        System.out.printf("ratio workbench / pprof: time %.2f (warm %.2f), peak RSS %.2f%n", ours.wallMs() / go.wallMs(),
                warm[runs / 2] / 1e6 / go.wallMs(), (double) ours.maxRssKb() / go.maxRssKb());
    }

    /** One read and tree in this process, as the child that /usr/bin/time measures. */
    private static void once(Path file) throws Exception {
        timeOnce(file, "");
    }

    private static long timeOnce(Path file, String prefix) throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Source s = new PprofReader().read(new ReadContext(file,
                new SourceInfo(file.toString(), SourceKind.PPROF, Files.size(file), ""), Limits.DEFAULT,
                Progress.NONE, Cancellation.none()));
        long t1 = System.nanoTime();
        long root = 0;
        for (Track t : s.tracks()) {
            if (t instanceof SampleTrack st) {
                root = tree(s.stacks(), st)[0];
            }
        }
        long t2 = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime() - c0;
        System.out.printf("%sread %d ms, tree %d ms, total %d ms wall, %d ms cpu; samples %s, call sites %d, "
                + "root value %d%n", prefix, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t2 - t0) / 1_000_000,
                cpu / 1_000_000, s.summary().get("samples"), s.stacks().callsiteCount(), root);
        return t2 - t0;
    }

    /** Wall time and peak resident set of a command, as /usr/bin/time -v reports them. */
    record Measure(double wallMs, long maxRssKb) {
    }

    static Measure measure(List<String> command) throws Exception {
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-v"));
        full.addAll(command);
        Path err = Files.createTempFile("pprof-bench-time", ".txt");
        try {
            Process p = new ProcessBuilder(full).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile()).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(err));
            }
            String report = Files.readString(err);
            Matcher wall = ELAPSED.matcher(report);
            Matcher rss = MAX_RSS.matcher(report);
            if (!wall.find() || !rss.find()) {
                throw new IllegalStateException("no time or RSS in /usr/bin/time output:\n" + report);
            }
            double hours = wall.group(1) == null ? 0 : Double.parseDouble(wall.group(1));
            double seconds = hours * 3600 + Double.parseDouble(wall.group(2)) * 60 + Double.parseDouble(wall.group(3));
            return new Measure(seconds * 1000, Long.parseLong(rss.group(1)));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /**
     * The case made by real tools: Go's own CPU profiler on a Go program with labelled work, written gzipped
     * as Go writes it, then stored uncompressed. Made once; delete target/bench to make it again.
     */
    static Path realProfile() throws Exception {
        Path dir = Path.of("target", "bench").toAbsolutePath();
        Path pb = dir.resolve("cpu-real.pb");
        if (Files.exists(pb)) {
            return pb;
        }
        Files.createDirectories(dir);
        Path gz = dir.resolve("cpu-real.pprof");
        String cpuSeconds = System.getProperty("bench.cpuSeconds", "490");
        Path gen = Path.of("src", "test", "go", "cpuprofile-gen").toAbsolutePath();
        System.out.printf("making a real CPU profile: go run %s for %s CPU seconds...%n", gen, cpuSeconds);
        Process p = new ProcessBuilder("go", "run", ".", "-out", gz.toString(), "-cpu-seconds", cpuSeconds)
                .directory(gen.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the Go profile generator failed");
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.copy(in, pb);
        }
        return pb;
    }

    /** Inclusive value of every call site for the default sample type: self values, then children into parents. */
    static long[] tree(StackTable stacks, SampleTrack track) {
        long[] value = new long[stacks.callsiteCount()];
        int type = track.defaultType();
        for (int i = 0; i < track.size(); i++) {
            value[track.stack(i)] += track.value(i, type);
        }
        for (int c = value.length - 1; c > 0; c--) {
            value[stacks.parent(c)] += value[c];
        }
        return value;
    }
}
