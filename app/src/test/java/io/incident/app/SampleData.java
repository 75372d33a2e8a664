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

    /** The shared corpus, found as the parsers tests find it: {@code -Dcorpus.dir}, else beside the project or an ancestor. */
    public static Path corpus() {
        String prop = System.getProperty("corpus.dir");
        if (prop != null) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = projectRoot(); p != null; p = p.getParent()) {
            Path c = p.resolveSibling("shared").resolve("corpus");
            if (Files.isRegularFile(c.resolve("MANIFEST.tsv"))) {
                return c;
            }
        }
        return projectRoot().resolveSibling("shared").resolve("corpus");
    }

    public static void assumeCorpus() {
        assumeTrue(Files.isRegularFile(corpus().resolve("MANIFEST.tsv")), "shared corpus not found at " + corpus());
    }
}
