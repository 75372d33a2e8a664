package io.incident.app.align;

/**
 * One event seen by two sources, and what it is. While matching, the times are each source's raw times and
 * {@code delta = referenceTime - otherTime} is what the other source's clock must add to agree with the reference's.
 * In a solved {@link Proposal} both are case times, so {@code delta} is the pair's residual.
 */
public record Pair(long referenceTime, long otherTime, String what) {
    public long delta() {
        return referenceTime - otherTime;
    }
}
