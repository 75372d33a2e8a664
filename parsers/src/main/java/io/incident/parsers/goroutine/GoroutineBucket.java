package io.incident.parsers.goroutine;

/**
 * Goroutines with the same stack (function, file and line of every frame; argument values and {@code +0x} offsets
 * ignored, as panicparse buckets them), the same state class and the same creator function.
 *
 * @param count          how many goroutines (for a debug=1 profile, the record's count)
 * @param state          the state class: the wait reason, plus {@code ", locked to thread"} when locked ("" in debug=1)
 * @param minWaitMinutes shortest printed wait, or -1 when none of them printed one
 * @param maxWaitMinutes longest printed wait, or -1
 * @param stack          leaf call site in the source's stack table
 * @param topFunction    the leaf function, where they are parked
 * @param createdBy      the creator function, or ""
 * @param labels         pprof labels of a debug=1 record ({@code {"handler":"slow"}}), or ""
 * @param signature      state, creator and root-first function names: comparable across two dumps of one program
 */
public record GoroutineBucket(long count, String state, int minWaitMinutes, int maxWaitMinutes, int stack,
                              String topFunction, String createdBy, String labels, String signature) {
}
