package io.incident.app.findings;

/** An event a rule collected: its case time and the evidence that shows it. */
record Point(long time, Evidence evidence) {
}
