package io.incident.parsers.jfr;

import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import io.incident.parsers.ReadContext;
import io.incident.testing.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Shared helpers: reading a file with the reader, and the expectations made once with {@code jfr summary}. */
final class JfrTestFiles {
    /** One recording's line in expected-summary.tsv: counts by type (as jfr summary prints them), chunks, or error. */
    record Expected(String file, Map<String, Long> counts, int chunks, String error) {
    }

    /** Chunk records jfr summary counts but the API does not yield; JDK 9 named them com.oracle.jdk.*. */
    private static final Set<String> RECORDS_NOT_EVENTS = Set.of("jdk.Metadata", "jdk.CheckPoint",
            "com.oracle.jdk.Metadata", "com.oracle.jdk.CheckPoint");

    private JfrTestFiles() {
    }

    static Source read(Path file) throws ArtifactException {
        return read(file, Limits.DEFAULT);
    }

    static Source read(Path file, Limits limits) throws ArtifactException {
        return read(file, limits, new JfrReader());
    }

    static Source read(Path file, Limits limits, JfrReader reader) throws ArtifactException {
        SourceInfo info = new SourceInfo(file.getFileName().toString(), SourceKind.JFR, size(file), "");
        return reader.read(new ReadContext(file, info, limits, Progress.NONE, Cancellation.none()));
    }

    static Path corpus(String file) {
        Corpus.assume();
        return Corpus.root().resolve(file);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Expected> expected() throws IOException {
        Map<String, Expected> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/jfr/expected-summary.tsv"))) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 3);
            Expected e = out.computeIfAbsent(f[0], k -> new Expected(k, new LinkedHashMap<>(), 0, null));
            switch (f[1]) {
                case "#chunks" -> out.put(f[0], new Expected(f[0], e.counts(), Integer.parseInt(f[2]), null));
                case "#error" -> out.put(f[0], new Expected(f[0], e.counts(), 0, f[2]));
                // A multi-chunk summary lists a type once per chunk's metadata (again with 0): sum them.
                default -> e.counts().merge(f[1], Long.parseLong(f[2]), Long::sum);
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * The counts the API yields events for: {@code jfr summary} also lists the chunk's own records (jdk.Metadata,
     * jdk.CheckPoint), registered types with no event, and records whose type has no metadata ("732 (missing event
     * metadata)"), which the API cannot turn into events.
     */
    static Map<String, Long> eventCounts(Expected e) {
        Map<String, Long> out = new LinkedHashMap<>();
        e.counts().forEach((k, v) -> {
            if (v > 0 && !RECORDS_NOT_EVENTS.contains(k) && !k.endsWith("(missing event metadata)")) {
                out.put(k, v);
            }
        });
        return out;
    }
}
