package io.incident.parsers.jfr;

import io.incident.model.Source;
import io.incident.model.StackTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Interns JFR stack traces root-first into a source's {@link StackTable}. The JDK parser resolves a chunk's stack
 * traces and methods once, from its constant pools, so most events share the same objects: caching by identity makes
 * the common case one map lookup per sample instead of one per frame.
 */
final class StackInterner {
    private final Source.Builder b;
    private final StackTable table;
    private final int maxDepth;
    /** Keyed by the JDK's stack objects (by identity) or the direct parser's pool keys (by value). */
    private final Map<Object, Integer> stacks = new HashMap<>();
    private final Map<Object, int[]> methods = new HashMap<>();
    private int[] frames = new int[64];

    /** A stack's frames, leaf first, as either parser holds them. */
    interface Frames {
        int size();

        /** The frame's method, as a key that identifies it in the chunk; null when unknown. */
        Object method(int i);

        /** The method's class name, or null. */
        String methodType(Object method);

        String methodName(Object method);

        int line(int i);
    }

    StackInterner(Source.Builder b, int maxDepth) {
        this.b = b;
        this.table = b.stacks();
        this.maxDepth = maxDepth;
    }

    /** The leaf call site of the stack, 0 (the root) when the event has none. */
    int intern(RecordedStackTrace st) {
        if (st == null) {
            return 0;
        }
        Integer known = stacks.get(st);
        if (known != null) {
            return known;
        }
        List<RecordedFrame> leafFirst = st.getFrames();
        return intern(st, new Frames() {
            @Override
            public int size() {
                return leafFirst.size();
            }

            @Override
            public Object method(int i) {
                return leafFirst.get(i).getMethod();
            }

            @Override
            public String methodType(Object m) {
                RecordedMethod rm = (RecordedMethod) m;
                return rm.getType() == null ? null : rm.getType().getName();
            }

            @Override
            public String methodName(Object m) {
                return ((RecordedMethod) m).getName();
            }

            @Override
            public int line(int i) {
                return leafFirst.get(i).getLineNumber();
            }
        });
    }

    /** The leaf call site of a stack identified by {@code key}, its frames read only the first time. */
    int intern(Object key, Frames leafFirst) {
        Integer known = stacks.get(key);
        if (known != null) {
            return known;
        }
        int n = leafFirst.size();
        if (n > maxDepth) {
            b.diagnostics().warn("stack-cut", "stack of " + n + " frames", "stacks deeper than maxStackDepth="
                    + maxDepth + " keep their " + maxDepth + " outermost frames");
            n = maxDepth;
        }
        if (frames.length < n) {
            frames = new int[n];
        }
        int last = leafFirst.size() - 1;
        for (int i = 0; i < n; i++) {
            frames[i] = frame(leafFirst, last - i);
        }
        int site = table.stack(frames, n);
        stacks.put(key, site);
        return site;
    }

    private int frame(Frames f, int i) {
        Object m = f.method(i);
        int[] ids = m == null ? null : methods.get(m);
        if (ids == null) {
            ids = functionAndFile(f, m);
            if (m != null) {
                methods.put(m, ids);
            }
        }
        return table.frame(ids[0], ids[1], Math.max(f.line(i), 0));
    }

    /** Function {@code pkg.Class.method}; file is the class name, since JFR records no source file. */
    private int[] functionAndFile(Frames f, Object m) {
        if (m == null) {
            return new int[] {b.intern("<unknown>"), 0};
        }
        String type = f.methodType(m);
        String name = f.methodName(m);
        String fn = type == null || type.isEmpty() ? name : type + "." + name;
        return new int[] {b.intern(fn), b.intern(type)};
    }
}
