package io.incident.app.ui;

import io.incident.app.ingest.ImportOutcome;
import io.incident.parsers.Cancellation;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** One row per file being imported: name, progress bar, cancel button; then its outcome, errors in red. */
final class ImportsPanel extends ScrollPane {
    private final VBox rows = new VBox(2);

    ImportsPanel() {
        setContent(rows);
        setFitToWidth(true);
        setPrefViewportHeight(96);
        rows.setPadding(new Insets(4, 8, 4, 8));
        getStyleClass().add("imports-panel");
    }

    /** Adds a row and returns the handle the worker reports through. */
    Row add(String file, Cancellation cancel) {
        Row r = new Row(file, cancel);
        rows.getChildren().add(0, r.box);
        return r;
    }

    void clearFinished() {
        rows.getChildren().removeIf(n -> n.getUserData() == Boolean.TRUE);
    }

    int size() {
        return rows.getChildren().size();
    }

    /** The UI of one import. Methods are called on the JavaFX thread. */
    static final class Row {
        private final HBox box = new HBox(8);
        private final ProgressBar bar = new ProgressBar(0);
        private final Label status = new Label("waiting");
        private final Button cancel = new Button("Cancel");

        Row(String file, Cancellation c) {
            Label name = new Label(file);
            name.setMinWidth(200);
            name.setMaxWidth(520);
            bar.setPrefWidth(220);
            status.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(status, Priority.ALWAYS);
            cancel.setOnAction(e -> {
                c.cancel();
                cancel.setDisable(true);
                status.setText("cancelling\u2026");
            });
            box.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().addAll(name, bar, status, cancel);
        }

        void progress(double fraction) {
            bar.setProgress(fraction < 0 ? ProgressBar.INDETERMINATE_PROGRESS : fraction);
            status.setText(fraction < 0 ? "reading" : String.format("%.0f%%", fraction * 100));
        }

        void done(ImportOutcome o) {
            box.setUserData(Boolean.TRUE);
            cancel.setDisable(true);
            bar.setProgress(1);
            String text;
            switch (o.status()) {
                case IMPORTED:
                    text = "imported as " + o.kind().id() + (o.message().isEmpty() ? "" : " (" + o.message() + ")");
                    break;
                case ALREADY_IN_CASE:
                    text = "skipped: " + o.message();
                    break;
                case UNKNOWN:
                    text = "not recognised: " + o.message();
                    break;
                case CANCELLED:
                    text = "cancelled; the case is unchanged";
                    break;
                default:
                    text = "failed: " + o.message();
                    break;
            }
            status.setText(text);
            if (o.status() == ImportOutcome.Status.FAILED || o.status() == ImportOutcome.Status.UNKNOWN) {
                status.setStyle("-fx-text-fill: #b91c1c;");
            }
        }
    }
}
