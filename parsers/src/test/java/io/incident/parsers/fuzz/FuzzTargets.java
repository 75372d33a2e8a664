package io.incident.parsers.fuzz;

import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Cancellation;
import io.incident.parsers.FormatReader;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import io.incident.parsers.ReadContext;
import io.incident.parsers.bundle.BundleExtractor;
import io.incident.parsers.bundle.BundleKind;
import io.incident.parsers.goroutine.DumpDiff;
import io.incident.parsers.goroutine.GoroutineDump;
import io.incident.parsers.goroutine.GoroutineDumpReader;
import io.incident.parsers.jfr.JfrBrowser;
import io.incident.parsers.jfr.JfrReader;
import io.incident.parsers.journal.JournalExportReader;
import io.incident.parsers.journal.JournalJsonReader;
import io.incident.parsers.pcap.CaptureModel;
import io.incident.parsers.pcap.PcapReader;
import io.incident.parsers.pprof.PprofReader;
import io.incident.parsers.strace.StraceReader;
import io.incident.parsers.strace.StraceStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The reader contract, as one function per reader that the fuzz tests and the corpus replay both call: given any bytes,
 * a reader returns a model or throws its documented {@link ArtifactException}. Anything else escapes and is a finding.
 *
 * <p>Readers wrap unexpected runtime exceptions into an {@code ArtifactException} so the app never dies, but that would
 * hide their own bugs from the fuzzer. So an {@code ArtifactException} caused by a runtime exception thrown from this
 * project's code is rethrown as a finding; one thrown from a library that rejects bad input with runtime exceptions
 * (the JDK's JFR parser, commons-compress) is the documented error.
 */
public final class FuzzTargets {
    /** Each fuzzing thread writes its input to its own file: the readers read files, as the import does. */
    private static final ThreadLocal<Path> SCRATCH = ThreadLocal.withInitial(FuzzTargets::scratchDir);

    private FuzzTargets() {
    }

    /** Runs the target named like its fuzz test method. */
    public static void run(String target, byte[] data) {
        switch (target) {
            case "pprof" -> pprof(data);
            case "goroutine" -> goroutine(data);
            case "jfr" -> jfr(data);
            case "pcap", "pcapng" -> capture(data);
            case "strace" -> strace(data);
            case "journalExport" -> journalExport(data);
            case "journalJson" -> journalJson(data);
            case "zipBundle" -> bundle(data, BundleKind.ZIP);
            case "tarGzBundle" -> bundle(data, BundleKind.TAR_GZ);
            default -> throw new IllegalArgumentException("no fuzz target " + target);
        }
    }

    public static void pprof(byte[] data) {
        read(new PprofReader(), SourceKind.PPROF, data);
    }

    public static void goroutine(byte[] data) {
        Path file = write(data, "dump.txt");
        try {
            GoroutineDump dump = GoroutineDumpReader.parse(context(file, SourceKind.GOROUTINE_DUMP));
            touch(dump.source());
            dump.buckets().size();
            DumpDiff.of(dump, dump, 1_000_000_000L);
        } catch (ArtifactException e) {
            expected(e);
        }
    }

    public static void jfr(byte[] data) {
        Path file = write(data, "recording.jfr");
        read(new JfrReader(), SourceKind.JFR, file);
        JfrBrowser browser = null;
        try {
            browser = JfrBrowser.open(file);
            for (Map.Entry<String, Long> type : browser.eventTypes().entrySet()) {
                browser.events(type.getKey(), 0, 20);
            }
        } catch (ArtifactException e) {
            expected(e);
        } finally {
            if (browser != null) {
                browser.close();
            }
        }
    }

    public static void capture(byte[] data) {
        Path file = write(data, "capture");
        try {
            CaptureModel model = PcapReader.readConnections(context(file, SourceKind.PCAP));
            touch(model.source());
            model.connections().all().forEach(c -> model.connections().packetOffsets(c));
        } catch (ArtifactException e) {
            expected(e);
        }
    }

    public static void strace(byte[] data) {
        Source s = read(new StraceReader(), SourceKind.STRACE, data);
        if (s != null) {
            StraceStats.of(s);
            StraceStats.calls(s);
        }
    }

    public static void journalExport(byte[] data) {
        read(new JournalExportReader(), SourceKind.JOURNAL_EXPORT, data);
    }

    public static void journalJson(byte[] data) {
        read(new JournalJsonReader(), SourceKind.JOURNAL_JSON, data);
    }

    public static void bundle(byte[] data, BundleKind kind) {
        Path file = write(data, "bundle");
        Path root = SCRATCH.get().resolve("extracted");
        try {
            BundleExtractor.Result r = BundleExtractor.extract(file, kind, root, Limits.DEFAULT, Cancellation.none());
            Path norm = root.toAbsolutePath().normalize();
            for (BundleExtractor.Entry e : r.entries()) {
                if (!e.file().toAbsolutePath().normalize().startsWith(norm)) {
                    throw new AssertionError("bundle entry " + e.name() + " escaped the extraction root: " + e.file());
                }
            }
        } catch (ArtifactException e) {
            expected(e);
        } finally {
            deleteTree(root);
        }
    }

    private static Source read(FormatReader reader, SourceKind kind, byte[] data) {
        return read(reader, kind, write(data, "input"));
    }

    private static Source read(FormatReader reader, SourceKind kind, Path file) {
        try {
            Source s = reader.read(context(file, kind));
            touch(s);
            return s;
        } catch (ArtifactException e) {
            expected(e);
            return null;
        }
    }

    /** What the import does with a source beyond holding it: its summary and diagnostics are printed. */
    private static void touch(Source s) {
        String.valueOf(s.summary());
        s.diagnostics().forEach(String::valueOf);
    }

    /** An ArtifactException is the contract, unless it only wraps a runtime failure of this project's own code. */
    private static void expected(ArtifactException e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("an ArtifactException without a message", e);
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof RuntimeException || c instanceof Error) {
                StackTraceElement[] st = c.getStackTrace();
                if (st.length > 0 && st[0].getClassName().startsWith("io.incident.")) {
                    throw new AssertionError("a reader bug wrapped as an ArtifactException: " + e.getMessage(), c);
                }
            }
        }
    }

    private static ReadContext context(Path file, SourceKind kind) {
        try {
            return new ReadContext(file, new SourceInfo(file.getFileName().toString(), kind, Files.size(file), ""),
                    Limits.DEFAULT, Progress.NONE, Cancellation.none());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(byte[] data, String name) {
        try {
            return Files.write(SCRATCH.get().resolve(name), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path scratchDir() {
        try {
            Path shm = Path.of("/dev/shm");
            Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "workbench-fuzz") : Files.createTempDirectory("workbench-fuzz");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
