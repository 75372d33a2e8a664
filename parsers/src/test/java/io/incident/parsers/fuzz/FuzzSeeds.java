package io.incident.parsers.fuzz;

import io.incident.model.SourceKind;
import io.incident.parsers.Detection;
import io.incident.parsers.Formats;
import io.incident.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Seeds for each fuzz target, taken from the shared corpus: every artifact is routed to the target of its detected kind
 * (or of its corpus folder when detection refuses it, as the broken ones are). Large files are cut to a prefix, since
 * mutating megabytes is slow and the fuzzer's interest is in structure; gzipped files are also given inflated, so the
 * mutations reach the format and not only the gzip framing. The bundle targets get small zip and tar.gz files built from
 * corpus text files.
 */
final class FuzzSeeds {
    record Seed(String name, byte[] data) {
    }

    /** Bytes kept of one text or capture file; JFR files are kept whole up to {@link #MAX_WHOLE}. */
    static final int PREFIX = 64 << 10;
    static final int MAX_WHOLE = 256 << 10;

    private FuzzSeeds() {
    }

    /** Target method name to its seeds; empty when the corpus is absent. */
    static Map<String, List<Seed>> fromCorpus() {
        Map<String, List<Seed>> out = new LinkedHashMap<>();
        for (String t : List.of("pprof", "goroutine", "jfr", "pcap", "pcapng", "strace", "journalExport",
                "journalJson", "zipBundle", "tarGzBundle")) {
            out.put(t, new ArrayList<>());
        }
        if (!Corpus.present()) {
            return out;
        }
        List<Seed> texts = new ArrayList<>();
        for (Corpus.Entry e : Corpus.entries()) {
            Path p = e.path();
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try {
                Detection d = Formats.detect(p);
                String target = target(d.kind(), e.file());
                if (target == null) {
                    continue;
                }
                byte[] raw = Files.readAllBytes(p);
                List<Seed> seeds = out.get(target);
                if (target.equals("jfr")) {
                    if (raw.length <= MAX_WHOLE) {
                        seeds.add(new Seed(e.file(), raw));
                    }
                    continue;
                }
                seeds.add(new Seed(e.file(), prefix(raw)));
                if (d.gzipped()) {
                    byte[] inflated = inflatedPrefix(raw);
                    if (inflated != null) {
                        seeds.add(new Seed(e.file() + " (inflated)", inflated));
                    }
                }
                if ((target.equals("strace") || target.equals("goroutine") || target.equals("journalJson"))
                        && raw.length <= 16 << 10 && texts.size() < 6) {
                    texts.add(new Seed(p.getFileName().toString(), raw));
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        out.get("zipBundle").add(new Seed("made: zip of corpus text files", zip(texts)));
        out.get("tarGzBundle").add(new Seed("made: tar.gz of corpus text files", tarGz(texts)));
        return out;
    }

    /** Writes the seeds of each target into Jazzer's generated-corpus folder for it, unless that folder has inputs. */
    static void writeGeneratedCorpus(Path baseDir, Class<?> testClass) {
        try {
            for (Map.Entry<String, List<Seed>> t : fromCorpus().entrySet()) {
                Path dir = baseDir.resolve(".cifuzz-corpus").resolve(testClass.getName()).resolve(t.getKey());
                Files.createDirectories(dir);
                try (var s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        continue;
                    }
                }
                for (Seed seed : t.getValue()) {
                    Files.write(dir.resolve("seed-" + sha1(seed.data())), seed.data());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String target(SourceKind kind, String corpusPath) {
        switch (kind) {
            case PPROF:
                return "pprof";
            case GOROUTINE_DUMP:
                return "goroutine";
            case JFR:
                return "jfr";
            case PCAP:
                return "pcap";
            case PCAPNG:
                return "pcapng";
            case STRACE:
                return "strace";
            case JOURNAL_EXPORT:
                return "journalExport";
            case JOURNAL_JSON:
                return "journalJson";
            default:
                break;
        }
        String folder = corpusPath.substring(0, Math.max(0, corpusPath.indexOf('/')));
        return switch (folder) {
            case "pprof", "goroutine", "jfr", "strace" -> folder;
            case "pcap" -> corpusPath.endsWith(".pcapng") ? "pcapng" : "pcap";
            case "journal" -> corpusPath.endsWith(".json") ? "journalJson" : "journalExport";
            default -> null;
        };
    }

    private static byte[] prefix(byte[] raw) {
        return raw.length <= PREFIX ? raw : java.util.Arrays.copyOf(raw, PREFIX);
    }

    private static byte[] inflatedPrefix(byte[] gz) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readNBytes(PREFIX);
        } catch (IOException e) {
            return null; // a broken gzip seed is kept only as it is
        }
    }

    private static byte[] zip(List<Seed> files) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
                for (Seed f : files) {
                    z.putNextEntry(new ZipEntry("incident/" + f.name()));
                    z.write(f.data());
                    z.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] tarGz(List<Seed> files) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
                for (Seed f : files) {
                    TarArchiveEntry e = new TarArchiveEntry("incident/" + f.name());
                    e.setSize(f.data().length);
                    t.putArchiveEntry(e);
                    t.write(f.data());
                    t.closeArchiveEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
