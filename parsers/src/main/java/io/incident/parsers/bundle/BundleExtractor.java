package io.incident.parsers.bundle;

import io.incident.parsers.ArtifactException;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Inputs;
import io.incident.parsers.LimitExceededException;
import io.incident.parsers.Limits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Extracts a zip, tar or tar.gz bundle into a folder so its entries can be detected and read like files. Entry names
 * are data from the artifact: a name that would land outside the extraction root (absolute, {@code ..}) is refused and
 * counted, never followed; links are skipped. Sizes are bounded: total inflated bytes, ratio to the bundle's size, and
 * the number of entries.
 */
public final class BundleExtractor {
    /** One extracted regular file: its name inside the bundle and where it was written. */
    public record Entry(String name, Path file) {
    }

    /** What extraction produced, with entries refused or skipped and why. */
    public record Result(List<Entry> entries, List<String> skipped) {
    }

    private BundleExtractor() {
    }

    public static Result extract(Path bundle, BundleKind kind, Path root, Limits limits, Cancellation cancel)
            throws ArtifactException {
        String name = bundle.toString();
        try {
            long size = Files.size(bundle);
            long bound = Math.min(limits.maxDecompressedBytes(),
                    Math.max(1L << 20, Inputs.saturatingMultiply(size, limits.maxCompressionRatio())));
            Files.createDirectories(root);
            Path normRoot = root.toAbsolutePath().normalize();
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(bundle), 1 << 16);
                 ArchiveInputStream<? extends ArchiveEntry> in = open(kind, raw)) {
                return copyEntries(name, in, normRoot, bound, limits, cancel);
            }
        } catch (Inputs.LimitIOException e) {
            throw e.limit();
        } catch (IOException | RuntimeException e) {
            throw new ArtifactException(name, "", "a readable " + kind.name().toLowerCase().replace('_', '.')
                    + " bundle (" + e.getMessage() + ")", e);
        }
    }

    private static ArchiveInputStream<? extends ArchiveEntry> open(BundleKind kind, InputStream raw) throws IOException {
        switch (kind) {
            case ZIP:
                return new ZipArchiveInputStream(raw);
            case TAR:
                return new TarArchiveInputStream(raw);
            default:
                return new TarArchiveInputStream(new GZIPInputStream(raw, 1 << 16));
        }
    }

    private static Result copyEntries(String bundleName, ArchiveInputStream<? extends ArchiveEntry> in, Path root,
                                      long bound, Limits limits, Cancellation cancel) throws IOException, ArtifactException {
        List<Entry> entries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long total = 0;
        int count = 0;
        byte[] buf = new byte[1 << 16];
        ArchiveEntry e;
        while ((e = in.getNextEntry()) != null) {
            cancel.check();
            if (++count > limits.maxBundleEntries()) {
                throw new LimitExceededException(bundleName, "entry " + count, "maxBundleEntries",
                        limits.maxBundleEntries(), "number of bundle entries");
            }
            String entryName = e.getName();
            if (e.isDirectory()) {
                continue;
            }
            if (!in.canReadEntryData(e) || isLink(e)) {
                skipped.add(entryName + ": not a regular file or uses an unsupported feature");
                continue;
            }
            Path target = root.resolve(entryName).normalize();
            if (entryName.startsWith("/") || entryName.contains("\\") || !target.startsWith(root) || target.equals(root)) {
                skipped.add(entryName + ": path escapes the extraction folder");
                continue;
            }
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(target)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                    if (total > bound) {
                        throw new LimitExceededException(bundleName, "entry " + entryName,
                                bound == limits.maxDecompressedBytes() ? "maxDecompressedBytes" : "maxCompressionRatio",
                                bound, "extracted size");
                    }
                    out.write(buf, 0, n);
                }
            }
            if (e.getLastModifiedDate() != null) {
                // Keep the entry's own time: a dump with no timestamp of its own is placed by it.
                Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(e.getLastModifiedDate().toInstant()));
            }
            entries.add(new Entry(entryName, target));
        }
        return new Result(List.copyOf(entries), List.copyOf(skipped));
    }

    private static boolean isLink(ArchiveEntry e) {
        if (e instanceof org.apache.commons.compress.archivers.tar.TarArchiveEntry t) {
            return t.isSymbolicLink() || t.isLink() || !t.isFile();
        }
        if (e instanceof org.apache.commons.compress.archivers.zip.ZipArchiveEntry z) {
            return z.isUnixSymlink();
        }
        return false;
    }
}
