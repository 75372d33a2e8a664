package io.incident.model;

/** Point events, sorted by time: a log line, a signal, a packet mark. */
public final class InstantTrack implements Track {
    private final String name;
    private final String group;
    private final long[] times;
    private final int[] labels;
    private final int[] args;

    public InstantTrack(String name, String group, long[] times, int[] labels, int[] args) {
        if (times.length != labels.length || times.length != args.length) {
            throw new IllegalArgumentException("instant track '" + name + "': column lengths differ");
        }
        int[] order = Columns.sortOrder(times, null);
        this.name = name;
        this.group = group == null ? "" : group;
        this.times = Columns.permute(times, order);
        this.labels = Columns.permute(labels, order);
        this.args = Columns.permute(args, order);
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
        return times.length;
    }

    public long time(int i) {
        return times[i];
    }

    public int label(int i) {
        return labels[i];
    }

    public int args(int i) {
        return args[i];
    }

    /** First event at or after {@code t}. */
    public int indexAtOrAfter(long t) {
        return Columns.lowerBound(times, t);
    }

    /** {@link #indexAtOrAfter(long)} when the answer is known to be at or after {@code from} (cheaper near it). */
    public int indexAtOrAfter(long t, int from) {
        return Columns.lowerBound(times, t, from);
    }

    @Override
    public long minTime() {
        return times.length == 0 ? Long.MAX_VALUE : times[0];
    }

    @Override
    public long maxTime() {
        return times.length == 0 ? Long.MIN_VALUE : times[times.length - 1];
    }

    public static Builder builder(String name, String group) {
        return new Builder(name, group);
    }

    public static final class Builder {
        private final String name;
        private final String group;
        private final Columns.Longs times = new Columns.Longs();
        private final Columns.Ints labels = new Columns.Ints();
        private final Columns.Ints args = new Columns.Ints();

        private Builder(String name, String group) {
            this.name = name;
            this.group = group;
        }

        public Builder add(long time, int label, int argSet) {
            times.add(time);
            labels.add(label);
            args.add(argSet);
            return this;
        }

        public int size() {
            return times.size();
        }

        public InstantTrack build() {
            return new InstantTrack(name, group, times.toArray(), labels.toArray(), args.toArray());
        }
    }
}
