package io.incident.parsers.jfr;

import io.incident.model.Source;
import io.incident.model.StackTable;
import java.util.IdentityHashMap;
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
    private final Map<RecordedStackTrace, Integer> stacks = new IdentityHashMap<>();
    private final Map<RecordedMethod, int[]> methods = new IdentityHashMap<>();
    private int[] frames = new int[64];

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
            frames[i] = frame(leafFirst.get(last - i));
        }
        int site = table.stack(frames, n);
        stacks.put(st, site);
        return site;
    }

    private int frame(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        int[] ids = m == null ? null : methods.get(m);
        if (ids == null) {
            ids = functionAndFile(m);
            if (m != null) {
                methods.put(m, ids);
            }
        }
        int line = f.getLineNumber();
        return table.frame(ids[0], ids[1], Math.max(line, 0));
    }

    /** Function {@code pkg.Class.method}; file is the class name, since JFR records no source file. */
    private int[] functionAndFile(RecordedMethod m) {
        if (m == null) {
            return new int[] {b.intern("<unknown>"), 0};
        }
        String type = m.getType() == null ? null : m.getType().getName();
        String fn = type == null || type.isEmpty() ? m.getName() : type + "." + m.getName();
        return new int[] {b.intern(fn), b.intern(type)};
    }
}
