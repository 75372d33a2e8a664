package io.incident.parsers.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incident.parsers.Cancellation;
import io.incident.parsers.LimitExceededException;
import io.incident.parsers.Limits;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleExtractorTest {
    private static byte[] kind(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    @Test
    void zipEntriesAreExtractedAndEscapesRefused(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("b.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(z, "logs/journal.export", "MESSAGE=hi\n");
            put(z, "../../evil.txt", "escape");
            put(z, "/abs/evil.txt", "absolute");
        }
        byte[] raw = kind(zip);
        assertEquals(BundleKind.ZIP, BundleKind.recognize(raw, raw.length, null, 0));
        BundleExtractor.Result r = BundleExtractor.extract(zip, BundleKind.ZIP, tmp.resolve("out"), Limits.DEFAULT,
                Cancellation.none());
        assertEquals(1, r.entries().size());
        assertEquals("logs/journal.export", r.entries().get(0).name());
        assertEquals(2, r.skipped().size());
        assertTrue(r.skipped().get(0).contains("escapes"), r.skipped().toString());
        assertFalse(Files.exists(tmp.resolve("evil.txt")));
        assertFalse(Files.exists(tmp.getParent().resolve("evil.txt")));
    }

    @Test
    void tarGzIsRecognisedAndSymlinksSkipped(@TempDir Path tmp) throws Exception {
        Path tgz = tmp.resolve("b.tar.gz");
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(tgz)))) {
            byte[] data = "goroutine 1 [running]:\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("dumps/g.txt");
            e.setSize(data.length);
            t.putArchiveEntry(e);
            t.write(data);
            t.closeArchiveEntry();
            TarArchiveEntry link = new TarArchiveEntry("dumps/link", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            t.putArchiveEntry(link);
            t.closeArchiveEntry();
        }
        byte[] raw = Files.readAllBytes(tgz);
        byte[] inflated = new java.util.zip.GZIPInputStream(Files.newInputStream(tgz)).readNBytes(512);
        assertEquals(BundleKind.TAR_GZ, BundleKind.recognize(raw, raw.length, inflated, inflated.length));
        BundleExtractor.Result r = BundleExtractor.extract(tgz, BundleKind.TAR_GZ, tmp.resolve("out"), Limits.DEFAULT,
                Cancellation.none());
        assertEquals(1, r.entries().size());
        assertEquals(1, r.skipped().size());
    }

    @Test
    void aZipBombStopsAtTheRatioLimit(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("bomb.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("zeros"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        Limits tight = new Limits(1 << 20, 1 << 16, 100, 1L << 30, 20, 10);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> BundleExtractor.extract(zip,
                BundleKind.ZIP, tmp.resolve("out"), tight, Cancellation.none()));
        assertEquals("maxCompressionRatio", e.setting());
        assertTrue(e.getMessage().contains("-Dworkbench.limits.maxCompressionRatio"), e.getMessage());
    }

    private static void put(ZipOutputStream z, String name, String text) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        OutputStream o = z;
        o.write(text.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }
}
