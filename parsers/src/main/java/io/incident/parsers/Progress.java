package io.incident.parsers;

/** Receives how far a reader has got. Called from the reader's thread; implementations must be cheap. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total) -> { };

    /** {@code done} of {@code total} bytes consumed; total is -1 when unknown. */
    void bytes(long done, long total);
}
