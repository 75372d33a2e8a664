package io.incident.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The team's shared corpus of real artifacts, read in place; tests that need it skip when it is absent. */
public final class Corpus {
    /** One MANIFEST.tsv row. */
    public record Entry(String file, String kind, String source, long size, String notes) {
        public Path path() {
            return root().resolve(file);
        }
    }

    private Corpus() {
    }

    /**
     * The corpus: {@code -Dcorpus.dir} when given, else the nearest {@code shared/corpus} beside the project folder or
     * one of its ancestors (a clone at {@code X/main} or a worktree at {@code X/wt/name} both find {@code X/shared}).
     */
    public static Path root() {
        String prop = System.getProperty("corpus.dir");
        if (prop != null) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        String rootProp = System.getProperty("project.root");
        Path start = (rootProp != null ? Path.of(rootProp) : Path.of("..")).toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("corpus");
            if (Files.isRegularFile(candidate.resolve("MANIFEST.tsv"))) {
                return candidate;
            }
        }
        return start.resolveSibling("shared").resolve("corpus");
    }

    public static boolean present() {
        return Files.isRegularFile(root().resolve("MANIFEST.tsv"));
    }

    /** Skips the calling test when the corpus is not beside this clone. */
    public static void assume() {
        assumeTrue(present(), "shared corpus not found at " + root());
    }

    public static List<Entry> entries() {
        assume();
        try {
            List<Entry> out = new ArrayList<>();
            List<String> lines = Files.readAllLines(root().resolve("MANIFEST.tsv"));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                if (f.length >= 5) {
                    out.add(new Entry(f[0], f[1], f[2], Long.parseLong(f[3]), f[4]));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Entry> ofKind(String kind) {
        return entries().stream().filter(e -> e.kind().equals(kind)).toList();
    }
}
