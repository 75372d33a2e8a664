package io.incident.parsers.goroutine;

/**
 * One stack of a race detector report ({@code WARNING: DATA RACE}).
 *
 * @param report      0-based number of the report in the file
 * @param heading     the line that introduces the stack, without its colon
 *                    ({@code Read at 0x00c000014100 by goroutine 8}, {@code Goroutine 8 (running) created at})
 * @param goroutineId the goroutine it names, or -1 ({@code by main goroutine})
 * @param stack       leaf call site in the source's stack table
 */
public record RaceAccess(int report, String heading, long goroutineId, int stack) {
}
