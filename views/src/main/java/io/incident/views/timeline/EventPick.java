package io.incident.views.timeline;

/** An event the analyst selected on the timeline: its lane and index, and its case-time extent. */
public record EventPick(Lane lane, int index, long start, long end) {
}
