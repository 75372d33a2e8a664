package io.incident.parsers.jfr;

import io.incident.parsers.Cancellation;
import io.incident.parsers.jfr.JfrMetadata.Field;
import io.incident.parsers.jfr.JfrMetadata.Type;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Reads one format 2.x chunk from its bytes, without the JDK's API, into a {@link ChunkReducer}. Like the JDK's own
 * consumer it reads the metadata record the header points to, then every constant pool on the checkpoint chain the
 * header starts (each checkpoint names the offset of the one before it), then the event records in file order. Each
 * event type gets a {@link DirectEvent} once, which decodes a record's fields into primitive slots; events the model
 * does not map are walked field by field and only counted. Anything this parser cannot decode exactly as the JDK would
 * throws {@link DirectUnsupported}, and the reader reads the part the JDK's way instead.
 */
final class DirectChunkParser {
    static final int CHECK_EVERY = 4096;
    private static final int METADATA = 0;
    private static final int CHECKPOINT = 1;
    private static final int MAX_NESTING = 32;
    private static final int MAX_DENSE_ID = 1 << 16;

    private final ChunkCursor in;
    private final int size;
    private final TimeBase previous;
    private final MetadataCache cache;
    private TimeBase time;
    private JfrMetadata metadata;
    private long stringTypeId = -1;
    private final Map<Long, Map<Long, Object>> pools = new HashMap<>();
    private final Map<Struct, JfrThread> threads = new IdentityHashMap<>();
    private final Map<Type, DirectEvent> views = new IdentityHashMap<>();
    /** The views by type id, for the ids JFR hands out (small, dense): one array load per record. */
    private DirectEvent[] viewsById = new DirectEvent[512];

    /** A struct value: a non-simple type's fields, constant references still unresolved ({@link Ref}). */
    static final class Struct {
        final Type type;
        final Object[] values;
        /** A class's dotted name, made once: each call of String.replace would make a new string to hash. */
        String dottedName;

        Struct(Type type, Object[] values) {
            this.type = type;
            this.values = values;
        }
    }

    /**
     * How ticks become epoch nanoseconds, as the JDK's TimeConverter: a chunk's start nanos and start ticks, and its
     * ticks per second / 1e9 in double arithmetic. The JDK keeps one converter for a run of chunks read in one file
     * whose metadata records have the same id (it reuses the first chunk's parsers), so this does too: that keeps
     * the model the same as the JDK's API gives, to the nanosecond.
     */
    record TimeBase(long metadataId, long startNanos, long startTicks, double ticksPerNanos) {
    }

    /** A key into a constant pool, resolved when asked. */
    record Ref(long typeId, long key) {
    }

    /**
     * The metadata a worker read last, with the bytes it was read from: consecutive chunks of a recording nearly always
     * carry the same metadata, byte for byte, and reading it is a pure function of those bytes, so a chunk whose
     * metadata bytes equal the last ones takes the types already read.
     */
    static final class MetadataCache {
        private byte[] bytes;
        private JfrMetadata metadata;
    }

    /**
     * @param chunk the chunk's bytes from its header on; {@code size} its declared size
     * @param previous the time base of the chunk read before this one in the same part, or null
     * @param cache the metadata the same worker read last, updated by this chunk's
     */
    DirectChunkParser(ByteBuffer chunk, int size, TimeBase previous, MetadataCache cache) {
        this.in = new ChunkCursor(chunk, size);
        this.size = size;
        this.previous = previous;
        this.cache = cache;
        if (size < RecordWalker.HEADER_BYTES) {
            throw new DirectUnsupported("chunk of " + size + " bytes is shorter than its header");
        }
        if ((chunk.get(RecordWalker.HEADER_BYTES - 1) & 1) == 0) {
            throw new DirectUnsupported("chunk without compressed integers");
        }
    }

    /** The time base this chunk's events were converted with, for the chunk after it. */
    TimeBase timeBase() {
        return time;
    }

    /** Feeds every event of the chunk to {@code reducer}. */
    void read(ChunkReducer reducer, Cancellation cancellation) {
        readMetadata(in.rawLongAt(24));
        readConstantPools(in.rawLongAt(16));
        int pos = RecordWalker.HEADER_BYTES;
        while (pos < size) {
            in.position(pos);
            int recordSize = in.int32();
            if (recordSize <= 0 || recordSize > size - pos) {
                throw new DirectUnsupported("record of " + recordSize + " bytes at byte " + pos);
            }
            int end = pos + recordSize;
            long typeId = in.varlong();
            if (typeId != METADATA && typeId != CHECKPOINT) {
                event(typeId, end, reducer);
                if (reducer.events() % CHECK_EVERY == 0) {
                    cancellation.check();
                }
            }
            pos = end;
        }
    }

    private void event(long typeId, int end, ChunkReducer reducer) {
        DirectEvent view = typeId < viewsById.length ? viewsById[(int) typeId] : null;
        if (view == null) {
            Type t = metadata.type(typeId);
            if (t == null || !t.isEvent()) {
                return; // the JDK skips a record whose type the metadata does not declare as an event, uncounted
            }
            view = views.computeIfAbsent(t, x -> new DirectEvent(this, x, EventKind.of(x.name) != EventKind.OTHER,
                    reducer.entry(x, x.name)));
            if (typeId < MAX_DENSE_ID) {
                if (typeId >= viewsById.length) {
                    viewsById = java.util.Arrays.copyOf(viewsById, (int) Math.max(typeId + 1, viewsById.length * 2L));
                }
                viewsById[(int) typeId] = view;
            }
        }
        view.begin(in, end);
        reducer.accept(view.entry(), view.mapped() ? view : null);
        view.complete();
    }

    private void readMetadata(long offset) {
        in.position(checkedOffset(offset));
        int start = in.position();
        int recordSize = in.int32();
        if (in.varlong() != METADATA) {
            throw new DirectUnsupported("no metadata record at byte " + offset);
        }
        in.varlong(); // start time
        in.varlong(); // duration
        long metadataId = in.varlong();
        time = previous != null && previous.metadataId() == metadataId ? previous
                : new TimeBase(metadataId, in.rawLongAt(32), in.rawLongAt(48), in.rawLongAt(56) / 1_000_000_000.0);
        int body = in.position();
        long end = (long) start + recordSize;
        boolean cacheable = recordSize > 0 && end <= size;
        if (cacheable && cache.bytes != null && cache.bytes.length == end - body && in.same(body, cache.bytes)) {
            metadata = cache.metadata;
        } else {
            metadata = JfrMetadata.read(in);
            if (in.position() > end) {
                throw new DirectUnsupported("metadata overruns its record");
            }
            if (cacheable) {
                cache.bytes = in.copy(body, (int) end);
                cache.metadata = metadata;
            }
        }
        Type strings = metadata.named("java.lang.String");
        stringTypeId = strings == null ? -1 : strings.id;
    }

    private int checkedOffset(long offset) {
        if (offset < RecordWalker.HEADER_BYTES || offset >= size) {
            throw new DirectUnsupported("offset " + offset + " outside the chunk");
        }
        return (int) offset;
    }

    /** The checkpoint chain, newest first, as the JDK's ChunkParser walks it; a later put of a key replaces it. */
    private void readConstantPools(long first) {
        long at = first;
        long delta = -1;
        for (int guard = 0; delta != 0; guard++) {
            if (guard > size / 8) {
                throw new DirectUnsupported("checkpoint chain does not end");
            }
            int start = checkedOffset(at);
            in.position(start);
            int recordSize = in.int32();
            if (in.varlong() != CHECKPOINT) {
                throw new DirectUnsupported("no checkpoint at byte " + start);
            }
            in.varlong(); // start time
            in.varlong(); // duration
            delta = in.varlong();
            at += delta;
            in.u8(); // checkpoint type flags
            int poolCount = in.int32();
            for (int i = 0; i < poolCount; i++) {
                long typeId = in.varlong();
                Type t = metadata.type(typeId);
                if (t == null) {
                    throw new DirectUnsupported("constant pool of undefined type " + typeId);
                }
                int count = in.int32();
                if (count <= 0) {
                    throw new DirectUnsupported("constant pool " + t.name + " with " + count + " entries");
                }
                Map<Long, Object> pool = pools.computeIfAbsent(typeId, k -> new HashMap<>());
                for (int j = 0; j < count; j++) {
                    long key = in.varlong();
                    pool.put(key, value(t, 0));
                }
            }
            if (in.position() != start + recordSize) {
                throw new DirectUnsupported("checkpoint at byte " + start + " does not match its size");
            }
        }
    }

    /** A field's value, boxed as the JDK boxes it; references stay {@link Ref}s. */
    Object value(Field f, int depth) {
        if (f.array()) {
            int n = in.count();
            Object[] a = new Object[n];
            for (int i = 0; i < n; i++) {
                a[i] = f.pool() ? new Ref(f.typeId(), in.varlong()) : value(f.type(), depth);
            }
            return a;
        }
        return f.pool() ? new Ref(f.typeId(), in.varlong()) : value(f.type(), depth);
    }

    private Object value(Type t, int depth) {
        if (t.kind == null) {
            throw new DirectUnsupported("value of type " + t.name + ", which has no layout");
        }
        return switch (t.kind) {
            case BOOLEAN -> in.u8() != 0 ? Boolean.TRUE : Boolean.FALSE;
            case BYTE -> (byte) in.u8();
            case SHORT -> (short) in.varlong();
            case CHAR -> (char) in.varlong();
            case INT -> (int) in.varlong();
            case LONG -> in.varlong();
            case FLOAT -> Float.intBitsToFloat(in.rawInt());
            case DOUBLE -> Double.longBitsToDouble(in.rawLong());
            case STRING -> string();
            case STRUCT -> struct(t, depth);
        };
    }

    private Object struct(Type t, int depth) {
        if (depth > MAX_NESTING) {
            throw new DirectUnsupported(t.name + " nested deeper than " + MAX_NESTING);
        }
        if (t.simple && t.fields.size() == 1) {
            return value(t.fields.get(0), depth + 1);
        }
        Object[] values = new Object[t.fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(t.fields.get(i), depth + 1);
        }
        return new Struct(t, values);
    }

    /** A string field: its text, or a {@link Ref} into the string pool. */
    Object string() {
        return in.string(key -> new Ref(stringTypeId, key));
    }

    /** {@link #string()} through a field's memo of its last value. */
    Object string(ChunkCursor.Memo memo) {
        return in.string(key -> new Ref(stringTypeId, key), memo);
    }

    /** Walks a value without keeping it, for the fields of events the model does not map. */
    void skip(Field f, int depth) {
        int n = f.array() ? in.count() : 1;
        for (int i = 0; i < n; i++) {
            if (f.pool()) {
                in.varlong();
            } else {
                skip(f.type(), depth);
            }
        }
    }

    private void skip(Type t, int depth) {
        if (t.kind == null) {
            throw new DirectUnsupported("value of type " + t.name + ", which has no layout");
        }
        switch (t.kind) {
            case BOOLEAN, BYTE -> in.skip(1);
            case SHORT, CHAR, INT, LONG -> in.varlong();
            case FLOAT -> in.skip(4);
            case DOUBLE -> in.skip(8);
            case STRING -> in.skipString();
            case STRUCT -> {
                if (depth > MAX_NESTING) {
                    throw new DirectUnsupported(t.name + " nested deeper than " + MAX_NESTING);
                }
                for (Field f : t.fields) {
                    skip(f, depth + 1);
                }
            }
            default -> throw new DirectUnsupported("value of type " + t.name);
        }
    }

    /** The string field of the current record at {@code position}, the cursor left where it was. */
    Object stringAt(int position, ChunkCursor.Memo memo) {
        int here = in.position();
        in.position(position);
        Object v = string(memo);
        in.position(here);
        return v;
    }

    ChunkCursor cursor() {
        return in;
    }

    /** Follows constant references to their value; null for a key the pool lacks, as the JDK answers. */
    Object resolve(Object v) {
        for (int i = 0; v instanceof Ref r; i++) {
            if (i > MAX_NESTING) {
                throw new DirectUnsupported("constant references loop");
            }
            Map<Long, Object> pool = pools.get(r.typeId());
            v = pool == null ? null : pool.get(r.key());
        }
        return v;
    }

    Object constant(long typeId, long key) {
        Map<Long, Object> pool = pools.get(typeId);
        return resolve(pool == null ? null : pool.get(key));
    }

    /** As the JDK's {@code RecordedObject.getTyped}: the default for a missing field or a value of another class. */
    Object typed(Struct s, String field, Class<?> c, Object absent) {
        Integer i = s.type.index.get(field);
        if (i == null) {
            return absent;
        }
        Object v = resolve(s.values[i]);
        return v == null || c.isInstance(v) ? v : absent;
    }

    /** A class constant's name with dots, as {@code RecordedClass.getName}. */
    String className(Struct c) {
        if (c.dottedName == null) {
            if (!(typed(c, "name", String.class, null) instanceof String n)) {
                throw new DirectUnsupported("class without a name");
            }
            c.dottedName = n.replace("/", ".");
        }
        return c.dottedName;
    }

    JfrThread thread(Struct t) {
        JfrThread known = threads.get(t);
        if (known == null) {
            Object javaId = typed(t, "javaThreadId", Long.class, -1L);
            Object osId = typed(t, "osThreadId", Long.class, -1L);
            if (javaId == null || osId == null) {
                throw new DirectUnsupported("thread without ids");
            }
            known = new JfrThread((String) typed(t, "javaName", String.class, null),
                    (String) typed(t, "osName", String.class, null), (Long) javaId, (Long) osId);
            threads.put(t, known);
        }
        return known;
    }

    long nanos(long ticks) {
        return time.startNanos() + (long) ((ticks - time.startTicks()) / time.ticksPerNanos());
    }

    long timespanNanos(long ticks) {
        return (long) (ticks / time.ticksPerNanos());
    }
}
