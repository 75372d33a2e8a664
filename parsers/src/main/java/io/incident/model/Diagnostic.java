package io.incident.model;

import java.util.Objects;

/**
 * A named counter of one kind of recoverable problem met while reading a source, with the first place it was seen.
 *
 * @param name      stable identifier, e.g. {@code "truncated-packet"}
 * @param severity  how much it matters for trusting the source
 * @param count     how many times it happened
 * @param firstWhere where it first happened, e.g. {@code "line 12"} or {@code "byte 4096"}
 * @param firstMessage what was wrong the first time
 */
public record Diagnostic(String name, Severity severity, long count, String firstWhere, String firstMessage) {
    public Diagnostic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        if (count < 1) {
            throw new IllegalArgumentException("a diagnostic counts at least one occurrence: " + name);
        }
        firstWhere = firstWhere == null ? "" : firstWhere;
        firstMessage = firstMessage == null ? "" : firstMessage;
    }

    @Override
    public String toString() {
        return name + " x" + count + " (" + severity + ", first at " + firstWhere + ": " + firstMessage + ")";
    }
}
