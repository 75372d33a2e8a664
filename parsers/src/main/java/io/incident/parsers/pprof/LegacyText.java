package io.incident.parsers.pprof;

import io.incident.parsers.ArtifactException;
import io.incident.parsers.LimitExceededException;
import io.incident.parsers.ReadContext;
import io.incident.parsers.pprof.proto.ProfileProto.Profile;
import io.incident.parsers.pprof.proto.ProfileProto.Sample;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The legacy text profiles go tool pprof still reads, parsed as pprof's legacy_profile.go does (same value scaling, so
 * totals match): Go and gperftools heap ({@code heap profile: ... @ heap/R}, {@code heapz_v2}, {@code growthz}),
 * contention ({@code --- contention:}, {@code --- mutex:}, {@code --- contentionz}), count profiles ({@code threadcreate
 * profile: total N}), gperftools {@code --- threadz} and the Java {@code heapz}/{@code contentionz} variants. Unlike
 * pprof, the {@code #\t0xPC\tfunc+off\tfile:line} comments Go writes under each stack name the frames.
 */
final class LegacyText {
    static final Pattern HEAP_HEADER = Pattern.compile(
            "heap profile: *(\\d+): *(\\d+) *\\[ *(\\d+): *(\\d+) *\\] *@ *(heap[_a-z0-9]*)/?(\\d*)");
    private static final Pattern GROWTH_HEADER = Pattern.compile(
            "heap profile: *(\\d+): *(\\d+) *\\[ *(\\d+): *(\\d+) *\\] @ (growthz?|fragmentationz?)");
    private static final Pattern HEAP_SAMPLE = Pattern.compile(
            "(-?\\d+): *(-?\\d+) *\\[ *(\\d+): *(\\d+) *\\] @([ x0-9a-f]*)");
    private static final Pattern CONTENTION_SAMPLE = Pattern.compile("(\\d+) *(\\d+) @([ x0-9a-f]*)");
    private static final Pattern COUNT_START = Pattern.compile("(\\S+) profile: total \\d+");
    private static final Pattern COUNT_SAMPLE = Pattern.compile("(\\d+) @((?: 0x[0-9a-f]+)+)");
    private static final Pattern THREADZ_START = Pattern.compile("--- threadz \\d+ ---");
    private static final Pattern THREAD_START = Pattern.compile(
            "--- Thread ([0-9a-fA-F]+) \\(name: (.*)/(\\d+)\\) stack: ---");
    private static final Pattern JAVA_SAMPLE = Pattern.compile("\\s*(\\d+)\\s+(\\d+)\\s+@\\s+([ x0-9a-f]*)\\s*");
    private static final Pattern JAVA_LOCATION = Pattern.compile("\\s*0x([0-9a-fA-F]{1,16})\\s+(.*?)\\s*");
    private static final Pattern JAVA_FILE_LINE = Pattern.compile("(.*)\\s+\\((.+):(-?\\d+)\\)");
    private static final Pattern JAVA_PATH = Pattern.compile("(.*)\\s+\\((.*)\\)");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w ]+)=([\\w ]+)");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-f]+");
    private static final Pattern GO_FRAME = Pattern.compile("#\\s+0x([0-9a-f]{1,16})\\s+(\\S+?)(?:\\+0x[0-9a-f]+)?\\s+(\\S.*):(\\d+)");
    /** Java heapz profiles are sampled every 512 KiB (pprof's javaHeapzSamplingRate). */
    private static final long JAVA_HEAPZ_RATE = 524288;

    private final String name;
    private final BufferedReader in;
    private final ReadContext ctx;
    private final LegacyBuilder b = new LegacyBuilder();
    private final GoSymbols symbols = new GoSymbols();
    private long lineNo;
    private String pushedBack;

    private LegacyText(String name, BufferedReader in, ReadContext ctx) {
        this.name = name;
        this.in = in;
        this.ctx = ctx;
    }

    static Profile parse(String name, BufferedReader in, ReadContext ctx) throws IOException, ArtifactException {
        return new LegacyText(name, in, ctx).parse();
    }

    private Profile parse() throws IOException, ArtifactException {
        String first = next();
        while (first != null && isSpaceOrComment(first)) {
            first = next();
        }
        if (first == null) {
            throw new ArtifactException(name, "", "empty input file: expected a pprof profile");
        }
        String head = first.trim();
        if (HEAP_HEADER.matcher(head).lookingAt() || GROWTH_HEADER.matcher(head).lookingAt()) {
            heap(head);
        } else if (COUNT_START.matcher(head).matches()) {
            count(head);
        } else if (THREADZ_START.matcher(head).find() || THREAD_START.matcher(head).find()) {
            thread(head);
        } else if (head.startsWith("--- contentionz ") || head.startsWith("--- mutex:")
                || head.startsWith("--- contention:")) {
            contention(head);
        } else if (head.equals("--- heapz 1 ---")) {
            javaProfile(true);
        } else {
            throw ArtifactException.atLine(name, lineNo, "unrecognized profile format: expected a profile.proto or a "
                    + "legacy text profile header");
        }
        LegacyMaps maps = new LegacyMaps(b);
        for (String line = next(); line != null; line = next()) {
            maps.line(line);
        }
        symbols.applyTo(b);
        return b.build();
    }

    private String next() throws IOException, ArtifactException {
        if (pushedBack != null) {
            String s = pushedBack;
            pushedBack = null;
            return s;
        }
        String s = in.readLine();
        if (s != null) {
            lineNo++;
            if (s.length() > ctx.limits().maxLineBytes()) {
                throw new LimitExceededException(name, "line " + lineNo, "maxLineBytes", ctx.limits().maxLineBytes(),
                        "line length");
            }
            if (lineNo % 4096 == 0) {
                ctx.cancellation().check();
            }
        }
        return s;
    }

    /** The next line that is not blank, trimmed; null at the end. */
    private String nextNonBlank() throws IOException, ArtifactException {
        for (String line = next(); line != null; line = next()) {
            String t = line.trim();
            if (!t.isEmpty()) {
                return t;
            }
        }
        return null;
    }

    static boolean isSpaceOrComment(String line) {
        String t = line.trim();
        return t.isEmpty() || t.charAt(0) == '#';
    }

    private static boolean isMemoryMapSentinel(String line) {
        return line.contains("--- Memory map: ---") || line.contains("MAPPED_LIBRARIES:");
    }

    private ArtifactException malformed(String what) {
        return ArtifactException.atLine(name, lineNo, what);
    }

    private List<Long> hexAddresses(String s) throws ArtifactException {
        List<Long> out = new ArrayList<>();
        Matcher m = HEX.matcher(s);
        while (m.find()) {
            String hex = m.group().substring(2).replaceFirst("^0+(?=.)", "");
            if (hex.length() > 16) {
                throw malformed("failed to parse as hex 64-bit number: " + m.group());
            }
            out.add(Long.parseUnsignedLong(hex, 16));
        }
        return out;
    }

    private long parseLong(String s) throws ArtifactException {
        try {
            return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw malformed("malformed number " + s);
        }
    }

    // --- heap profile: N: N [N: N] @ heap/R (Go), heapz_v2/R, heapprofile, growthz, fragmentationz (gperftools)

    private void heap(String header) throws IOException, ArtifactException {
        String sampling = "";
        boolean hasAlloc = false;
        long period = 1;
        Matcher h = HEAP_HEADER.matcher(header);
        if (h.lookingAt()) {
            period = h.group(6).isEmpty() ? 0 : parseLong(h.group(6));
            hasAlloc = (!h.group(3).equals(h.group(1)) && !h.group(3).equals("0"))
                    || (!h.group(4).equals(h.group(2)) && !h.group(4).equals("0"));
            switch (h.group(5)) {
                case "heapz_v2", "heap_v2" -> sampling = "v2";
                case "heapprofile" -> period = 1;
                case "heap" -> {
                    sampling = "v2";
                    period = period / 2;
                }
                default -> throw malformed("unrecognized heap profile sampling '" + h.group(5) + "'");
            }
        }
        b.period("space", "bytes", period);
        if (hasAlloc) {
            b.sampleTypes("alloc_objects", "count", "alloc_space", "bytes", "inuse_objects", "count", "inuse_space",
                    "bytes");
        } else {
            b.sampleTypes("objects", "count", "space", "bytes");
        }
        for (String raw = next(); raw != null; raw = next()) {
            String line = raw.trim();
            if (isSpaceOrComment(line)) {
                symbols.comment(line);
                continue;
            }
            if (isMemoryMapSentinel(line)) {
                break;
            }
            Matcher m = HEAP_SAMPLE.matcher(line);
            if (!m.find()) {
                throw malformed("expected a heap sample 'N: N [N: N] @ addresses', found: " + clip(line));
            }
            long[] blocksize = {0};
            long[] values = new long[hasAlloc ? 4 : 2];
            int v = 0;
            if (hasAlloc) {
                v = heapValues(m.group(3), m.group(4), "allocation", period, sampling, values, v, blocksize);
            }
            heapValues(m.group(1), m.group(2), "inuse", period, sampling, values, v, blocksize);
            symbols.startBlock();
            b.sample(values, hexAddresses(m.group(5)), 0, "bytes", blocksize[0]);
        }
    }

    private int heapValues(String countText, String sizeText, String label, long rate, String sampling, long[] out,
                           int at, long[] blocksize) throws ArtifactException {
        long count = parseLong(countText);
        long size = parseLong(sizeText);
        if (count == 0 && size != 0) {
            throw malformed(label + " count was 0 but " + label + " bytes was " + size);
        }
        if (count != 0) {
            blocksize[0] = size / count;
            if (sampling.equals("v2")) {
                long[] scaled = scaleHeapSample(count, size, rate);
                count = scaled[0];
                size = scaled[1];
            }
        }
        out[at] = count;
        out[at + 1] = size;
        return at + 2;
    }

    /** Unsamples a heap bucket as pprof's scaleHeapSample does: divide by the probability that it was sampled. */
    static long[] scaleHeapSample(long count, long size, long rate) {
        if (count == 0 || size == 0) {
            return new long[] {0, 0};
        }
        if (rate <= 1) {
            return new long[] {count, size};
        }
        double avgSize = (double) size / count;
        double scale = 1 / (1 - Math.exp(-avgSize / rate));
        return new long[] {(long) (count * scale), (long) (size * scale)};
    }

    // --- threadcreate profile: total N (and any other "<type> profile: total N" count profile)

    private void count(String header) throws IOException, ArtifactException {
        Matcher h = COUNT_START.matcher(header);
        if (!h.matches()) {
            throw malformed("expected '<type> profile: total N'");
        }
        b.period(h.group(1), "count", 1).sampleTypes(h.group(1), "count");
        for (String line = next(); line != null; line = next()) {
            if (isSpaceOrComment(line)) {
                symbols.comment(line.trim());
                continue;
            }
            if (line.startsWith("---")) {
                break;
            }
            Matcher m = COUNT_SAMPLE.matcher(line);
            if (!m.matches()) {
                throw malformed("malformed profile format: expected 'N @ 0x...', found: " + clip(line));
            }
            symbols.startBlock();
            b.sample(new long[] {parseLong(m.group(1))}, hexAddresses(m.group(2)), 0, null, 0);
        }
    }

    // --- threadz N --- (gperftools): one stack per "--- Thread ..." block

    private void thread(String header) throws IOException, ArtifactException {
        String line = header;
        if (THREADZ_START.matcher(header).find()) {
            for (line = next(); line != null; line = next()) {
                if (isMemoryMapSentinel(line) || line.startsWith("-")) {
                    break;
                }
            }
        }
        b.period("thread", "count", 1).sampleTypes("thread", "count");
        while (line != null && !isMemoryMapSentinel(line)) {
            if (line.startsWith("---- no stack trace for")) {
                break;
            }
            if (!THREAD_START.matcher(line).find()) {
                throw malformed("expected '--- Thread ... stack: ---', found: " + clip(line));
            }
            List<Long> addrs = new ArrayList<>();
            boolean sameAsPrevious = false;
            String l;
            for (l = next(); l != null; l = next()) {
                l = l.trim();
                if (l.isEmpty()) {
                    continue;
                }
                if (l.startsWith("---")) {
                    break;
                }
                if (l.contains("same as previous thread")) {
                    sameAsPrevious = true;
                    continue;
                }
                addrs.addAll(hexAddresses(l));
            }
            line = l;
            if (sameAsPrevious || addrs.isEmpty()) {
                List<Sample.Builder> samples = b.samples();
                if (!samples.isEmpty()) {
                    Sample.Builder last = samples.get(samples.size() - 1);
                    last.setValue(0, last.getValue(0) + 1);
                }
                continue;
            }
            b.sample(new long[] {1}, addrs, 1, null, 0);
        }
    }

    // --- contentionz 1 --- (gperftools), --- contention: / --- mutex: (Go); Java when the header says format = java

    private void contention(String header) throws IOException, ArtifactException {
        b.period("contentions", "count", 1).sampleTypes("contentions", "count", "delay", "nanoseconds");
        long cpuHz = 0;
        long period = 1;
        String line;
        for (line = next(); line != null; line = next()) {
            String t = line.trim();
            if (isSpaceOrComment(t)) {
                continue;
            }
            if (t.startsWith("---")) {
                break;
            }
            int eq = t.indexOf('=');
            if (eq < 0) {
                break;
            }
            String key = t.substring(0, eq).trim();
            String val = t.substring(eq + 1).trim();
            switch (key) {
                case "cycles/second" -> cpuHz = parseLong(val);
                case "sampling period" -> period = parseLong(val);
                case "ms since reset" -> b.durationNanos(parseLong(val) * 1_000_000);
                case "discarded samples" -> {
                }
                case "format", "resolution" -> {
                    if (header.startsWith("--- contentionz ")) {
                        pushedBack = line;
                        javaProfile(false);
                        return;
                    }
                    throw malformed("unexpected attribute '" + key + "' in a Go contention profile");
                }
                default -> throw malformed("unknown contention profile attribute '" + key + "'");
            }
        }
        b.period("contentions", "count", period);
        for (; line != null; line = next()) {
            String t = line.trim();
            if (t.startsWith("---")) {
                break;
            }
            if (isSpaceOrComment(t)) {
                symbols.comment(t);
                continue;
            }
            Matcher m = CONTENTION_SAMPLE.matcher(t);
            if (!m.find()) {
                throw malformed("expected a contention sample 'cycles count @ addresses', found: " + clip(t));
            }
            long v1 = parseLong(m.group(1));
            long v2 = parseLong(m.group(2));
            if (period > 0) {
                if (cpuHz > 0) {
                    double cpuGHz = cpuHz / 1e9;
                    v1 = (long) (v1 * (double) period / cpuGHz);
                }
                v2 = v2 * period;
            }
            symbols.startBlock();
            b.sample(new long[] {v2, v1}, hexAddresses(m.group(3)), 0, null, 0);
        }
    }

    // --- heapz 1 --- / --- contentionz 1 --- with format = java: attributes, samples, then "0xADDR symbol" lines

    private void javaProfile(boolean heap) throws IOException, ArtifactException {
        String type = heap ? "heap" : "contention";
        b.sampleTypes();
        b.period("", "", 0);
        String line;
        for (line = nextNonBlank(); line != null; line = nextNonBlank()) {
            Matcher a = ATTRIBUTE.matcher(line);
            if (!a.find()) {
                break;
            }
            String key = a.group(1).trim();
            String val = a.group(2).trim();
            switch (type + "/" + key) {
                case "heap/format", "contention/format" -> {
                    if (!val.equals("java")) {
                        throw malformed("unrecognized profile format '" + val + "'");
                    }
                }
                case "heap/resolution" -> b.sampleTypes("inuse_objects", "count", "inuse_space", val);
                case "contention/resolution" -> b.sampleTypes("contentions", "count", "delay", val);
                case "contention/sampling period" -> b.period("contentions", "count", parseLong(val));
                case "contention/ms since reset" -> b.durationNanos(parseLong(val) * 1_000_000);
                default -> throw malformed("unrecognized attribute '" + key + "' in a Java " + type + " profile");
            }
        }
        for (; line != null; line = nextNonBlank()) {
            String t = line;
            Matcher m = JAVA_SAMPLE.matcher(t);
            if (!m.matches()) {
                break;
            }
            long[] v = {parseLong(m.group(2)), parseLong(m.group(1))};
            long label = 0;
            if (heap) {
                if (v[0] == 0) {
                    throw malformed("parsing sample " + t + ": second value must be non-zero");
                }
                label = v[1] / v[0];
                v = scaleHeapSample(v[0], v[1], JAVA_HEAPZ_RATE);
            } else if (b.period() != 0) {
                v[0] *= b.period();
                v[1] *= b.period();
            }
            b.sample(v, hexAddresses(m.group(3)), Integer.MAX_VALUE, heap ? "bytes" : null, label);
        }
        javaLocations(line);
    }

    private void javaLocations(String firstLine) throws IOException, ArtifactException {
        for (String line = firstLine; line != null; line = next()) {
            javaSymbol(line, b);
        }
    }

    /**
     * Applies one "0xADDR symbol" line of a Java profile to the location of that address: "function (file:line)", a
     * shared library "function (path)" (its base name kept), a JIT stub, or a bare name for agent states like GC.
     */
    static void javaSymbol(String line, LegacyBuilder b) {
        Matcher m = JAVA_LOCATION.matcher(line);
        if (!m.matches()) {
            return;
        }
        long addr = Long.parseUnsignedLong(m.group(1), 16);
        String sym = m.group(2);
        String func = sym;
        String file = "";
        String lineNumber = "0";
        Matcher fl = JAVA_FILE_LINE.matcher(sym);
        Matcher path = JAVA_PATH.matcher(sym);
        if (fl.matches()) {
            func = fl.group(1);
            file = fl.group(2);
            lineNumber = fl.group(3);
        } else if (path.matches()) {
            func = path.group(1);
            file = path.group(2).substring(path.group(2).lastIndexOf('/') + 1);
        } else if (sym.contains("generated stub/JIT")) {
            func = "STUB";
        }
        b.symbolize(addr, List.<String[]>of(new String[] {func, file, lineNumber}), false);
    }

    static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** Go's {@code #\t0xPC\tfunc+0xOFF\tfile:line} comments: consecutive lines of one PC are its inlined frames. */
    private static final class GoSymbols {
        private final Map<Long, List<String[]>> byAddress = new HashMap<>();
        private final java.util.Set<Long> inBlock = new java.util.HashSet<>();

        void startBlock() {
            inBlock.clear();
        }

        void comment(String line) {
            Matcher m = GO_FRAME.matcher(line);
            if (!m.matches()) {
                return;
            }
            long pc = Long.parseUnsignedLong(m.group(1), 16);
            List<String[]> frames = byAddress.get(pc);
            if (frames != null && !inBlock.contains(pc)) {
                return;
            }
            if (frames == null) {
                frames = new ArrayList<>();
                byAddress.put(pc, frames);
                inBlock.add(pc);
            }
            frames.add(new String[] {m.group(2), m.group(3), m.group(4)});
        }

        void applyTo(LegacyBuilder b) {
            byAddress.forEach((pc, frames) -> b.symbolize(pc, frames, true));
        }
    }
}
