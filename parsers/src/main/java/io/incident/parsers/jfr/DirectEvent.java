package io.incident.parsers.jfr;

import io.incident.parsers.jfr.DirectChunkParser.Struct;
import io.incident.parsers.jfr.JfrMetadata.Field;
import io.incident.parsers.jfr.JfrMetadata.Kind;
import io.incident.parsers.jfr.JfrMetadata.Type;
import java.time.Duration;

/**
 * The events of one type in one chunk, decoded by {@link DirectChunkParser}: each record's fields land in primitive
 * slots (numbers, booleans, constant keys) or object slots (strings, nested values), and are read back by name the way
 * {@code jdk.jfr.consumer.RecordedObject} reads them. One object per type, reused for every record of it.
 */
final class DirectEvent implements JfrEvent {
    private final DirectChunkParser chunk;
    private final Type type;
    private final Field[] fields;
    private final boolean mapped;
    /** The reducer's entry for this type, looked up once rather than per record. */
    private final ChunkReducer.TypeEntry entry;
    private final boolean hasDuration;
    /** How many leading slots hold the start (and duration) ticks. */
    private final int ticks;
    private final long[] raw;
    private final Object[] obj;
    /** Whether a slot's value is in {@link #raw} (numbers, booleans, the ticks), and its layout. */
    private final boolean[] inRaw;
    private final Kind[] kinds;
    private final ChunkCursor.Memo[] strings;
    /** Per slot, the last constant key looked up and what it resolved to: events of a thread come in runs. */
    private final long[] lastKey;
    private final Object[] lastConstant;
    private final TextCache[] texts;
    private final TextCache[] millisTexts;
    /** An object slot whose string is still in the record, at the position in its raw slot. */
    private static final Object UNREAD = new Object();
    /** The field bytes (after the times) of recent records, by a hash of them; see {@link JfrEvent#memo}. */
    private final byte[][] memo = new byte[MEMO_SLOTS][];
    private int valuesFrom;
    private int valuesTo;
    /** Where the current record's fields are: not yet read, read and checked, or matched by the memo. */
    private enum Fields { PENDING, DECODED, MATCHED }

    private Fields state = Fields.PENDING;
    private final String[] askedNames = new String[16];
    private final int[] askedSlots = new int[16];
    private int asked;

    /**
     * The text of a slot's recent numbers, direct-mapped by the low bits: byte counts, ports and timeouts repeat,
     * and one string per distinct value keeps its hash for the intern lookups that follow.
     */
    private static final class TextCache {
        private static final int SIZE = 256;
        private final long[] values = new long[SIZE];
        private final String[] texts = new String[SIZE];

        String get(long v) {
            int i = (int) (v ^ (v >>> 32)) & (SIZE - 1);
            return texts[i] != null && values[i] == v ? texts[i] : null;
        }

        String put(long v, String text) {
            int i = (int) (v ^ (v >>> 32)) & (SIZE - 1);
            values[i] = v;
            texts[i] = text;
            return text;
        }
    }

    DirectEvent(DirectChunkParser chunk, Type type, boolean mapped, ChunkReducer.TypeEntry entry) {
        this.chunk = chunk;
        this.entry = entry;
        this.type = type;
        this.fields = type.fields.toArray(new Field[0]);
        this.mapped = mapped;
        // As the JDK's EventParser: the record starts with the start ticks and, when the type has a duration field
        // anywhere, the duration ticks; the fields in those first places read as those numbers whatever they declare.
        this.hasDuration = type.index.containsKey("duration");
        this.ticks = hasDuration ? 2 : 1;
        if (fields.length < ticks) {
            throw new DirectUnsupported(type.name + " has fewer fields than its start and duration");
        }
        this.raw = new long[fields.length];
        this.obj = new Object[fields.length];
        this.inRaw = new boolean[fields.length];
        this.kinds = new Kind[fields.length];
        this.strings = new ChunkCursor.Memo[fields.length];
        this.lastKey = new long[fields.length];
        this.lastConstant = new Object[fields.length];
        this.texts = new TextCache[fields.length];
        this.millisTexts = new TextCache[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Field f = fields[i];
            kinds[i] = i < ticks ? Kind.LONG : f.type().kind;
            inRaw[i] = i < ticks || (!f.pool() && !f.array() && kinds[i] != Kind.STRUCT && kinds[i] != Kind.STRING);
            strings[i] = new ChunkCursor.Memo();
        }
    }

    ChunkReducer.TypeEntry entry() {
        return entry;
    }

    boolean mapped() {
        return mapped;
    }

    /**
     * Starts a record whose fields run to {@code end}: reads its start (and duration) ticks now and leaves the other
     * fields in the record until they are asked for, since a record whose values repeat a recent one's (the memo) is
     * mapped from its times alone.
     */
    void begin(ChunkCursor in, int end) {
        raw[0] = in.varlong();
        if (hasDuration) {
            raw[1] = in.varlong();
        }
        valuesFrom = in.position();
        valuesTo = end;
        state = Fields.PENDING;
    }

    /**
     * Ends the record: fields nobody asked for are walked now, so that every record is checked to end where its size
     * says, as before; a record the memo matched needs no walk, its bytes being those of a record that was walked.
     */
    void complete() {
        if (state == Fields.PENDING) {
            decoded();
        }
    }

    /** The record's fields, decoded once and checked to end at the record's end. */
    private void decoded() {
        if (state == Fields.DECODED) {
            return;
        }
        ChunkCursor in = chunk.cursor();
        in.position(valuesFrom);
        decodeFields(in);
        if (in.position() != valuesTo) {
            throw new DirectUnsupported(type.name + " record's fields end at byte " + in.position() + ", not "
                    + valuesTo);
        }
        state = Fields.DECODED;
    }

    /** Reads the fields after the times; for a type the model does not map, only walks them. */
    private void decodeFields(ChunkCursor in) {
        for (int i = ticks; i < fields.length; i++) {
            Field f = fields[i];
            if (!mapped) {
                chunk.skip(f, 0);
                continue;
            }
            if (f.array() || (!f.pool() && f.type().kind == Kind.STRUCT)) {
                obj[i] = chunk.value(f, 0);
            } else if (f.pool()) {
                raw[i] = in.varlong();
            } else {
                Kind k = f.type().kind;
                if (k == null) {
                    throw new DirectUnsupported(f.name() + " of " + type.name + " has no layout");
                }
                switch (k) {
                    case BOOLEAN -> raw[i] = in.u8();
                    case BYTE -> raw[i] = (byte) in.u8();
                    case SHORT -> raw[i] = (short) in.varlong();
                    case CHAR -> raw[i] = (char) in.varlong();
                    case INT -> raw[i] = (int) in.varlong();
                    case LONG -> raw[i] = in.varlong();
                    case FLOAT -> raw[i] = in.rawInt();
                    case DOUBLE -> raw[i] = in.rawLong();
                    case STRING -> {
                        // Read when asked: most string fields of a mapped record are never read as text.
                        raw[i] = in.position();
                        obj[i] = UNREAD;
                        in.skipString();
                    }
                    default -> throw new DirectUnsupported(f.name() + " of " + type.name);
                }
            }
        }
    }

    @Override
    public int memo() {
        ChunkCursor in = chunk.cursor();
        int slot = in.hash(valuesFrom, valuesTo) & (MEMO_SLOTS - 1);
        byte[] known = memo[slot];
        if (known != null && known.length == valuesTo - valuesFrom && in.same(valuesFrom, known)) {
            if (state == Fields.PENDING) {
                state = Fields.MATCHED;
            }
            return slot;
        }
        return -(slot + 2);
    }

    @Override
    public void remember(int slot) {
        decoded();
        memo[slot] = chunk.cursor().copy(valuesFrom, valuesTo);
    }

    @Override
    public long startNanos() {
        return chunk.nanos(raw[0]);
    }

    @Override
    public long endNanos() {
        return chunk.nanos(hasDuration ? raw[0] + raw[1] : raw[0]);
    }

    /**
     * A field's slot by name. The reducer asks with the same literal strings every time, so the names asked are
     * remembered by identity: a few reference compares instead of hashing the name into the type's map.
     */
    private int index(String field) {
        decoded();
        for (int k = 0; k < asked; k++) {
            if (askedNames[k] == field) {
                return askedSlots[k];
            }
        }
        Integer i = type.index.get(field);
        int slot = i == null ? -1 : i;
        if (asked < askedNames.length) {
            askedNames[asked] = field;
            askedSlots[asked++] = slot;
        }
        return slot;
    }

    /** A slot that holds an object: resolved constant, string, or nested value. */
    private Object object(int i) {
        Field f = fields[i];
        if (f.pool() && !f.array()) {
            if (raw[i] != lastKey[i] || lastConstant[i] == null) {
                lastConstant[i] = chunk.constant(f.typeId(), raw[i]);
                lastKey[i] = raw[i];
            }
            return lastConstant[i];
        }
        if (obj[i] == UNREAD) {
            obj[i] = chunk.stringAt((int) raw[i], strings[i]);
        }
        if (obj[i] instanceof DirectChunkParser.Ref r) {
            if (r.key() != lastKey[i] || lastConstant[i] == null) {
                lastConstant[i] = chunk.resolve(r);
                lastKey[i] = r.key();
            }
            return lastConstant[i];
        }
        return chunk.resolve(obj[i]);
    }

    @Override
    public String text(String field) {
        int i = index(field);
        if (i < 0) {
            return null;
        }
        if (inRaw[i]) {
            long v = raw[i];
            if (texts[i] == null) {
                // Made when first asked: a chunk has a view per event type, and most fields are never read as text.
                texts[i] = new TextCache();
            }
            String known = texts[i].get(v);
            if (known != null) {
                return known;
            }
            return texts[i].put(v, switch (kinds[i]) {
                case BOOLEAN -> v != 0 ? "true" : "false";
                case CHAR -> String.valueOf((char) v);
                case FLOAT -> Float.toString(Float.intBitsToFloat((int) v));
                case DOUBLE -> Double.toString(Double.longBitsToDouble(v));
                default -> Long.toString(v);
            });
        }
        Object v = object(i);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Struct s) {
            if (s.type.name.equals("java.lang.Class")) {
                return chunk.className(s);
            }
            if (s.type.name.equals("java.lang.Thread")) {
                return chunk.thread(s).name();
            }
            throw new DirectUnsupported(field + " of " + type.name + " is a " + s.type.name);
        }
        if (v instanceof Object[]) {
            throw new DirectUnsupported(field + " of " + type.name + " is an array");
        }
        return v.toString();
    }

    /** The raw slot of an integral field read as the JDK's getValue would box it; anything else is unsupported. */
    private long integral(int i, String field) {
        if (i < 0 || !inRaw[i]) {
            throw new DirectUnsupported(field + " of " + type.name + " is not a plain number");
        }
        return switch (kinds[i]) {
            case BYTE, SHORT, INT, LONG -> raw[i];
            default -> throw new DirectUnsupported(field + " of " + type.name + " is a " + fields[i].type().name);
        };
    }

    @Override
    public String millis(String field) {
        int i = index(field);
        if (i < 0) {
            return null;
        }
        long v = integral(i, field);
        if (v == Long.MIN_VALUE) {
            return null;
        }
        if (millisTexts[i] == null) {
            millisTexts[i] = new TextCache();
        }
        String known = millisTexts[i].get(v);
        if (known != null) {
            return known;
        }
        String unit = fields[i].timespan();
        if (unit == null) {
            throw new DirectUnsupported(field + " of " + type.name + " has no timespan unit");
        }
        Duration d = switch (unit) {
            case "MICROSECONDS" -> Duration.ofNanos(1000 * v);
            case "SECONDS" -> Duration.ofSeconds(v);
            case "MILLISECONDS" -> Duration.ofMillis(v);
            case "NANOSECONDS" -> Duration.ofNanos(v);
            case "TICKS" -> Duration.ofNanos(chunk.timespanNanos(v));
            default -> throw new DirectUnsupported(field + " of " + type.name + " in unit " + unit);
        };
        String text = ChunkReducer.millis(d);
        return text == null ? null : millisTexts[i].put(v, text);
    }

    @Override
    public long getLong(String field) {
        int i = index(field);
        long v = integral(i, field);
        if (!fields[i].unsigned() || i < ticks) {
            return v;
        }
        // RecordedObject.getLong widens unsigned values; a byte goes through a short, as the JDK does.
        return switch (kinds[i]) {
            case INT -> v & 0xffff_ffffL;
            case SHORT, BYTE -> v & 0xffffL;
            default -> v;
        };
    }

    @Override
    public double getDouble(String field) {
        int i = index(field);
        if (i >= 0 && inRaw[i]) {
            switch (kinds[i]) {
                case FLOAT:
                    return Float.intBitsToFloat((int) raw[i]);
                case DOUBLE:
                    return Double.longBitsToDouble(raw[i]);
                default:
                    break;
            }
        }
        return integral(i, field);
    }

    @Override
    public JfrThread thread(String field) {
        int i = index(field);
        if (i < 0 || inRaw[i]) {
            return null;
        }
        return object(i) instanceof Struct s && s.type.name.equals("java.lang.Thread") ? chunk.thread(s) : null;
    }

    @Override
    public JfrThread eventThread() {
        return thread("eventThread");
    }

    @Override
    public int stack(StackInterner stacks) {
        int i = index("stackTrace");
        if (i < 0 || inRaw[i] || !(object(i) instanceof Struct st)
                || !st.type.name.equals("jdk.types.StackTrace")) {
            return 0;
        }
        Object frames = chunk.typed(st, "frames", Object[].class, null);
        Object[] leafFirst = frames == null ? new Object[0] : (Object[]) frames;
        return stacks.intern(st, new DirectFrames(chunk, leafFirst));
    }
}
