package io.incident.app.ui;

import io.incident.app.align.CaseAlignment;
import io.incident.app.align.Proposal;
import io.incident.app.cli.AlignCommand;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Lists the aligner's proposal for every source (offset, date, pairs, residual, confidence, basis) and lets the
 * analyst accept one, leave it, type an offset, or undo the last clock change. Nothing moves until a button says so.
 */
final class ClockAlignmentDialog {
    private final CaseAlignment alignment;
    private final Runnable changed;
    private final Stage stage = new Stage();
    private final TableView<CaseAlignment.Row> table = new TableView<>();
    private final Label status = new Label("Finding events two sources both saw\u2026");
    private final TextField typed = new TextField();

    ClockAlignmentDialog(Window owner, CaseAlignment alignment, Runnable changed) {
        this.alignment = alignment;
        this.changed = changed;
        table.getColumns().add(column("Source", 220, r -> r.source().record().path()));
        table.getColumns().add(column("Clock now", 130, r -> AlignCommand.seconds(r.source().record().offsetNanos())
                + (r.source().record().date() == null ? "" : " " + r.source().record().date())));
        table.getColumns().add(column("Proposed", 150, r -> !r.proposal().solved() ? "\u2014"
                : AlignCommand.seconds(r.proposal().offsetNanos()) + (r.proposal().date() == null ? "" : " " + r.proposal().date())));
        table.getColumns().add(column("Pairs", 50, r -> String.valueOf(r.proposal().pairCount())));
        table.getColumns().add(column("Residual", 90, r -> r.proposal().pairCount() == 0 ? "" : micros(r.proposal())));
        table.getColumns().add(column("Confidence", 80, r -> String.format(Locale.ROOT, "%.2f", r.proposal().confidence())));
        table.getColumns().add(column("Basis", 420, r -> r.proposal().basis()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        Button accept = new Button("Accept");
        accept.setOnAction(e -> act(() -> alignment.accept(selected())));
        Button reject = new Button("Reject");
        reject.setOnAction(e -> {
            table.getItems().remove(table.getSelectionModel().getSelectedItem());
            status.setText("Left as it was.");
        });
        typed.setPromptText("offset, seconds");
        typed.setPrefColumnCount(10);
        Button set = new Button("Set offset");
        set.setOnAction(e -> act(() -> alignment.setOffset(selected().source().record(),
                new java.math.BigDecimal(typed.getText().trim()).movePointRight(9).longValue())));
        Button undo = new Button("Undo last change");
        undo.setOnAction(e -> act(() -> status.setText("Put back the clock of " + alignment.undo())));
        accept.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        reject.disableProperty().bind(accept.disableProperty());
        set.disableProperty().bind(accept.disableProperty());
        HBox buttons = new HBox(8, accept, reject, typed, set, undo, status);
        HBox.setHgrow(status, Priority.ALWAYS);
        buttons.setPadding(new Insets(8));
        BorderPane root = new BorderPane(table, null, null, buttons, null);
        stage.initOwner(owner);
        stage.setTitle("Clock alignment");
        stage.setScene(new Scene(root, 1200, 420));
        stage.getScene().getRoot().setId("clock-alignment");
    }

    void show() {
        stage.show();
        reload();
    }

    private void reload() {
        Tasks.run(alignment::propose, rows -> {
            table.getItems().setAll(rows);
            long moving = rows.stream().filter(CaseAlignment.Row::changes).count();
            status.setText(moving + " of " + rows.size() + " sources would move; accept each one you agree with.");
        }, e -> status.setText("alignment failed: " + e.getMessage()));
    }

    private CaseAlignment.Row selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    private interface CaseAction {
        void run() throws Exception;
    }

    private void act(CaseAction a) {
        Tasks.write(() -> {
            a.run();
            return true;
        }, ok -> {
            changed.run();
            reload();
        }, e -> status.setText("not changed: " + e.getMessage()));
    }

    private static String micros(Proposal p) {
        return String.format(Locale.ROOT, "%.3f ms", p.residualNanos() / 1e6);
    }

    private static TableColumn<CaseAlignment.Row, String> column(String title, double width,
            java.util.function.Function<CaseAlignment.Row, String> value) {
        TableColumn<CaseAlignment.Row, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }
}
