package io.incident.parsers.jfr;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * A {@link RecordedEvent} of the JDK's API as a {@link JfrEvent}: the fallback path, for chunks the direct parser does
 * not take. One view per reducer, pointed at each event in turn.
 */
final class RecordedEventView implements JfrEvent {
    /** Each type's field names, asked once: RecordedObject.hasField searches the fields on every call. */
    private final Map<EventType, Set<String>> fieldsByType = new IdentityHashMap<>();
    private final Map<RecordedThread, JfrThread> threads = new IdentityHashMap<>();
    private RecordedEvent e;
    private Set<String> fields;

    void set(RecordedEvent event, EventType type) {
        this.e = event;
        this.fields = fieldsByType.computeIfAbsent(type, t -> {
            Set<String> names = new HashSet<>();
            t.getFields().forEach(f -> names.add(f.getName()));
            return names;
        });
    }

    @Override
    public long startNanos() {
        return ChunkReducer.nanos(e.getStartTime());
    }

    @Override
    public long endNanos() {
        return ChunkReducer.nanos(e.getEndTime());
    }

    @Override
    public String text(String field) {
        if (!fields.contains(field)) {
            return null;
        }
        Object v = e.getValue(field);
        if (v instanceof RecordedClass c) {
            return c.getName();
        }
        if (v instanceof RecordedThread t) {
            return ChunkReducer.threadName(t);
        }
        return v == null ? null : v.toString();
    }

    @Override
    public String millis(String field) {
        return fields.contains(field) ? ChunkReducer.millis(e.getDuration(field)) : null;
    }

    @Override
    public long getLong(String field) {
        return e.getLong(field);
    }

    @Override
    public double getDouble(String field) {
        return e.getDouble(field);
    }

    @Override
    public JfrThread thread(String field) {
        return fields.contains(field) && e.getValue(field) instanceof RecordedThread t ? of(t) : null;
    }

    @Override
    public JfrThread eventThread() {
        return of(e.getThread());
    }

    @Override
    public int stack(StackInterner stacks) {
        return stacks.intern(e.getStackTrace());
    }

    private JfrThread of(RecordedThread t) {
        if (t == null) {
            return null;
        }
        return threads.computeIfAbsent(t,
                x -> new JfrThread(x.getJavaName(), x.getOSName(), x.getJavaThreadId(), x.getOSThreadId()));
    }
}
