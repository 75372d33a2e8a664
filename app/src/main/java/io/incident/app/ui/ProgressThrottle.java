package io.incident.app.ui;

import io.incident.parsers.Progress;
import javafx.application.Platform;

/** Forwards a reader's progress to its row at most about ten times a second. */
final class ProgressThrottle implements Progress {
    private final ImportsPanel.Row row;
    private volatile long lastNanos;

    ProgressThrottle(ImportsPanel.Row row) {
        this.row = row;
    }

    @Override
    public void bytes(long done, long total) {
        long now = System.nanoTime();
        if (now - lastNanos < 100_000_000L) {
            return;
        }
        lastNanos = now;
        double f = total > 0 ? Math.min(1, done / (double) total) : -1;
        Platform.runLater(() -> row.progress(f));
    }
}
