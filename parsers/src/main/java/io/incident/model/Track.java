package io.incident.model;

/**
 * One lane of a source: a column store of events of one shape. Times are the source's raw clock in nanoseconds (see
 * {@link ClockKind}); the case applies the source's offset. Label and arg ids refer to the owning source's tables.
 */
public sealed interface Track permits InstantTrack, SpanTrack, CounterTrack, SampleTrack {
    /** Lane title, e.g. {@code "syscalls tid 1234"}. */
    String name();

    /** Group of lanes within the source, e.g. {@code "threads"}; empty for the source's top level. */
    String group();

    /** Number of events. */
    int size();

    /** Earliest raw time, or {@link Long#MAX_VALUE} when the track has no timed event. */
    long minTime();

    /** Latest raw time (span ends included), or {@link Long#MIN_VALUE} when the track has no timed event. */
    long maxTime();
}
