package io.incident.parsers.goroutine;

/**
 * One goroutine of a debug=2 dump or a traceback.
 *
 * @param id          the goroutine id from its header
 * @param state       the wait reason or status as printed ({@code chan receive}, {@code running}, {@code IO wait})
 * @param waitMinutes how long it has been blocked, or -1 when the header does not say (under a minute, or running)
 * @param locked      whether it is locked to an OS thread
 * @param createdBy   the function that started it, or "" for goroutine 1 and runtime goroutines printed without one
 * @param creatorId   the goroutine that started it ({@code created by X in goroutine N}, Go 1.21+), or -1
 * @param stack       leaf call site in the source's stack table (root-first frames; 0 when no frame was printed)
 * @param elided      whether Go printed {@code ...additional frames elided...} or the reader cut the stack
 * @param line        1-based line of its header in the file
 * @param bucket      index into {@link GoroutineDump#buckets()}
 */
public record Goroutine(long id, String state, int waitMinutes, boolean locked, String createdBy, long creatorId,
                        int stack, boolean elided, long line, int bucket) {
}
