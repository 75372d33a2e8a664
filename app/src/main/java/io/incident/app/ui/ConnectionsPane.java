package io.incident.app.ui;

import io.incident.app.network.ConnectionTable;
import io.incident.app.network.PacketDetails;
import io.incident.app.session.LoadedSource;
import io.incident.model.SourceKind;
import io.incident.parsers.pcap.CaptureModel;
import io.incident.views.connections.ConnectionLifecycle;
import io.incident.views.connections.ConnectionLifecycles;
import io.incident.views.connections.ConnectionsView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;

/**
 * The connections tab: pick a capture of the case, see every TCP connection's lifecycle (from the case's model, so it
 * works without the capture), select one to highlight it on the timeline and to see its packets decoded (when the
 * original file is still on disk), double-click to go to it on the timeline, export the table as CSV.
 */
final class ConnectionsPane extends BorderPane implements WorkbenchTab {
    private final Workbench wb;
    private final ConnectionsView view = new ConnectionsView();
    private final ComboBox<LoadedSource> capture = new ComboBox<>();
    private final TextArea packets = new TextArea();
    private final Button export = new Button("Export CSV\u2026");
    private final Button toTimeline = new Button("Show on timeline");
    /** Full connection tables re-read from files on disk, per artifact id; touched on the JavaFX thread only. */
    private final Map<Long, CaptureModel> tables = new HashMap<>();
    private int pending;
    private long generation;

    ConnectionsPane(Workbench wb) {
        packets.setId("connection-packets");
        this.wb = wb;
        capture.setConverter(SourceNames.BY_FILE_NAME);
        capture.setPromptText("No capture in this case");
        capture.setPrefWidth(260);
        capture.valueProperty().addListener((o, a, s) -> load(s));
        packets.setEditable(false);
        packets.setStyle("-fx-font-family: monospace; -fx-font-size: 11px;");
        packets.setText("Select a connection to see its packets.");
        view.selectedProperty().addListener((o, a, c) -> selected(c));
        view.table().setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                goToTimeline();
            }
        });
        export.setOnAction(e -> chooseCsv());
        toTimeline.setOnAction(e -> goToTimeline());
        toTimeline.disableProperty().bind(view.selectedProperty().isNull());
        export.disableProperty().bind(capture.valueProperty().isNull());
        HBox bar = new HBox(8, new Label("Capture"), capture, toTimeline, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 2, 8));
        SplitPane split = new SplitPane(view, packets);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.84);
        setTop(bar);
        setCenter(split);
    }

    ConnectionsView view() {
        return view;
    }

    @Override
    public String id() {
        return "connections";
    }

    @Override
    public String title() {
        return "Connections";
    }

    @Override
    public javafx.scene.Node node() {
        return this;
    }

    @Override
    public boolean isSettled() {
        return pending == 0 && !view.refresh();
    }

    @Override
    public void setSources(List<LoadedSource> sources) {
        List<LoadedSource> captures = new ArrayList<>();
        for (LoadedSource s : sources) {
            if ((s.record().kind() == SourceKind.PCAP || s.record().kind() == SourceKind.PCAPNG)
                    && ConnectionLifecycles.track(s.source()) != null) {
                captures.add(s);
            }
        }
        LoadedSource current = capture.getValue();
        capture.setItems(FXCollections.observableArrayList(captures));
        LoadedSource same = current == null ? null : captures.stream()
                .filter(s -> s.record().id() == current.record().id()).findFirst().orElse(null);
        capture.setValue(same != null ? same : captures.isEmpty() ? null : captures.get(0));
        if (same != null) {
            load(same);
        }
    }

    /** "FILE" shows that capture; "FILE:FILTER" or ":FILTER" also filters the table (e.g. ":RST"). */
    @Override
    public boolean show(String arg) {
        if (arg == null || arg.isEmpty()) {
            return true;
        }
        String[] parts = arg.split(":", 2);
        boolean ok = true;
        if (!parts[0].isEmpty()) {
            ok = capture.getItems().stream().filter(s -> s.record().path().contains(parts[0])).findFirst()
                    .map(s -> {
                        capture.setValue(s);
                        return true;
                    }).orElse(false);
        }
        if (parts.length == 2) {
            view.filterProperty().set(parts[1]);
        }
        return ok;
    }

    private void load(LoadedSource s) {
        long gen = ++generation;
        if (s == null) {
            view.setConnections(List.of());
            return;
        }
        pending++;
        Tasks.run(() -> ConnectionLifecycles.of(s.source(), s.record().clock()::toCase), list -> {
            pending--;
            if (gen == generation) {
                view.setConnections(list);
            }
        }, e -> {
            pending--;
            wb.status("Could not show the connections of " + s.source().info().fileName() + ": " + e.getMessage());
        });
    }

    private void selected(ConnectionLifecycle c) {
        if (c == null) {
            return;
        }
        long pad = Math.max(500_000_000L, c.duration() / 8);
        wb.timeline().setView(c.start() - pad, c.end() + pad);
        wb.timeline().highlightProperty().set(new long[] {c.start(), c.end()});
        LoadedSource s = capture.getValue();
        Path file = s == null ? null : ConnectionTable.fileOf(s);
        if (file == null) {
            packets.setText("Packet details need the original capture, which is not on disk"
                    + (s == null ? "." : " at " + s.record().path() + ".")
                    + "\nThe lifecycle above comes from the case; re-import the file to decode its packets.");
            return;
        }
        packets.setText("Decoding the packets of connection " + c.id() + "\u2026");
        CaptureModel known = tables.get(s.record().id());
        pending++;
        Tasks.run(() -> {
            CaptureModel m = known != null ? known : ConnectionTable.read(file);
            return Map.entry(m, PacketDetails.describe(file, m, c.id()));
        }, r -> {
            pending--;
            tables.put(s.record().id(), r.getKey());
            if (view.selectedProperty().get() == c) {
                packets.setText(r.getValue());
                packets.positionCaret(0);
            }
        }, e -> {
            pending--;
            packets.setText("Could not decode the packets of connection " + c.id() + ": " + e.getMessage());
        });
    }

    private void goToTimeline() {
        ConnectionLifecycle c = view.selectedProperty().get();
        if (c != null) {
            wb.focus(c.start(), c.end());
        }
    }

    private void chooseCsv() {
        LoadedSource s = capture.getValue();
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the connection table");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        fc.setInitialFileName(s.source().info().fileName() + "-connections.csv");
        java.io.File f = fc.showSaveDialog(wb.stage());
        if (f != null) {
            exportCsv(f.toPath());
        }
    }

    /** Writes the table off the JavaFX thread: the reader's full table when the capture is on disk, else the model's. */
    void exportCsv(Path target) {
        LoadedSource s = capture.getValue();
        if (s == null) {
            return;
        }
        List<ConnectionLifecycle> fromModel = List.copyOf(view.connections());
        CaptureModel known = tables.get(s.record().id());
        Path file = ConnectionTable.fileOf(s);
        pending++;
        Tasks.run(() -> ConnectionTable.writeCsv(target,
                known != null ? known : file != null ? ConnectionTable.read(file) : null, fromModel), n -> {
                    pending--;
                    wb.status("Exported " + n + " connections to " + target);
                }, e -> {
                    pending--;
                    wb.status("Could not export the connections to " + target + ": " + e.getMessage());
                });
    }
}
