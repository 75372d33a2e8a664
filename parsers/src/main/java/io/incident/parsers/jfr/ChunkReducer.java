package io.incident.parsers.jfr;

import static io.incident.parsers.jfr.JfrTracks.*;

import io.incident.model.ClockKind;
import io.incident.model.CounterTrack;
import io.incident.model.InstantTrack;
import io.incident.model.SampleTrack;
import io.incident.model.SampleType;
import io.incident.model.Source;
import io.incident.model.SourceInfo;
import io.incident.model.SpanTrack;
import io.incident.model.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedThread;

/**
 * Reduces the events of one chunk, as they stream, to the model's columns in a chunk-local {@link Source}; no event is
 * kept as an object. Chunks are reduced independently (possibly in parallel) and merged in order afterwards.
 */
final class ChunkReducer {
    private static final class TypeEntry {
        final String name;
        final EventKind kind;
        /** The type's field names, asked once: RecordedObject.hasField searches the fields on every call. */
        final Set<String> fields = new HashSet<>();
        long count;

        TypeEntry(EventType t) {
            this.name = t.getName();
            this.kind = EventKind.of(name);
            if (kind != EventKind.OTHER) {
                t.getFields().forEach(f -> fields.add(f.getName()));
            }
        }
    }

    private final Source.Builder b;
    private final String where;
    private final StackInterner stacks;
    private final Map<EventType, TypeEntry> types = new IdentityHashMap<>();
    private final Map<String, SpanTrack.Builder> spans = new LinkedHashMap<>();
    private final Map<String, InstantTrack.Builder> instants = new LinkedHashMap<>();
    private final Map<String, CounterTrack.Builder> counters = new LinkedHashMap<>();
    private final Map<String, SampleTrack.Builder> samples = new LinkedHashMap<>();
    private final Map<RecordedThread, String> laneNames = new IdentityHashMap<>();
    private final Map<Long, long[]> openSafepoints = new HashMap<>();
    private String jvmVersion;
    private long events;
    /** The type of the event being mapped. */
    private TypeEntry current;

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
        events++;
        EventType t = e.getEventType();
        TypeEntry te = types.get(t);
        if (te == null) {
            te = new TypeEntry(t);
            types.put(t, te);
        }
        te.count++;
        if (te.kind == EventKind.OTHER) {
            return;
        }
        current = te;
        try {
            map(te.kind, e);
        } catch (RuntimeException ex) {
            b.diagnostics().warn("bad-event", where, te.name + " event not mapped: " + ex);
        }
    }

    private void map(EventKind kind, RecordedEvent e) {
        switch (kind) {
            case GARBAGE_COLLECTION -> span(GC_PAUSES, GC, e, str(e, "name"), "name", str(e, "name"),
                    "cause", str(e, "cause"), "gcId", str(e, "gcId"), "sumOfPauses", duration(e, "sumOfPauses"),
                    "longestPause", duration(e, "longestPause"));
            case GC_PHASE_PAUSE -> span(GC_PHASE_PAUSES, GC, e, str(e, "name"), "gcId", str(e, "gcId"));
            case SAFEPOINT_BEGIN -> openSafepoints.put(e.getLong("safepointId"),
                    new long[] {nanos(e.getStartTime()), e.getLong("totalThreadCount")});
            case SAFEPOINT_END -> closeSafepoint(e);
            case VM_OPERATION -> span(VM_OPERATIONS, GC, e, str(e, "operation"), "operation", str(e, "operation"),
                    "safepoint", str(e, "safepoint"), "caller", threadName(thread(e, "caller")));
            case HEAP_SUMMARY -> counter(HEAP_USED, GC, "bytes").add(nanos(e.getStartTime()), e.getLong("heapUsed"));
            case THREAD_PARK -> threadSpan(e, "park", "parkedClass", str(e, "parkedClass"),
                    "timeout", duration(e, "timeout"));
            case MONITOR_ENTER -> threadSpan(e, "monitor enter", "monitorClass", str(e, "monitorClass"),
                    "previousOwner", threadName(thread(e, "previousOwner")));
            case MONITOR_WAIT -> threadSpan(e, "monitor wait", "monitorClass", str(e, "monitorClass"),
                    "notifier", threadName(thread(e, "notifier")), "timeout", duration(e, "timeout"),
                    "timedOut", str(e, "timedOut"));
            case THREAD_SLEEP -> threadSpan(e, "sleep", "time", duration(e, "time"));
            case THREAD_START -> threadLife(e, "start", "thread", "parentThread");
            case THREAD_END -> threadLife(e, "end", "thread", null);
            case SOCKET_READ -> socket(e, "read", "bytesRead");
            case SOCKET_WRITE -> socket(e, "write", "bytesWritten");
            case FILE_READ -> fileIo(e, "read", "bytesRead");
            case FILE_WRITE -> fileIo(e, "write", "bytesWritten");
            case CPU_LOAD -> cpuLoad(e);
            case THREAD_CPU_LOAD -> counter(THREAD_CPU_PREFIX + lane(e.getThread()), THREAD_CPU, "%")
                    .add(nanos(e.getStartTime()), 100 * (e.getDouble("user") + e.getDouble("system")));
            case EXCEPTION_STATISTICS -> counter(THROWABLES_TOTAL, EXCEPTIONS, "count")
                    .add(nanos(e.getStartTime()), e.getLong("throwables"));
            case ERROR_THROW -> instants(ERRORS, EXCEPTIONS).add(nanos(e.getStartTime()),
                    b.intern(str(e, "thrownClass")), args("message", str(e, "message"),
                            "thread", threadName(e.getThread())));
            case EXECUTION_SAMPLE -> sample(CPU_SAMPLES, COUNT, e, thread(e, "sampledThread"), 1);
            case NATIVE_SAMPLE -> sample(NATIVE_SAMPLES, COUNT, e, thread(e, "sampledThread"), 1);
            case ALLOCATION_SAMPLE -> sample(ALLOCATION_SAMPLES, ALLOC, e, e.getThread(), 1, e.getLong("weight"));
            case ALLOCATION_NEW_TLAB -> sample(TLAB_ALLOCATIONS, ALLOC, e, e.getThread(), 1, e.getLong("tlabSize"));
            case ALLOCATION_OUTSIDE_TLAB -> sample(TLAB_ALLOCATIONS, ALLOC, e, e.getThread(), 1,
                    e.getLong("allocationSize"));
            case JVM_INFORMATION -> jvmVersion = jvmVersion != null ? jvmVersion : str(e, "jvmVersion");
            default -> { }
        }
    }

    private void closeSafepoint(RecordedEvent e) {
        long id = e.getLong("safepointId");
        long[] begin = openSafepoints.remove(id);
        long end = nanos(e.getEndTime());
        long start = begin != null ? begin[0] : nanos(e.getStartTime());
        spans(SAFEPOINTS, GC).add(start, end, b.intern("safepoint"), args("safepointId", Long.toString(id),
                "totalThreadCount", begin != null ? Long.toString(begin[1]) : null));
    }

    private void cpuLoad(RecordedEvent e) {
        long t = nanos(e.getStartTime());
        counter(JVM_USER, CPU, "%").add(t, 100 * e.getDouble("jvmUser"));
        counter(JVM_SYSTEM, CPU, "%").add(t, 100 * e.getDouble("jvmSystem"));
        counter(MACHINE_TOTAL, CPU, "%").add(t, 100 * e.getDouble("machineTotal"));
    }

    private void socket(RecordedEvent e, String op, String bytesField) {
        String host = str(e, "host");
        String address = str(e, "address");
        String port = str(e, "port");
        String peer = (host == null || host.isEmpty() ? address : host) + ":" + port;
        span(SOCKET_IO, IO, e, op + " " + peer, "host", host, "address", address, "port", port,
                bytesField, str(e, bytesField), "timeout", duration(e, "timeout"), "endOfStream", str(e, "endOfStream"),
                "thread", lane(e.getThread()));
    }

    private void fileIo(RecordedEvent e, String op, String bytesField) {
        String path = str(e, "path");
        span(FILE_IO, IO, e, op + " " + path, "path", path, bytesField, str(e, bytesField),
                "endOfFile", str(e, "endOfFile"), "thread", lane(e.getThread()));
    }

    private void threadSpan(RecordedEvent e, String label, String... kv) {
        String lane = lane(e.getThread());
        spans(lane, THREADS).add(nanos(e.getStartTime()), nanos(e.getEndTime()), b.intern(label), args(kv));
    }

    private void threadLife(RecordedEvent e, String what, String threadField, String parentField) {
        RecordedThread t = thread(e, threadField);
        instants(THREAD_LIFECYCLE, THREADS).add(nanos(e.getStartTime()), b.intern(what + " " + lane(t)),
                args("thread", threadName(t), "parent", parentField == null ? null : lane(thread(e, parentField))));
    }

    private void sample(String track, List<SampleType> sampleTypes, RecordedEvent e, RecordedThread t,
                        long... values) {
        SampleTrack.Builder sb = samples.computeIfAbsent(track,
                n -> SampleTrack.builder(n, PROFILE, sampleTypes, sampleTypes.size() - 1));
        sb.add(nanos(e.getStartTime()), b.intern(threadName(t)), stacks.intern(e.getStackTrace()), values);
    }

    private void span(String track, String group, RecordedEvent e, String label, String... kv) {
        spans(track, group).add(nanos(e.getStartTime()), nanos(e.getEndTime()), b.intern(label), args(kv));
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

    /** A thread's lane name: its Java name (or OS name) and its Java thread id, e.g. {@code "main #1"}. */
    private String lane(RecordedThread t) {
        if (t == null) {
            return "unknown thread";
        }
        return laneNames.computeIfAbsent(t, x -> {
            long id = x.getJavaThreadId();
            return threadName(x) + (id > 0 ? " #" + id : " (os " + x.getOSThreadId() + ")");
        });
    }

    static String threadName(RecordedThread t) {
        if (t == null) {
            return null;
        }
        String n = t.getJavaName();
        return n != null ? n : t.getOSName();
    }

    /** A thread field of the event being mapped, or null when its type has no such field. */
    private RecordedThread thread(RecordedObject o, String field) {
        return current.fields.contains(field) && o.getValue(field) instanceof RecordedThread t ? t : null;
    }

    /** A field as text, or null when the event has no such field: class names for classes, names for threads. */
    private String str(RecordedObject o, String field) {
        if (!current.fields.contains(field)) {
            return null;
        }
        Object v = o.getValue(field);
        if (v instanceof RecordedClass c) {
            return c.getName();
        }
        if (v instanceof RecordedThread t) {
            return threadName(t);
        }
        return v == null ? null : v.toString();
    }

    private String duration(RecordedObject o, String field) {
        return current.fields.contains(field) ? millis(o.getDuration(field)) : null;
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
    record ChunkModel(Source.Builder tables, List<Track> tracks, String jvmVersion) {
    }

    /** The chunk's model: tracks in a fixed order (spans, instants, counters, samples), unmatched safepoints closed. */
    ChunkModel finish() {
        openSafepoints.forEach((id, begin) -> spans(SAFEPOINTS, GC).add(begin[0], begin[0], b.intern("safepoint"),
                args("safepointId", Long.toString(id), "end", "not in this chunk")));
        openSafepoints.clear();
        List<Track> tracks = new ArrayList<>();
        spans.values().forEach(x -> tracks.add(x.build()));
        instants.values().forEach(x -> tracks.add(x.build()));
        counters.values().forEach(x -> tracks.add(x.build()));
        samples.values().forEach(x -> tracks.add(x.build()));
        return new ChunkModel(b, tracks, jvmVersion);
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
