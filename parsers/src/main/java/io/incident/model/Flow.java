package io.incident.model;

import java.util.Objects;

/**
 * A link between two events, possibly on different sources: a TCP connection and the fd that carried it, a log line
 * and the syscall that wrote it.
 *
 * @param kind   what links them, e.g. {@code "same-connection"}
 * @param reason why the link was made, shown to the analyst (heuristics say so)
 */
public record Flow(EventRef from, EventRef to, String kind, String reason) {
    public Flow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        kind = kind == null ? "" : kind;
        reason = reason == null ? "" : reason;
    }
}
