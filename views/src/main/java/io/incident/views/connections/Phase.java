package io.incident.views.connections;

/** What a connection was doing during one stretch of its life, as drawn in its lane. */
public enum Phase {
    /** SYN to the client's first ACK, or SYNs that were never answered. */
    HANDSHAKE("handshake"),
    /** Packets flowing, gaps under {@code Connection.IDLE_GAP_NANOS}. */
    ACTIVE("active"),
    /** A gap of a second or more after the server's last word (keep-alive idle: the client's turn). */
    IDLE("idle"),
    /** A gap of a second or more after the client's last word: the server's turn (not accepted, stuck handler). */
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
