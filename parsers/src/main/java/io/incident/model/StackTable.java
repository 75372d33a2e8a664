package io.incident.model;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Interned frames and call sites of one source. A frame is (function, file, line); a call site is a frame with a parent
 * call site, so a whole stack is one int: its leaf call site. Id 0 of call sites is the root (no frame), the way
 * Perfetto's callsite table and pprof's location tree share prefixes. Frames: id 0 is reserved as "unknown".
 */
public final class StackTable {
    private int[] frameFunction = new int[64];
    private int[] frameFile = new int[64];
    private int[] frameLine = new int[64];
    private int frames;
    private final Map<FrameKey, Integer> frameIds;

    private record FrameKey(int function, int file, int line) {
    }

    private int[] siteParent = new int[64];
    private int[] siteFrame = new int[64];
    private int[] siteDepth = new int[64];
    private int sites;
    private final Map<Long, Integer> siteIds;

    public StackTable() {
        frameIds = new HashMap<>();
        siteIds = new HashMap<>();
        frames = 1;
        sites = 1;
        siteParent[0] = -1;
    }

    private StackTable(int[] ff, int[] fl, int[] fline, int frames, int[] sp, int[] sf, int[] sd, int sites) {
        this.frameFunction = ff;
        this.frameFile = fl;
        this.frameLine = fline;
        this.frames = frames;
        this.siteParent = sp;
        this.siteFrame = sf;
        this.siteDepth = sd;
        this.sites = sites;
        this.frameIds = null;
        this.siteIds = null;
    }

    /** Rebuilds a frozen table from stored columns (frames and call sites, index 0 reserved in both). */
    public static StackTable ofFrozen(int[] frameFunction, int[] frameFile, int[] frameLine,
                                      int[] siteParent, int[] siteFrame) {
        int[] depth = new int[siteParent.length];
        for (int i = 1; i < siteParent.length; i++) {
            int p = siteParent[i];
            if (p < 0 || p >= i) {
                throw new IllegalArgumentException("call site " + i + " has parent " + p + " that does not precede it");
            }
            depth[i] = depth[p] + 1;
        }
        return new StackTable(frameFunction.clone(), frameFile.clone(), frameLine.clone(), frameFunction.length,
                siteParent.clone(), siteFrame.clone(), depth, siteParent.length);
    }

    private void requireWritable() {
        if (frameIds == null) {
            throw new IllegalStateException("stack table is frozen");
        }
    }

    /** Interns a frame by string ids of function and file, and a line (0 when unknown). */
    public int frame(int function, int file, int line) {
        requireWritable();
        FrameKey key = new FrameKey(function, file, line);
        Integer id = frameIds.get(key);
        if (id != null) {
            return id;
        }
        if (frames == frameFunction.length) {
            int n = frames * 2;
            frameFunction = Arrays.copyOf(frameFunction, n);
            frameFile = Arrays.copyOf(frameFile, n);
            frameLine = Arrays.copyOf(frameLine, n);
        }
        frameFunction[frames] = function;
        frameFile[frames] = file;
        frameLine[frames] = line;
        frameIds.put(key, frames);
        return frames++;
    }

    /** Interns the call site of {@code frame} called from {@code parent} (0 for a root frame). */
    public int callsite(int parent, int frame) {
        requireWritable();
        if (parent < 0 || parent >= sites) {
            throw new IllegalArgumentException("unknown parent call site " + parent);
        }
        if (frame <= 0 || frame >= frames) {
            throw new IllegalArgumentException("unknown frame " + frame);
        }
        // Multiplying by an odd constant is a bijection, so keys stay unique; it spreads (parent, frame) pairs that
        // would otherwise collide in Long.hashCode (parent ^ frame) and make big stack tables quadratic.
        long key = (((long) parent << 32) | frame) * 0x9E3779B97F4A7C15L;
        Integer id = siteIds.get(key);
        if (id != null) {
            return id;
        }
        if (sites == siteParent.length) {
            int n = sites * 2;
            siteParent = Arrays.copyOf(siteParent, n);
            siteFrame = Arrays.copyOf(siteFrame, n);
            siteDepth = Arrays.copyOf(siteDepth, n);
        }
        siteParent[sites] = parent;
        siteFrame[sites] = frame;
        siteDepth[sites] = siteDepth[parent] + 1;
        siteIds.put(key, sites);
        return sites++;
    }

    /** Interns a whole stack given root-first frame ids and returns its leaf call site. */
    public int stack(int[] rootFirstFrames, int count) {
        int site = 0;
        for (int i = 0; i < count; i++) {
            site = callsite(site, rootFirstFrames[i]);
        }
        return site;
    }

    public int frameCount() {
        return frames;
    }

    public int callsiteCount() {
        return sites;
    }

    public int frameFunction(int frame) {
        return frameFunction[frame];
    }

    public int frameFile(int frame) {
        return frameFile[frame];
    }

    public int frameLine(int frame) {
        return frameLine[frame];
    }

    public int parent(int callsite) {
        return siteParent[callsite];
    }

    public int frameOf(int callsite) {
        return siteFrame[callsite];
    }

    public int depth(int callsite) {
        return siteDepth[callsite];
    }

    /** Frames of a stack, root first. */
    public int[] framesRootFirst(int callsite) {
        int[] out = new int[siteDepth[callsite]];
        for (int s = callsite, i = out.length - 1; s > 0; s = siteParent[s], i--) {
            out[i] = siteFrame[s];
        }
        return out;
    }

    public StackTable freeze() {
        if (frameIds == null) {
            return this;
        }
        return new StackTable(Arrays.copyOf(frameFunction, frames), Arrays.copyOf(frameFile, frames),
                Arrays.copyOf(frameLine, frames), frames, Arrays.copyOf(siteParent, sites),
                Arrays.copyOf(siteFrame, sites), Arrays.copyOf(siteDepth, sites), sites);
    }
}
