package io.incident.app;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's bundled sample incident, which every clone has; and the team's corpus, which may be absent. */
public final class SampleData {
    private SampleData() {
    }

    public static Path projectRoot() {
        String p = System.getProperty("project.root");
        return (p != null ? Path.of(p) : Path.of("..")).toAbsolutePath().normalize();
    }

    public static Path incident() {
        return projectRoot().resolve("sample-data/incident");
    }

    public static Path incident(String file) {
        Path p = incident().resolve(file);
        if (!Files.exists(p)) {
            throw new IllegalStateException("sample incident file missing: " + p);
        }
        return p;
    }

    public static Path control() {
        return projectRoot().resolve("sample-data/control");
    }

    public static Path corpus() {
        String prop = System.getProperty("corpus.dir");
        return (prop != null ? Path.of(prop) : projectRoot().resolve("../shared/corpus")).toAbsolutePath().normalize();
    }

    public static void assumeCorpus() {
        assumeTrue(Files.isRegularFile(corpus().resolve("MANIFEST.tsv")), "shared corpus not found at " + corpus());
    }
}
