package io.incident.model;

import java.util.Arrays;

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

    private int[] siteParent = new int[64];
    private int[] siteFrame = new int[64];
    private int[] siteDepth = new int[64];
    private int sites;

    /**
     * Open-addressing indexes while writable, probed linearly: a slot holds a frame or call-site id, 0 when empty (id
     * 0 is never interned in either), and the key is compared in the columns themselves. A big profile interns
     * millions of call sites; a HashMap of boxed keys costs three objects and a dependent load per entry, these cost
     * two ints. Null once frozen.
     */
    private int[] frameSlots;
    private int[] siteSlots;

    public StackTable() {
        frameSlots = new int[128];
        siteSlots = new int[128];
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
        this.frameSlots = null;
        this.siteSlots = null;
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
        if (frameSlots == null) {
            throw new IllegalStateException("stack table is frozen");
        }
    }

    /** Interns a frame by string ids of function and file, and a line (0 when unknown). */
    public int frame(int function, int file, int line) {
        requireWritable();
        int mask = frameSlots.length - 1;
        int i = frameHash(function, file, line) & mask;
        for (int id; (id = frameSlots[i]) != 0; i = (i + 1) & mask) {
            if (frameFunction[id] == function && frameFile[id] == file && frameLine[id] == line) {
                return id;
            }
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
        frameSlots[i] = frames;
        if (frames * 2 >= frameSlots.length) {
            frameSlots = new int[frameSlots.length * 2];
            for (int id = 1; id <= frames; id++) {
                place(frameSlots, frameHash(frameFunction[id], frameFile[id], frameLine[id]), id);
            }
        }
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
        int mask = siteSlots.length - 1;
        int i = siteHash(parent, frame) & mask;
        for (int id; (id = siteSlots[i]) != 0; i = (i + 1) & mask) {
            if (siteParent[id] == parent && siteFrame[id] == frame) {
                return id;
            }
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
        siteSlots[i] = sites;
        if (sites * 2 >= siteSlots.length) {
            siteSlots = new int[siteSlots.length * 2];
            for (int id = 1; id <= sites; id++) {
                place(siteSlots, siteHash(siteParent[id], siteFrame[id]), id);
            }
        }
        return sites++;
    }

    /** Puts an id in the first free slot from its hash, when rehashing into a bigger index (ids are distinct). */
    private static void place(int[] slots, int hash, int id) {
        int mask = slots.length - 1;
        int i = hash & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = id;
    }

    /**
     * Multiplying by an odd constant spreads the key over the high bits, which the shift brings down: parents and
     * frames are small dense ints, and their plain sum or xor would pile up in a few slots.
     */
    private static int siteHash(int parent, int frame) {
        long h = (((long) parent << 32) | (frame & 0xffffffffL)) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) ^ (int) h;
    }

    private static int frameHash(int function, int file, int line) {
        long h = ((((long) function << 32) | (file & 0xffffffffL)) * 0x9E3779B97F4A7C15L + line)
                * 0xC2B2AE3D27D4EB4FL;
        return (int) (h >>> 32) ^ (int) h;
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
        if (frameSlots == null) {
            return this;
        }
        return new StackTable(Arrays.copyOf(frameFunction, frames), Arrays.copyOf(frameFile, frames),
                Arrays.copyOf(frameLine, frames), frames, Arrays.copyOf(siteParent, sites),
                Arrays.copyOf(siteFrame, sites), Arrays.copyOf(siteDepth, sites), sites);
    }
}
