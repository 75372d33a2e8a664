package io.incident.parsers.jfr;

import static io.incident.parsers.jfr.JfrTracks.*;

import io.incident.model.ClockKind;
import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.SampleTrack;
import io.incident.model.SampleType;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SortedSpans;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * Reduces the events of one chunk, as they stream, to the model's columns in a chunk-local {@link Source}; no event is
 * kept as an object. Chunks are reduced independently (possibly in parallel) and merged in order afterwards.
 */
final class ChunkReducer {
    /** Strings compared by content, as a cache key; the array is not changed after it is made. */
    private record Strings(String[] s) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Strings x && java.util.Arrays.equals(s, x.s);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(s);
        }
    }

    /** What the reducer keeps of one event type: its count and its memo of recent spans. */
    static final class TypeEntry {
        final String name;
        final EventKind kind;
        long count;
        /** For span-only kinds: the span each memo slot's event gave (track, label, args), see JfrEvent#memo. */
        SpanTrack.Builder[] memoTrack;
        int[] memoLabel;
        int[] memoArgs;

        TypeEntry(String name) {
            this.name = name;
            this.kind = EventKind.of(name);
        }
    }

    private final Source.Builder b;
    private final String where;
    private final StackInterner stacks;
    /** Keyed by the parser's own type object (an EventType, or the direct parser's type), by identity. */
    private final Map<Object, TypeEntry> types = new IdentityHashMap<>();
    private final Map<String, SpanTrack.Builder> spans = new LinkedHashMap<>();
    private final Map<String, InstantTrack.Builder> instants = new LinkedHashMap<>();
    private final Map<String, CounterTrack.Builder> counters = new LinkedHashMap<>();
    private final Map<String, SampleTrack.Builder> samples = new LinkedHashMap<>();
    private final Map<Long, long[]> openSafepoints = new HashMap<>();
    private final RecordedEventView jdkView = new RecordedEventView();
    /** Arg sets and labels already interned, by their strings: most events repeat a recent set exactly. */
    private final Map<Strings, Integer> argSets = new HashMap<>();
    private final Map<Strings, Long> labelled = new HashMap<>();
    private final long[] countOnly = {1};
    private final long[] countAndBytes = {1, 0};
    private String jvmVersion;
    private long events;
    private SpanTrack.Builder lastSpans;
    private int lastLabel;
    private int lastArgs;

    /** @param where the chunk's place, e.g. "chunk 2 at byte 4096", for diagnostics */
    ChunkReducer(SourceInfo info, String where, int maxStackDepth) {
        this.b = Source.builder(info, ClockKind.ABSOLUTE_UTC);
        this.where = where;
        this.stacks = new StackInterner(b, maxStackDepth);
    }

    long events() {
        return events;
    }

    void accept(RecordedEvent e) {
        EventType t = e.getEventType();
        TypeEntry te = entry(t, t.getName());
        if (te.kind != EventKind.OTHER) {
            jdkView.set(e, t);
        }
        mapCounted(te, jdkView);
    }

    /**
     * One event of the direct parser, of a type it looked up once with {@link #entry}; {@code e} may be null when
     * {@link EventKind#of} the name is {@link EventKind#OTHER}, since such events are only counted.
     */
    void accept(TypeEntry type, JfrEvent e) {
        mapCounted(type, e);
    }

    /** The entry of an event type, which {@code typeKey} identifies by identity; made on first use. */
    TypeEntry entry(Object typeKey, String typeName) {
        TypeEntry te = types.get(typeKey);
        if (te == null) {
            te = new TypeEntry(typeName);
            types.put(typeKey, te);
        }
        return te;
    }

    private void mapCounted(TypeEntry te, JfrEvent e) {
        events++;
        te.count++;
        if (te.kind == EventKind.OTHER) {
            return;
        }
        try {
            if (te.kind.spansOnly()) {
                mapSpan(te, e);
            } else {
                map(te.kind, e);
            }
        } catch (DirectUnsupported u) {
            throw u;
        } catch (RuntimeException ex) {
            b.diagnostics().warn("bad-event", where, te.name + " event not mapped: " + ex);
        }
    }

    /**
     * An event that gives exactly one span from its field values and times: when a recent event of its type had the
     * same values, its label and arg set are reused without reading a field, since mapping them again would intern
     * nothing new; otherwise it is mapped and its span remembered.
     */
    private void mapSpan(TypeEntry te, JfrEvent e) {
        int m = e.memo();
        if (m >= 0 && te.memoTrack != null && te.memoTrack[m] != null) {
            te.memoTrack[m].add(e.startNanos(), e.endNanos(), te.memoLabel[m], te.memoArgs[m]);
            return;
        }
        lastSpans = null;
        map(te.kind, e);
        int slot = m >= 0 ? m : -m - 2;
        if (m != -1 && lastSpans != null) {
            if (te.memoTrack == null) {
                te.memoTrack = new SpanTrack.Builder[JfrEvent.MEMO_SLOTS];
                te.memoLabel = new int[JfrEvent.MEMO_SLOTS];
                te.memoArgs = new int[JfrEvent.MEMO_SLOTS];
            }
            te.memoTrack[slot] = lastSpans;
            te.memoLabel[slot] = lastLabel;
            te.memoArgs[slot] = lastArgs;
            e.remember(slot);
        }
    }

    /** Adds a span and notes it, for {@link #mapSpan}. */
    private void addSpan(SpanTrack.Builder track, long start, long end, int label, int args) {
        track.add(start, end, label, args);
        lastSpans = track;
        lastLabel = label;
        lastArgs = args;
    }

    private void map(EventKind kind, JfrEvent e) {
        switch (kind) {
            case GARBAGE_COLLECTION -> span(GC_PAUSES, GC, e, e.text("name"), "name", e.text("name"),
                    "cause", e.text("cause"), "gcId", e.text("gcId"), "sumOfPauses", e.millis("sumOfPauses"),
                    "longestPause", e.millis("longestPause"));
            case GC_PHASE_PAUSE -> span(GC_PHASE_PAUSES, GC, e, e.text("name"), "gcId", e.text("gcId"));
            case SAFEPOINT_BEGIN -> openSafepoints.put(e.getLong("safepointId"),
                    new long[] {e.startNanos(), e.getLong("totalThreadCount")});
            case SAFEPOINT_END -> closeSafepoint(e);
            case VM_OPERATION -> span(VM_OPERATIONS, GC, e, e.text("operation"), "operation", e.text("operation"),
                    "safepoint", e.text("safepoint"), "caller", threadName(e.thread("caller")));
            case HEAP_SUMMARY -> counter(HEAP_USED, GC, "bytes").add(e.startNanos(), e.getLong("heapUsed"));
            case THREAD_PARK -> threadSpan(e, "park", "parkedClass", e.text("parkedClass"),
                    "timeout", e.millis("timeout"));
            case MONITOR_ENTER -> threadSpan(e, "monitor enter", "monitorClass", e.text("monitorClass"),
                    "previousOwner", threadName(e.thread("previousOwner")));
            case MONITOR_WAIT -> threadSpan(e, "monitor wait", "monitorClass", e.text("monitorClass"),
                    "notifier", threadName(e.thread("notifier")), "timeout", e.millis("timeout"),
                    "timedOut", e.text("timedOut"));
            case THREAD_SLEEP -> threadSpan(e, "sleep", "time", e.millis("time"));
            case THREAD_START -> threadLife(e, "start", "thread", "parentThread");
            case THREAD_END -> threadLife(e, "end", "thread", null);
            case SOCKET_READ -> socket(e, "read", "bytesRead");
            case SOCKET_WRITE -> socket(e, "write", "bytesWritten");
            case FILE_READ -> fileIo(e, "read", "bytesRead");
            case FILE_WRITE -> fileIo(e, "write", "bytesWritten");
            case CPU_LOAD -> cpuLoad(e);
            case THREAD_CPU_LOAD -> counter(THREAD_CPU_PREFIX + lane(e.eventThread()), THREAD_CPU, "%")
                    .add(e.startNanos(), 100 * (e.getDouble("user") + e.getDouble("system")));
            case EXCEPTION_STATISTICS -> counter(THROWABLES_TOTAL, EXCEPTIONS, "count")
                    .add(e.startNanos(), e.getLong("throwables"));
            case ERROR_THROW -> instants(ERRORS, EXCEPTIONS).add(e.startNanos(),
                    b.intern(e.text("thrownClass")), args("message", e.text("message"),
                            "thread", threadName(e.eventThread())));
            case EXECUTION_SAMPLE -> sample(CPU_SAMPLES, COUNT, e, e.thread("sampledThread"), 0);
            case NATIVE_SAMPLE -> sample(NATIVE_SAMPLES, COUNT, e, e.thread("sampledThread"), 0);
            case ALLOCATION_SAMPLE -> sample(ALLOCATION_SAMPLES, ALLOC, e, e.eventThread(), e.getLong("weight"));
            case ALLOCATION_NEW_TLAB -> sample(TLAB_ALLOCATIONS, ALLOC, e, e.eventThread(), e.getLong("tlabSize"));
            case ALLOCATION_OUTSIDE_TLAB -> sample(TLAB_ALLOCATIONS, ALLOC, e, e.eventThread(),
                    e.getLong("allocationSize"));
            case JVM_INFORMATION -> jvmVersion = jvmVersion != null ? jvmVersion : e.text("jvmVersion");
            default -> { }
        }
    }

    private void closeSafepoint(JfrEvent e) {
        long id = e.getLong("safepointId");
        long[] begin = openSafepoints.remove(id);
        long end = e.endNanos();
        long start = begin != null ? begin[0] : e.startNanos();
        spans(SAFEPOINTS, GC).add(start, end, b.intern("safepoint"), args("safepointId", Long.toString(id),
                "totalThreadCount", begin != null ? Long.toString(begin[1]) : null));
    }

    private void cpuLoad(JfrEvent e) {
        long t = e.startNanos();
        counter(JVM_USER, CPU, "%").add(t, 100 * e.getDouble("jvmUser"));
        counter(JVM_SYSTEM, CPU, "%").add(t, 100 * e.getDouble("jvmSystem"));
        counter(MACHINE_TOTAL, CPU, "%").add(t, 100 * e.getDouble("machineTotal"));
    }

    private void socket(JfrEvent e, String op, String bytesField) {
        String host = e.text("host");
        String address = e.text("address");
        String port = e.text("port");
        String[] kv = {"host", host, "address", address, "port", port, bytesField, e.text(bytesField),
                "timeout", e.millis("timeout"), "endOfStream", e.text("endOfStream"), "thread", lane(e.eventThread())};
        Strings key = new Strings(kv);
        Long ids = labelled.get(key);
        if (ids == null) {
            int label = b.intern(op + " " + (host == null || host.isEmpty() ? address : host) + ":" + port);
            ids = remember(key, label, args(kv));
        }
        addSpan(spans(SOCKET_IO, IO), e.startNanos(), e.endNanos(), (int) (ids >>> 32), ids.intValue());
    }

    private void fileIo(JfrEvent e, String op, String bytesField) {
        String path = e.text("path");
        String[] kv = {"path", path, bytesField, e.text(bytesField), "endOfFile", e.text("endOfFile"),
                "thread", lane(e.eventThread())};
        Strings key = new Strings(kv);
        Long ids = labelled.get(key);
        if (ids == null) {
            int label = b.intern(op + " " + path);
            ids = remember(key, label, args(kv));
        }
        addSpan(spans(FILE_IO, IO), e.startNanos(), e.endNanos(), (int) (ids >>> 32), ids.intValue());
    }

    /** Label and arg set of an I/O span, by its args: the label is made from them, so one lookup finds both. */
    private Long remember(Strings key, int label, int args) {
        Long ids = ((long) label << 32) | (args & 0xffff_ffffL);
        labelled.put(key, ids);
        return ids;
    }

    private void threadSpan(JfrEvent e, String label, String... kv) {
        String lane = lane(e.eventThread());
        SpanTrack.Builder track = spans(lane, THREADS);
        int labelId = b.intern(label);
        addSpan(track, e.startNanos(), e.endNanos(), labelId, args(kv));
    }

    private void threadLife(JfrEvent e, String what, String threadField, String parentField) {
        JfrThread t = e.thread(threadField);
        instants(THREAD_LIFECYCLE, THREADS).add(e.startNanos(), b.intern(what + " " + lane(t)),
                args("thread", threadName(t), "parent", parentField == null ? null : lane(e.thread(parentField))));
    }

    /**
     * A stack sample: one count, and for {@link JfrTracks#ALLOC} also {@code bytes}. The values go through two arrays
     * the builder copies from, since a million samples would otherwise make a million small arrays.
     */
    private void sample(String track, List<SampleType> sampleTypes, JfrEvent e, JfrThread t, long bytes) {
        SampleTrack.Builder sb = samples.get(track);
        if (sb == null) {
            sb = SampleTrack.builder(track, PROFILE, sampleTypes, sampleTypes.size() - 1);
            samples.put(track, sb);
        }
        long[] values = countOnly;
        if (sampleTypes.size() > 1) {
            countAndBytes[1] = bytes;
            values = countAndBytes;
        }
        sb.add(e.startNanos(), b.intern(threadName(t)), e.stack(stacks), values);
    }

    private void span(String track, String group, JfrEvent e, String label, String... kv) {
        spans(track, group).add(e.startNanos(), e.endNanos(), b.intern(label), args(kv));
    }

    private SpanTrack.Builder spans(String track, String group) {
        return spans.computeIfAbsent(track, n -> SpanTrack.builder(n, group));
    }

    private InstantTrack.Builder instants(String track, String group) {
        return instants.computeIfAbsent(track, n -> InstantTrack.builder(n, group));
    }

    private CounterTrack.Builder counter(String track, String group, String unit) {
        return counters.computeIfAbsent(track, n -> CounterTrack.builder(n, group, unit));
    }

    /** Interns key/value pairs, leaving out pairs whose value the event does not have. */
    private int args(String... kv) {
        Strings key = new Strings(kv);
        Integer known = argSets.get(key);
        if (known != null) {
            return known;
        }
        int id = internArgs(kv);
        argSets.put(key, id);
        return id;
    }

    private int internArgs(String... kv) {
        int n = 0;
        String[] kept = new String[kv.length];
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                kept[n++] = kv[i];
                kept[n++] = kv[i + 1];
            }
        }
        return b.args(n == kv.length ? kv : java.util.Arrays.copyOf(kept, n));
    }

    private static String lane(JfrThread t) {
        return t == null ? "unknown thread" : t.lane();
    }

    private static String threadName(JfrThread t) {
        return t == null ? null : t.name();
    }

    static String threadName(RecordedThread t) {
        if (t == null) {
            return null;
        }
        String n = t.getJavaName();
        return n != null ? n : t.getOSName();
    }

    /**
     * A duration as milliseconds with microsecond digits, e.g. {@code "12.345 ms"}; null for JFR's "none" (a negative
     * value such as Long.MIN_VALUE for a park without timeout), so the arg is left out.
     */
    static String millis(Duration d) {
        if (d.isNegative()) {
            return null;
        }
        if (d.getSeconds() > Long.MAX_VALUE / 1_000_000_000L / 2) {
            return d.toString();
        }
        long micros = d.toNanos() / 1000;
        long frac = micros % 1000;
        return micros / 1000 + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac + " ms";
    }

    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /**
     * What one chunk gave, its tables still in the chunk-local builder: building and validating a {@link Source} per
     * chunk cost more than the merge that follows, and the merged source is validated once anyway.
     */
    record ChunkModel(Source.Builder tables, List<SortedSpans> spans, List<Track> tracks, String jvmVersion) {
    }

    /**
     * The chunk's model, unmatched safepoints closed: span lanes sorted but not yet tracks (the merge makes them
     * tracks once, across the parts), then the other tracks in a fixed order (instants, counters, samples).
     */
    ChunkModel finish() {
        openSafepoints.forEach((id, begin) -> spans(SAFEPOINTS, GC).add(begin[0], begin[0], b.intern("safepoint"),
                args("safepointId", Long.toString(id), "end", "not in this chunk")));
        openSafepoints.clear();
        List<SortedSpans> sorted = new ArrayList<>();
        spans.values().forEach(x -> sorted.add(x.sorted()));
        List<Track> tracks = new ArrayList<>();
        instants.values().forEach(x -> tracks.add(x.build()));
        counters.values().forEach(x -> tracks.add(x.build()));
        samples.values().forEach(x -> tracks.add(x.build()));
        return new ChunkModel(b, sorted, tracks, jvmVersion);
    }

    /** Event counts by type name (event types can repeat per chunk with incremental metadata, so summed by name). */
    Map<String, Long> typeCounts() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (TypeEntry te : types.values()) {
            out.merge(te.name, te.count, Long::sum);
        }
        return out;
    }
}
