package io.incident.parsers.jfr;

import io.incident.model.Diagnostic;
import io.incident.model.Diagnostics;
import io.incident.parsers.ArtifactException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.DataAmount;
import jdk.jfr.Frequency;
import jdk.jfr.MemoryAddress;
import jdk.jfr.Percentage;
import jdk.jfr.Timespan;
import jdk.jfr.Timestamp;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The event browser's view of a recording: event types with counts, and the events of one type page by page with
 * their fields and stack. Each call re-reads the recording with a filter, so no caller ever holds all events as
 * objects. Opened once per recording; {@link #close()} deletes the temp files (gunzipped copy, complete-chunk prefix).
 */
public final class JfrBrowser implements AutoCloseable {
    /** One field of an event as text: classes and threads by name, nested values on one line. */
    public record Field(String name, String value) {
    }

    /** One event: its type, start (epoch nanos), duration (nanos), fields in declaration order, stack root-last. */
    public record Event(String type, long startNanos, long durationNanos, List<Field> fields, List<String> stack) {
        public Event {
            fields = List.copyOf(fields);
            stack = List.copyOf(stack);
        }
    }

    private final PreparedRecording recording;
    private final Path file;
    private final Diagnostics diagnostics;
    private Map<String, Long> types;

    private JfrBrowser(PreparedRecording recording, Path file, Diagnostics diagnostics) {
        this.recording = recording;
        this.file = file;
        this.diagnostics = diagnostics;
    }

    /** Opens a plain or gzip-wrapped recording; a truncated last chunk is left out (see {@link #diagnostics()}). */
    public static JfrBrowser open(Path path) throws ArtifactException {
        Diagnostics d = new Diagnostics();
        PreparedRecording r = PreparedRecording.open(path, d);
        try {
            return new JfrBrowser(r, r.completeChunks(), d);
        } catch (IOException e) {
            r.close();
            throw new ArtifactException(path.toString(), "", "a temp copy of the complete chunks: " + e, e);
        }
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics.snapshot();
    }

    /** Event type names with their counts, most frequent first; one pass over the recording, then cached. */
    public synchronized Map<String, Long> eventTypes() throws ArtifactException {
        if (types == null) {
            Map<String, Long> counts = new LinkedHashMap<>();
            scan(e -> {
                counts.merge(e.getEventType().getName(), 1L, Long::sum);
                return true;
            });
            Map<String, Long> sorted = new LinkedHashMap<>();
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(x -> sorted.put(x.getKey(), x.getValue()));
            types = Collections.unmodifiableMap(sorted);
        }
        return types;
    }

    /** Up to {@code limit} events of one type, after skipping the first {@code skip} of them, in file order. */
    public List<Event> events(String type, long skip, int limit) throws ArtifactException {
        List<Event> out = new ArrayList<>();
        long[] seen = {0};
        scan(e -> {
            if (!e.getEventType().getName().equals(type)) {
                return true;
            }
            if (seen[0]++ >= skip) {
                out.add(describe(e));
            }
            return out.size() < limit;
        });
        return out;
    }

    private interface Visitor {
        /** Returns false to stop reading. */
        boolean visit(RecordedEvent e);
    }

    private void scan(Visitor v) throws ArtifactException {
        try (RecordingFile rf = new RecordingFile(file)) {
            while (rf.hasMoreEvents()) {
                if (!v.visit(rf.readEvent())) {
                    return;
                }
            }
        } catch (IOException | RuntimeException | InternalError e) {
            throw new ArtifactException(recording.name(), "", "events the JDK API can read expected: " + e, e);
        }
    }

    static Event describe(RecordedEvent e) {
        List<Field> fields = new ArrayList<>();
        for (ValueDescriptor d : e.getFields()) {
            if (!d.getName().equals("stackTrace")) {
                fields.add(new Field(d.getName(), text(e, d)));
            }
        }
        List<String> stack = new ArrayList<>();
        if (e.getStackTrace() != null) {
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                stack.add(frame(f));
            }
        }
        return new Event(e.getEventType().getName(), ChunkReducer.nanos(e.getStartTime()), e.getDuration().toNanos(),
                fields, stack);
    }

    private static String frame(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        String name = m == null ? "<unknown>" : (m.getType() == null ? "" : m.getType().getName() + ".") + m.getName();
        return f.getLineNumber() > 0 ? name + " line " + f.getLineNumber() : name;
    }

    /**
     * A field as an analyst reads it in JMC: timestamps as UTC instants, timespans in milliseconds, data amounts with
     * their unit, percentages, addresses in hex, not the raw ticks and numbers stored; the field's jdk.jfr annotations
     * (Timestamp, Timespan, DataAmount, Percentage, MemoryAddress, Frequency) say which.
     */
    static String text(RecordedObject e, ValueDescriptor d) {
        String name = d.getName();
        try {
            if (e.getValue(name) instanceof Number n) {
                if (d.getAnnotation(Timestamp.class) != null) {
                    return n.longValue() == Long.MIN_VALUE ? "none" : e.getInstant(name).toString();
                }
                if (d.getAnnotation(Timespan.class) != null) {
                    Duration x = e.getDuration(name);
                    String ms = ChunkReducer.millis(x);
                    return ms == null ? "none" : x.getSeconds() >= FOREVER_SECONDS ? "forever" : ms;
                }
                if (d.getAnnotation(DataAmount.class) != null) {
                    return dataAmount(n.longValue(), d);
                }
                if (d.getAnnotation(Percentage.class) != null) {
                    return String.format(Locale.ROOT, "%.2f %%", 100 * n.doubleValue());
                }
                if (d.getAnnotation(MemoryAddress.class) != null) {
                    return "0x" + Long.toHexString(n.longValue());
                }
                if (d.getAnnotation(Frequency.class) != null) {
                    return n + " Hz";
                }
            }
        } catch (RuntimeException ex) {
            // A value that does not fit its declared content type is shown as stored.
        }
        return text(e.getValue(name));
    }

    /** Durations this long are JFR's "forever" (Long.MAX_VALUE ticks), not a real wait. */
    private static final long FOREVER_SECONDS = 100L * 365 * 24 * 3600;

    private static String dataAmount(long v, ValueDescriptor d) {
        DataAmount a = d.getAnnotation(DataAmount.class);
        if (a != null && DataAmount.BITS.equals(a.value())) {
            return v + " bits";
        }
        if (v < 1024) {
            return v + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double x = v;
        int u = -1;
        while (x >= 1024 && u < units.length - 1) {
            x /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s (%d bytes)", x, units[u], v);
    }

    private static String text(Object v) {
        if (v instanceof RecordedClass c) {
            return c.getName();
        }
        if (v instanceof RecordedThread t) {
            return ChunkReducer.threadName(t) + " (javaThreadId " + t.getJavaThreadId() + ")";
        }
        if (v instanceof RecordedObject o) {
            return o.toString().replaceAll("\\s+", " ").trim();
        }
        return String.valueOf(v);
    }

    @Override
    public void close() {
        recording.close();
    }
}
