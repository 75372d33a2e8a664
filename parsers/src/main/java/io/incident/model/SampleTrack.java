package io.incident.model;

import java.util.List;

/**
 * Stack samples for flame graphs: each sample has a time (or {@link #UNTIMED}), a thread label, a stack (a leaf call
 * site of the source's {@link StackTable}) and one value per sample type.
 */
public final class SampleTrack implements Track {
    /** Time of a sample that carries none (a pprof profile's samples, a goroutine bucket). */
    public static final long UNTIMED = Long.MIN_VALUE;

    private final String name;
    private final String group;
    private final List<SampleType> types;
    private final int defaultType;
    private final long[] times;
    private final int[] threads;
    private final int[] stacks;
    private final long[] values;
    private final long minTime;
    private final long maxTime;

    public SampleTrack(String name, String group, List<SampleType> types, int defaultType, long[] times,
                       int[] threads, int[] stacks, long[] values) {
        int n = times.length;
        if (types.isEmpty()) {
            throw new IllegalArgumentException("sample track '" + name + "' has no sample type");
        }
        if (threads.length != n || stacks.length != n || values.length != (long) n * types.size()) {
            throw new IllegalArgumentException("sample track '" + name + "': column lengths differ");
        }
        if (defaultType < 0 || defaultType >= types.size()) {
            throw new IllegalArgumentException("sample track '" + name + "': default type " + defaultType);
        }
        this.name = name;
        this.group = group == null ? "" : group;
        this.types = List.copyOf(types);
        this.defaultType = defaultType;
        this.times = times;
        this.threads = threads;
        this.stacks = stacks;
        this.values = values;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (long t : times) {
            if (t != UNTIMED) {
                lo = Math.min(lo, t);
                hi = Math.max(hi, t);
            }
        }
        this.minTime = lo;
        this.maxTime = hi;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String group() {
        return group;
    }

    public List<SampleType> types() {
        return types;
    }

    public int defaultType() {
        return defaultType;
    }

    @Override
    public int size() {
        return times.length;
    }

    public long time(int i) {
        return times[i];
    }

    public int thread(int i) {
        return threads[i];
    }

    public int stack(int i) {
        return stacks[i];
    }

    public long value(int sample, int type) {
        return values[sample * types.size() + type];
    }

    /** Sum of one sample type over all samples. */
    public long total(int type) {
        long sum = 0;
        for (int i = 0; i < times.length; i++) {
            sum += values[i * types.size() + type];
        }
        return sum;
    }

    @Override
    public long minTime() {
        return minTime;
    }

    @Override
    public long maxTime() {
        return maxTime;
    }

    public static Builder builder(String name, String group, List<SampleType> types, int defaultType) {
        return new Builder(name, group, types, defaultType);
    }

    public static final class Builder {
        private final String name;
        private final String group;
        private final List<SampleType> types;
        private final int defaultType;
        private final Columns.Longs times = new Columns.Longs();
        private final Columns.Ints threads = new Columns.Ints();
        private final Columns.Ints stacks = new Columns.Ints();
        private final Columns.Longs values = new Columns.Longs();

        private Builder(String name, String group, List<SampleType> types, int defaultType) {
            this.name = name;
            this.group = group;
            this.types = List.copyOf(types);
            this.defaultType = defaultType;
        }

        /** Adds a sample; {@code sampleValues} has one value per sample type. */
        public Builder add(long time, int thread, int stack, long... sampleValues) {
            if (sampleValues.length != types.size()) {
                throw new IllegalArgumentException("sample has " + sampleValues.length + " values for "
                        + types.size() + " sample types");
            }
            times.add(time);
            threads.add(thread);
            stacks.add(stack);
            for (long v : sampleValues) {
                values.add(v);
            }
            return this;
        }

        public int size() {
            return times.size();
        }

        public SampleTrack build() {
            return new SampleTrack(name, group, types, defaultType, times.toArray(), threads.toArray(),
                    stacks.toArray(), values.toArray());
        }
    }
}
