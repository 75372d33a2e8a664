package io.incident.parsers.goroutine;

import io.incident.parsers.util.LongIntMap;
import io.incident.model.Columns;
import io.incident.model.Source;
import io.incident.model.StackTable;
import java.util.Arrays;

/**
 * The frames of the block being read, leaf first as Go prints them, interned into the source's stack table through
 * caches keyed by the line's bytes, so a function or location repeated a hundred thousand times is decoded once. Keeps
 * at most {@code maxDepth} frames (the leaf side) and counts the rest.
 */
final class FrameStack {
    private final Source.Builder builder;
    private final StackTable stacks;
    private final int maxDepth;

    private final ByteInterner functionBytes = new ByteInterner();
    private final Columns.Ints functionIds = new Columns.Ints();
    private final ByteInterner locationBytes = new ByteInterner();
    private final Columns.Ints locationFiles = new Columns.Ints();
    private final Columns.Ints locationLines = new Columns.Ints();
    private final LongIntMap frameIds = new LongIntMap();
    private final LongIntMap siteIds = new LongIntMap();

    private int[] frames = new int[64];
    private int depth;
    private int cut;
    private int pendingFunction = -1;

    FrameStack(Source.Builder builder, int maxDepth) {
        this.builder = builder;
        this.stacks = builder.stacks();
        this.maxDepth = maxDepth;
    }

    /** The string id of the function name in {@code [from, to)} of the line. */
    int function(LineSource line, int from, int to) {
        int i = functionBytes.find(line, from, to);
        if (i < 0) {
            i = functionBytes.add(line, from, to);
            functionIds.add(builder.intern(line.text(from, to)));
        }
        return functionIds.get(i);
    }

    /** A function line: its frame waits for the file line that follows. */
    void function(int function) {
        flushPending();
        pendingFunction = function;
    }

    boolean hasPendingFunction() {
        return pendingFunction >= 0;
    }

    /** The pending function's location, {@code /path/file.go:123} in {@code [from, to)} of the line. */
    void location(LineSource line, int from, int to) {
        int location = locationBytes.find(line, from, to);
        if (location < 0) {
            int colon = line.lastIndexOf((byte) ':', to);
            long lineNo = colon > from ? Digits.parse(line, colon + 1, to) : -1;
            locationFiles.add(builder.intern(line.text(from, lineNo < 0 ? to : colon)));
            locationLines.add((int) Math.max(0, Math.min(Integer.MAX_VALUE, lineNo)));
            location = locationBytes.add(line, from, to);
        }
        long key = ((long) pendingFunction << 32) | location;
        int id = frameIds.get(key);
        if (id < 0) {
            id = stacks.frame(pendingFunction, locationFiles.get(location), locationLines.get(location));
            frameIds.putIfAbsent(key, id);
        }
        push(id);
        pendingFunction = -1;
    }

    /** A frame with no location, such as Go's {@code ...additional frames elided...} marker. */
    void marker(String name) {
        flushPending();
        push(stacks.frame(builder.intern(name), 0, 0));
    }

    /** A function line never followed by its file line becomes a frame without a location. */
    void flushPending() {
        if (pendingFunction >= 0) {
            push(stacks.frame(pendingFunction, 0, 0));
            pendingFunction = -1;
        }
    }

    private void push(int frame) {
        if (depth >= maxDepth) {
            cut++;
            return;
        }
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, depth * 2);
        }
        frames[depth++] = frame;
    }

    /** Frames dropped beyond the depth limit. */
    int cut() {
        return cut;
    }

    int depth() {
        return depth;
    }

    /** Interns the collected frames root first and returns the leaf call site (0 for no frame). */
    int intern() {
        flushPending();
        int site = 0;
        for (int i = depth - 1; i >= 0; i--) {
            long key = ((long) site << 32) | frames[i];
            int id = siteIds.get(key);
            if (id < 0) {
                id = stacks.callsite(site, frames[i]);
                siteIds.putIfAbsent(key, id);
            }
            site = id;
        }
        return site;
    }

    void reset() {
        depth = 0;
        cut = 0;
        pendingFunction = -1;
    }
}
