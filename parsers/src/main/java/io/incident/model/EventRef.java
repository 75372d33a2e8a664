package io.incident.model;

/**
 * Points at one event of a case: the source's position in the case, the track's index in that source, and the event's
 * index in that track.
 */
public record EventRef(int source, int track, int event) {
    public EventRef {
        if (source < 0 || track < 0 || event < 0) {
            throw new IllegalArgumentException("negative event reference " + source + "/" + track + "/" + event);
        }
    }
}
