package io.incident.views.timeline;

/** An event linked to the selected one: where it is, and why it is linked (the flow's kind and reason). */
public record Related(EventPick pick, String kind, String reason) {
}
