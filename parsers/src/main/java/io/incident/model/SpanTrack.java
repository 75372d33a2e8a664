package io.incident.model;

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
    private final long[] ends;
    private final int[] labels;
    private final int[] args;
    private final int[] depths;
    private final long maxEnd;
    /** Latest end among the spans of each block of {@link #END_BLOCK} and every block before it. */
    private final long[] blockMaxEnd;
    private final int maxDepth;

    public SpanTrack(String name, String group, long[] starts, long[] ends, int[] labels, int[] args) {
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
        this.name = name;
        this.group = group == null ? "" : group;
        this.starts = Columns.permute(starts, order);
        this.ends = Columns.permute(ends, order);
        this.labels = Columns.permute(labels, order);
        this.args = Columns.permute(args, order);
        this.depths = new int[n];
        long[] openEnds = new long[16];
        int open = 0;
        long latest = Long.MIN_VALUE;
        int deepest = 0;
        blockMaxEnd = new long[(n + END_BLOCK - 1) / END_BLOCK];
        for (int i = 0; i < n; i++) {
            while (open > 0 && openEnds[open - 1] <= this.starts[i]) {
                open--;
            }
            while (open > 0 && openEnds[open - 1] < this.ends[i]) {
                // Overlapping but not nested: it cannot be a child of that span, so it starts a fresh level there.
                open--;
            }
            depths[i] = open;
            deepest = Math.max(deepest, open);
            if (open == openEnds.length) {
                openEnds = java.util.Arrays.copyOf(openEnds, open * 2);
            }
            openEnds[open++] = this.ends[i];
            latest = Math.max(latest, this.ends[i]);
            blockMaxEnd[i / END_BLOCK] = latest;
        }
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
        return ends[i];
    }

    public int label(int i) {
        return labels[i];
    }

    public int args(int i) {
        return args[i];
    }

    public int depth(int i) {
        return depths[i];
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
        int end = Math.min(ends.length, (b + 1) * END_BLOCK);
        for (int i = b * END_BLOCK; i < end; i++) {
            if (ends[i] >= t) {
                return i;
            }
        }
        return ends.length;
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
        private final Columns.Longs starts = new Columns.Longs();
        private final Columns.Longs ends = new Columns.Longs();
        private final Columns.Ints labels = new Columns.Ints();
        private final Columns.Ints args = new Columns.Ints();

        private Builder(String name, String group) {
            this.name = name;
            this.group = group;
        }

        public Builder add(long start, long end, int label, int argSet) {
            starts.add(start);
            ends.add(Math.max(start, end));
            labels.add(label);
            args.add(argSet);
            return this;
        }

        public int size() {
            return starts.size();
        }

        public SpanTrack build() {
            return new SpanTrack(name, group, starts.toArray(), ends.toArray(), labels.toArray(), args.toArray());
        }
    }
}
