package io.incident.app.ingest;

import io.incident.parsers.ArtifactException;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Head;
import io.incident.parsers.Limits;
import io.incident.parsers.bundle.BundleExtractor;
import io.incident.parsers.bundle.BundleKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Expands what the analyst dropped (files, folders, zip and tar.gz bundles, recursively) into candidate files. Bundles
 * are extracted under a scratch folder the caller owns and deletes. Problems are reported per path, never dropped.
 */
public final class ArtifactScanner {
    /** A path that could not be expanded, and why. */
    public record Problem(String displayPath, String message) {
    }

    /** What a scan found. */
    public record Scan(List<Candidate> candidates, List<Problem> problems) {
    }

    private static final int MAX_BUNDLE_NESTING = 4;

    private final Path scratch;
    private final Limits limits;
    private final Cancellation cancel;
    private int bundles;

    public ArtifactScanner(Path scratch, Limits limits, Cancellation cancel) {
        this.scratch = scratch;
        this.limits = limits;
        this.cancel = cancel;
    }

    public Scan scan(List<Path> inputs) {
        List<Candidate> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path p : inputs) {
            add(p, p.toString(), 0, out, problems);
        }
        return new Scan(List.copyOf(out), List.copyOf(problems));
    }

    private void add(Path p, String display, int nesting, List<Candidate> out, List<Problem> problems) {
        cancel.check();
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.list(p)) {
                for (Path child : s.sorted().toList()) {
                    if (!child.getFileName().toString().startsWith(".")) {
                        add(child, display + "/" + child.getFileName(), nesting, out, problems);
                    }
                }
            } catch (IOException e) {
                problems.add(new Problem(display, "cannot list folder: " + e.getMessage()));
            }
            return;
        }
        if (!Files.isRegularFile(p)) {
            problems.add(new Problem(display, Files.exists(p) ? "not a regular file" : "no such file"));
            return;
        }
        BundleKind kind;
        try {
            kind = bundleKind(p);
        } catch (IOException e) {
            problems.add(new Problem(display, "cannot read: " + e.getMessage()));
            return;
        }
        if (kind == null) {
            out.add(new Candidate(display, p));
            return;
        }
        if (nesting >= MAX_BUNDLE_NESTING) {
            problems.add(new Problem(display, "bundle nested more than " + MAX_BUNDLE_NESTING + " deep; not opened"));
            return;
        }
        Path root = scratch.resolve("bundle-" + (++bundles));
        try {
            BundleExtractor.Result r = BundleExtractor.extract(p, kind, root, limits, cancel);
            for (String s : r.skipped()) {
                problems.add(new Problem(display + "!/" + s.substring(0, Math.max(0, s.indexOf(':'))), s));
            }
            for (BundleExtractor.Entry e : r.entries()) {
                add(e.file(), display + "!/" + e.name(), nesting + 1, out, problems);
            }
        } catch (ArtifactException e) {
            problems.add(new Problem(display, e.getMessage()));
        }
    }

    static BundleKind bundleKind(Path p) throws IOException {
        byte[] raw;
        try (InputStream in = Files.newInputStream(p)) {
            raw = in.readNBytes(512);
        }
        byte[] inflated = null;
        int inflatedLen = 0;
        if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                inflated = in.readNBytes(512);
                inflatedLen = inflated.length;
            } catch (IOException e) {
                // Not a readable gzip: leave it to detection, which reports it.
                inflatedLen = 0;
            }
        }
        return BundleKind.recognize(raw, raw.length, inflated, inflatedLen);
    }

    /** The detection head size, re-exported for callers that size buffers. */
    public static int headSize() {
        return Head.SIZE;
    }
}
