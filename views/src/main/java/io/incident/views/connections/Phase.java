package io.incident.views.connections;

/** What a connection was doing during one stretch of its life, as drawn in its lane. */
public enum Phase {
    /** SYN to the client's first ACK, or SYNs that were never answered. */
    HANDSHAKE("handshake"),
    /** Packets flowing, gaps under {@code Connection.IDLE_GAP_NANOS}. */
    ACTIVE("active"),
    /** A gap of a second or more after the server had answered, or with nothing sent at all (keep-alive idle). */
    IDLE("idle"),
    /** A gap of a second or more after the client sent data the server never answered (not accepted, stuck). */
    UNANSWERED("waiting for server"),
    /** From the first FIN to the end. */
    HALF_CLOSED("half-closed");

    private final String text;

    Phase(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
