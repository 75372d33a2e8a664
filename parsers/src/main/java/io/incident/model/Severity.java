package io.incident.model;

/** Severity of a diagnostic or a finding, least severe first. */
public enum Severity {
    INFO,
    WARNING,
    ERROR
}
