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
    private int sites;

    /**
     * Open-addressing indexes while writable, probed linearly: a slot holds the key's hash in its high half and the
     * frame or call-site id in its low half, 0 when empty (id 0 is never interned in either), so a probe settles in
     * the slot's cache line and the columns are read only when the hash matches. Null once frozen.
     *
     * <p>A call site created right after its parent, the parent's first child when a stack walks down a new branch, is
     * found at {@code parent + 1} and is not indexed. A merged profile of labelled requests interns millions of call
     * sites, nearly all on such chains no other stack shares, so the index, which would be far bigger than the caches,
     * holds only the sites where stacks fork, and a new chain is appended without a lookup.
     */
    private long[] frameSlots;
    private long[] siteSlots;
    private int indexed;

    public StackTable() {
        frameSlots = new long[128];
        siteSlots = new long[128];
        frames = 1;
        sites = 1;
        siteParent[0] = -1;
    }

    private StackTable(int[] ff, int[] fl, int[] fline, int frames, int[] sp, int[] sf, int sites) {
        this.frameFunction = ff;
        this.frameFile = fl;
        this.frameLine = fline;
        this.frames = frames;
        this.siteParent = sp;
        this.siteFrame = sf;
        this.sites = sites;
        this.frameSlots = null;
        this.siteSlots = null;
    }

    /** Rebuilds a frozen table from stored columns (frames and call sites, index 0 reserved in both). */
    public static StackTable ofFrozen(int[] frameFunction, int[] frameFile, int[] frameLine,
                                      int[] siteParent, int[] siteFrame) {
        for (int i = 1; i < siteParent.length; i++) {
            int p = siteParent[i];
            if (p < 0 || p >= i) {
                throw new IllegalArgumentException("call site " + i + " has parent " + p + " that does not precede it");
            }
        }
        return new StackTable(frameFunction.clone(), frameFile.clone(), frameLine.clone(), frameFunction.length,
                siteParent.clone(), siteFrame.clone(), siteParent.length);
    }

    private void requireWritable() {
        if (frameSlots == null) {
            throw new IllegalStateException("stack table is frozen");
        }
    }

    /** Interns a frame by string ids of function and file, and a line (0 when unknown). */
    public int frame(int function, int file, int line) {
        requireWritable();
        int h = frameHash(function, file, line);
        int mask = frameSlots.length - 1;
        int i = h & mask;
        for (long v; (v = frameSlots[i]) != 0; i = (i + 1) & mask) {
            int id = (int) v;
            if ((int) (v >>> 32) == h && frameFunction[id] == function && frameFile[id] == file
                    && frameLine[id] == line) {
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
        frameSlots[i] = slot(h, frames);
        if (isFull(frameSlots, frames)) {
            frameSlots = grown(frameSlots);
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
        if (parent == sites - 1) {
            // The newest call site has no children yet: its first one will be found right after it.
            return addSite(parent, frame);
        }
        int next = parent + 1;
        if (siteParent[next] == parent && siteFrame[next] == frame) {
            return next;
        }
        int h = siteHash(parent, frame);
        long[] slots = siteSlots;
        int mask = slots.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            long v = slots[i];
            if (v == 0) {
                return index(addSite(parent, frame));
            }
            int id = (int) v;
            if ((int) (v >>> 32) == h && siteParent[id] == parent && siteFrame[id] == frame) {
                return id;
            }
        }
    }

    /**
     * Makes room for {@code more} call sites beyond the current ones, for a reader that knows how many its input can
     * add: the columns are then sized once instead of doubled and copied.
     */
    public void reserveCallsites(int more) {
        requireWritable();
        int n = (int) Math.min(Integer.MAX_VALUE - 8, (long) sites + more);
        if (n > siteParent.length) {
            siteParent = Arrays.copyOf(siteParent, n);
            siteFrame = Arrays.copyOf(siteFrame, n);
        }
    }

    /** Interns a whole stack given root-first frame ids and returns its leaf call site. */
    public int stack(int[] rootFirstFrames, int count) {
        int site = 0;
        for (int i = 0; i < count; i++) {
            site = callsite(site, rootFirstFrames[i]);
        }
        return site;
    }

    private int addSite(int parent, int frame) {
        if (sites == siteParent.length) {
            int n = sites * 2;
            siteParent = Arrays.copyOf(siteParent, n);
            siteFrame = Arrays.copyOf(siteFrame, n);
        }
        siteParent[sites] = parent;
        siteFrame[sites] = frame;
        return sites++;
    }

    /** Puts a call site in the index of the children that do not come right after their parent. */
    private int index(int site) {
        int h = siteHash(siteParent[site], siteFrame[site]);
        siteSlots[freeSlot(siteSlots, h)] = slot(h, site);
        if (isFull(siteSlots, ++indexed)) {
            siteSlots = grown(siteSlots);
        }
        return site;
    }

    private static long slot(int hash, int id) {
        return (long) hash << 32 | id;
    }

    /** Three quarters full: with the hash in the slot, a miss still settles within a cache line or two. */
    private static boolean isFull(long[] slots, int ids) {
        return ids >= slots.length - (slots.length >> 2);
    }

    private static int freeSlot(long[] slots, int hash) {
        int mask = slots.length - 1;
        int i = hash & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Twice the slots, each moved by its stored hash: old slots are read in order, so are the new ones written. */
    private static long[] grown(long[] old) {
        long[] slots = new long[old.length * 2];
        for (long v : old) {
            if (v != 0) {
                slots[freeSlot(slots, (int) (v >>> 32))] = v;
            }
        }
        return slots;
    }

    /** Parents and frames are small dense ints: two multiply-shift rounds spread every bit of both over the hash. */
    private static int siteHash(int parent, int frame) {
        return mix(((long) parent << 32) | (frame & 0xffffffffL));
    }

    private static int frameHash(int function, int file, int line) {
        return mix((((long) function << 32) | (file & 0xffffffffL)) * 0x9E3779B97F4A7C15L + line);
    }

    private static int mix(long key) {
        long x = key * 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 32)) * 0xC2B2AE3D27D4EB4FL;
        return (int) (x >>> 32);
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

    /**
     * The number of frames from the root to this call site, found by walking its parents: no column holds it, since
     * nothing hot needs it and a big profile's millions of call sites would pay for it in memory.
     */
    public int depth(int callsite) {
        int d = 0;
        for (int s = callsite; s > 0; s = siteParent[s]) {
            d++;
        }
        return d;
    }

    /** Frames of a stack, root first. */
    public int[] framesRootFirst(int callsite) {
        int[] out = new int[depth(callsite)];
        for (int s = callsite, i = out.length - 1; s > 0; s = siteParent[s], i--) {
            out[i] = siteFrame[s];
        }
        return out;
    }

    /**
     * The immutable view. Columns are shared rather than trimmed when they are nearly full (a reader that reserved
     * its call sites): the writable table only ever appends past the view's counts, so the view cannot change, and a
     * copy would briefly double the biggest arrays of a big profile.
     */
    public StackTable freeze() {
        if (frameSlots == null) {
            return this;
        }
        return new StackTable(fit(frameFunction, frames), fit(frameFile, frames), fit(frameLine, frames), frames,
                fit(siteParent, sites), fit(siteFrame, sites), sites);
    }

    private static int[] fit(int[] column, int used) {
        return column.length - used <= column.length >> 3 ? column : Arrays.copyOf(column, used);
    }
}
