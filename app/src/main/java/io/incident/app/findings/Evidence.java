package io.incident.app.findings;

import io.incident.model.EventRef;

/**
 * One event a finding rests on: which artifact, where in it, when (case time, epoch ns), what it says, and a pointer
 * to the event so the window can show it in its place.
 */
public record Evidence(String file, String where, long time, String text, EventRef event) {
}
