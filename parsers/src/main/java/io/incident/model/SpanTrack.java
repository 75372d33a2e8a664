package io.incident.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Events with a duration, sorted by start (a longer span first on ties, so a parent precedes its children). Nesting
 * depth is derived at construction: a span that lies wholly inside an earlier open span sits one level deeper.
 */
public final class SpanTrack implements Track {
    /** Spans per entry of the running latest end, which finds the first span reaching a time (1/64 of a long a span). */
    static final int END_BLOCK = 64;
    private final String name;
    private final String group;
    private final long[] starts;
    /**
     * How long each span lasts when every duration fits an int (about 2.1 s in nanoseconds), as nearly all do; null
     * otherwise, and then {@link #ends} holds the ends. Half the bytes of a column of ends, for the millions of short
     * spans a capture, a syscall log or a recording gives.
     */
    private final int[] durations;
    private final long[] ends;
    private final int[] labels;
    private final int[] args;
    /** Nesting depths, a byte each while no span is deeper than 127 (null then {@link #wideDepths} has them). */
    private final byte[] depths;
    private final int[] wideDepths;
    private final long maxEnd;
    /** Latest end among the spans of each block of {@link #END_BLOCK} and every block before it. */
    private final long[] blockMaxEnd;
    private final int maxDepth;

    public SpanTrack(String name, String group, long[] starts, long[] ends, int[] labels, int[] args) {
        this(name, group, sortedColumns(name, starts, ends, labels, args));
    }

    /** The columns in track order: {starts, ends} and {labels, args}, permuted copies or the arrays themselves. */
    private static Object[] sortedColumns(String name, long[] starts, long[] ends, int[] labels, int[] args) {
        int n = starts.length;
        if (ends.length != n || labels.length != n || args.length != n) {
            throw new IllegalArgumentException("span track '" + name + "': column lengths differ");
        }
        long[] durations = new long[n];
        for (int i = 0; i < n; i++) {
            if (ends[i] < starts[i]) {
                throw new IllegalArgumentException("span track '" + name + "': span " + i + " ends before it starts");
            }
            durations[i] = ends[i] - starts[i];
        }
        int[] order = Columns.sortOrder(starts, durations);
        long[] sortedDurations = Columns.permute(durations, order);
        boolean narrow = Arrays.stream(sortedDurations).allMatch(d -> d <= Integer.MAX_VALUE);
        return new Object[] {Columns.permute(starts, order),
                narrow ? Arrays.stream(sortedDurations).mapToInt(d -> (int) d).toArray() : null,
                narrow ? null : Columns.permute(ends, order), Columns.permute(labels, order),
                Columns.permute(args, order)};
    }

    private SpanTrack(String name, String group, Object[] columns) {
        this(name, group, (long[]) columns[0], (int[]) columns[1], (long[]) columns[2], (int[]) columns[3],
                (int[]) columns[4]);
    }

    /**
     * A track of spans already in track order, with either their durations (all within an int) or their ends; only
     * nesting depths and the running latest end are derived.
     */
    SpanTrack(String name, String group, long[] starts, int[] durations, long[] ends, int[] labels, int[] args) {
        if ((durations == null) == (ends == null)) {
            throw new IllegalArgumentException("span track '" + name + "': durations or ends expected, not both");
        }
        int n = starts.length;
        this.name = name;
        this.group = group == null ? "" : group;
        this.starts = starts;
        this.durations = durations;
        this.ends = ends;
        this.labels = labels;
        this.args = args;
        byte[] narrowDepths = new byte[n];
        int[] wide = null;
        long[] openEnds = new long[16];
        int open = 0;
        long latest = Long.MIN_VALUE;
        int deepest = 0;
        blockMaxEnd = new long[(n + END_BLOCK - 1) / END_BLOCK];
        for (int i = 0; i < n; i++) {
            long end = end(i);
            while (open > 0 && openEnds[open - 1] <= starts[i]) {
                open--;
            }
            while (open > 0 && openEnds[open - 1] < end) {
                // Overlapping but not nested: it cannot be a child of that span, so it starts a fresh level there.
                open--;
            }
            if (wide == null && open > Byte.MAX_VALUE) {
                wide = new int[n];
                for (int k = 0; k < i; k++) {
                    wide[k] = narrowDepths[k];
                }
                narrowDepths = null;
            }
            if (wide != null) {
                wide[i] = open;
            } else {
                narrowDepths[i] = (byte) open;
            }
            deepest = Math.max(deepest, open);
            if (open == openEnds.length) {
                openEnds = Arrays.copyOf(openEnds, open * 2);
            }
            openEnds[open++] = end;
            latest = Math.max(latest, end);
            blockMaxEnd[i / END_BLOCK] = latest;
        }
        this.depths = narrowDepths;
        this.wideDepths = wide;
        this.maxEnd = latest;
        this.maxDepth = deepest;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public int size() {
        return starts.length;
    }

    public long start(int i) {
        return starts[i];
    }

    public long end(int i) {
        return durations != null ? starts[i] + durations[i] : ends[i];
    }

    public int label(int i) {
        return labels[i];
    }

    public int args(int i) {
        return args[i];
    }

    public int depth(int i) {
        return depths != null ? depths[i] : wideDepths[i];
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** First span starting at or after {@code t}. */
    /**
     * The first span (in start order) that ends at or after {@code t}: no span before it reaches {@code t}, so a view
     * of {@code [t, ...]} starts drawing there. One binary search over the running latest end per block, then at most
     * a block's spans.
     */
    public int indexEndingAtOrAfter(long t) {
        int b = Columns.lowerBound(blockMaxEnd, t);
        int end = Math.min(starts.length, (b + 1) * END_BLOCK);
        for (int i = b * END_BLOCK; i < end; i++) {
            if (end(i) >= t) {
                return i;
            }
        }
        return starts.length;
    }

    public int indexStartingAtOrAfter(long t) {
        return Columns.lowerBound(starts, t);
    }

    @Override
    public long minTime() {
        return starts.length == 0 ? Long.MAX_VALUE : starts[0];
    }

    @Override
    public long maxTime() {
        return maxEnd;
    }

    public static Builder builder(String name, String group) {
        return new Builder(name, group);
    }

    public static final class Builder {
        private final String name;
        private final String group;
        /** Durations rather than ends: they break ties in the sort, and end = start + duration. */
        private final Columns.LongBlocks starts = new Columns.LongBlocks();
        private final Columns.LongBlocks durations = new Columns.LongBlocks();
        /** Label id in the high half, arg set id in the low half: one column to grow instead of two. */
        private final Columns.LongBlocks labelArgs = new Columns.LongBlocks();
        private long longest;

        private Builder(String name, String group) {
            this.name = name;
            this.group = group;
        }

        public Builder add(long start, long end, int label, int argSet) {
            long duration = Math.max(start, end) - start;
            starts.add(start);
            durations.add(duration);
            longest = Math.max(longest, duration);
            labelArgs.add((long) label << 32 | (argSet & 0xffff_ffffL));
            return this;
        }

        public int size() {
            return starts.size();
        }

        public SpanTrack build() {
            return SortedSpans.merge(name, group, List.of(sorted()), Collections.singletonList(null),
                    Collections.singletonList(null));
        }

        /** The spans with their track order, for {@link SortedSpans#merge} with other parts. */
        public SortedSpans sorted() {
            return new SortedSpans(name, group, starts, durations, labelArgs, longest);
        }
    }
}
