package io.incident.model;

/** A value over time, sorted by time: open connections, heap used, errors per second. */
public final class CounterTrack implements Track {
    private final String name;
    private final String group;
    private final String unit;
    private final long[] times;
    private final double[] values;
    private final CounterBlocks blocks;

    public CounterTrack(String name, String group, String unit, long[] times, double[] values) {
        if (times.length != values.length) {
            throw new IllegalArgumentException("counter track '" + name + "': column lengths differ");
        }
        int[] order = Columns.sortOrder(times, null);
        this.name = name;
        this.group = group == null ? "" : group;
        this.unit = unit == null ? "" : unit;
        this.times = Columns.permute(times, order);
        this.values = Columns.permute(values, order);
        this.blocks = new CounterBlocks(this.values);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String group() {
        return group;
    }

    public String unit() {
        return unit;
    }

    @Override
    public int size() {
        return times.length;
    }

    public long time(int i) {
        return times[i];
    }

    public double value(int i) {
        return values[i];
    }

    /** The min/max summary the timeline draws from, built with the track. */
    public CounterBlocks blocks() {
        return blocks;
    }

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

    public static Builder builder(String name, String group, String unit) {
        return new Builder(name, group, unit);
    }

    public static final class Builder {
        private final String name;
        private final String group;
        private final String unit;
        private final Columns.Longs times = new Columns.Longs();
        private final Columns.Doubles values = new Columns.Doubles();

        private Builder(String name, String group, String unit) {
            this.name = name;
            this.group = group;
            this.unit = unit;
        }

        public Builder add(long time, double value) {
            times.add(time);
            values.add(value);
            return this;
        }

        public int size() {
            return times.size();
        }

        public CounterTrack build() {
            return new CounterTrack(name, group, unit, times.toArray(), values.toArray());
        }
    }
}
