package io.incident.parsers.jfr;

import io.incident.parsers.jfr.DirectChunkParser.Struct;

/** A stack trace's frames as the direct parser holds them, read as {@code RecordedFrame}/{@code RecordedMethod} do. */
final class DirectFrames implements StackInterner.Frames {
    private final DirectChunkParser chunk;
    private final Object[] leafFirst;

    DirectFrames(DirectChunkParser chunk, Object[] leafFirst) {
        this.chunk = chunk;
        this.leafFirst = leafFirst;
    }

    private Struct frame(int i) {
        if (chunk.resolve(leafFirst[i]) instanceof Struct f) {
            return f;
        }
        throw new DirectUnsupported("stack frame that is not a struct");
    }

    @Override
    public int size() {
        return leafFirst.length;
    }

    @Override
    public Object method(int i) {
        return chunk.typed(frame(i), "method", Struct.class, null) instanceof Struct m
                && m.type.name.equals("jdk.types.Method") ? m : null;
    }

    @Override
    public String methodType(Object method) {
        return chunk.typed((Struct) method, "type", Struct.class, null) instanceof Struct c
                && c.type.name.equals("java.lang.Class") ? chunk.className(c) : null;
    }

    @Override
    public String methodName(Object method) {
        return (String) chunk.typed((Struct) method, "name", String.class, null);
    }

    @Override
    public int line(int i) {
        if (chunk.typed(frame(i), "lineNumber", Integer.class, -1) instanceof Integer line) {
            return line;
        }
        throw new DirectUnsupported("stack frame without a line number");
    }
}
