package io.incident.views.connections;

import javafx.scene.paint.Color;

/** The colours of phases and marks, shared by the lanes and the key. */
final class Palette {
    static final Color RST = Color.web("#d32f2f");
    static final Color RETRANSMISSION = Color.web("#1a237e");
    static final Color SELECTED = Color.web("#cfe3ff");
    static final Color STRIPE = Color.web("#f6f7f9");
    static final Color GRID = Color.web("#e3e6ea");
    static final Color AXIS_TEXT = Color.web("#444");

    private Palette() {
    }

    static Color of(Phase p) {
        return switch (p) {
            case HANDSHAKE -> Color.web("#8e6cc8");
            case ACTIVE -> Color.web("#2e9d4f");
            case IDLE -> Color.web("#9fb6c9");
            case UNANSWERED -> Color.web("#f5a623");
            case HALF_CLOSED -> Color.web("#5bc0be");
        };
    }
}
