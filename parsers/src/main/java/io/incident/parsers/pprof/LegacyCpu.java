package io.incident.parsers.pprof;

import io.incident.parsers.ArtifactException;
import io.incident.parsers.ReadContext;
import io.incident.parsers.pprof.proto.ProfileProto.Profile;
import io.incident.parsers.pprof.proto.ProfileProto.Sample;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy binary CPU profile (gperftools, Go before 1.9, Java agents): header words {0, 3, version, period in µs, 0},
 * then records {count, depth, pc...} up to the trailer {0, 1, 0}, in 32- or 64-bit words of either byte order; after it a
 * memory map (C++/Go) or "0xADDR symbol" lines (Java, version 1). Parsed as pprof's legacy_profile.go does.
 */
final class LegacyCpu {
    private final String name;
    private final DataInputStream in;
    private final ReadContext ctx;
    private final int word;
    private final boolean little;
    private long offset;

    private LegacyCpu(String name, InputStream in, ReadContext ctx, int word, boolean little) {
        this.name = name;
        this.in = new DataInputStream(in.markSupported() ? in : new java.io.BufferedInputStream(in));
        this.ctx = ctx;
        this.word = word;
        this.little = little;
    }

    /** Parses the stream; {@code head} are its first bytes, used to pick the word size and byte order. */
    static Profile parse(String name, InputStream in, byte[] head, ReadContext ctx) throws IOException, ArtifactException {
        for (int word : new int[] {4, 8}) {
            for (boolean little : new boolean[] {true, false}) {
                if (head.length >= 5 * word && word(head, 0, word, little) == 0 && word(head, 1, word, little) == 3
                        && word(head, 2, word, little) <= 1 && word(head, 3, word, little) > 0
                        && word(head, 4, word, little) == 0) {
                    return new LegacyCpu(name, in, ctx, word, little).parse();
                }
            }
        }
        throw new ArtifactException(name, "byte 0", "unrecognized legacy CPU profile header");
    }

    private static long word(byte[] b, int index, int word, boolean little) {
        long v = 0;
        for (int i = 0; i < word; i++) {
            v = (v << 8) | (b[index * word + (little ? word - 1 - i : i)] & 0xff);
        }
        return v;
    }

    private long next() throws IOException, ArtifactException {
        long v = 0;
        try {
            for (int i = 0; i < word; i++) {
                long b = in.readUnsignedByte();
                v = little ? v | (b << (8 * i)) : (v << 8) | b;
            }
        } catch (EOFException e) {
            throw ArtifactException.atByte(name, offset, "legacy CPU profile ends inside a sample record");
        }
        offset += word;
        return v;
    }

    private boolean atEnd() throws IOException {
        in.mark(1);
        int b = in.read();
        in.reset();
        return b < 0;
    }

    private Profile parse() throws IOException, ArtifactException {
        long[] header = new long[5];
        for (int i = 0; i < 5; i++) {
            header[i] = next();
        }
        boolean java = header[2] == 1;
        long period = header[3] * 1000;
        LegacyBuilder b = new LegacyBuilder();
        b.period("cpu", "nanoseconds", period).sampleTypes("samples", "count", "cpu", "nanoseconds");
        int maxDepth = ctx.limits().maxStackDepth();
        while (true) {
            if (atEnd()) {
                break;
            }
            long count = next();
            long depth = next();
            if (depth < 0 || depth > maxDepth) {
                throw new io.incident.parsers.LimitExceededException(name, "byte " + (offset - word), "maxStackDepth",
                        maxDepth, "stack depth " + Long.toUnsignedString(depth));
            }
            List<Long> addrs = new ArrayList<>((int) depth);
            for (int i = 0; i < depth; i++) {
                addrs.add(next());
            }
            if (count == 0 && depth == 1 && addrs.get(0) == 0) {
                break;
            }
            b.sample(new long[] {count, count * period}, addrs, java ? Integer.MAX_VALUE : 1, null, 0);
            if (b.samples().size() % 4096 == 0) {
                ctx.cancellation().check();
            }
        }
        if (java) {
            symbolizeJava(b);
        } else {
            stripSignalFrames(b);
            LegacyMaps maps = new LegacyMaps(b);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                maps.line(line);
            }
        }
        return b.build();
    }

    private void symbolizeJava(LegacyBuilder b) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            LegacyText.javaSymbol(line, b);
        }
    }

    /**
     * pprof's heuristic: when nearly every sample (all but one in 32) has the same second frame, that frame was pushed
     * by the signal handler and is removed; done at most twice.
     */
    private static void stripSignalFrames(LegacyBuilder b) {
        List<Sample.Builder> samples = b.samples();
        int margin = samples.size() / 32;
        for (int iter = 0; iter < 2; iter++) {
            Map<Long, Integer> second = new HashMap<>();
            for (Sample.Builder s : samples) {
                if (s.getLocationIdCount() > 1) {
                    second.merge(s.getLocationId(1), 1, Integer::sum);
                }
            }
            for (Map.Entry<Long, Integer> e : second.entrySet()) {
                if (e.getValue() >= samples.size() - margin) {
                    for (Sample.Builder s : samples) {
                        if (s.getLocationIdCount() > 1 && s.getLocationId(1) == e.getKey()) {
                            List<Long> ids = new ArrayList<>(s.getLocationIdList());
                            ids.remove(1);
                            s.clearLocationId().addAllLocationId(ids);
                        }
                    }
                    break;
                }
            }
        }
    }
}
