package io.incident.views.connections;

import io.incident.views.timeline.TimeAxis;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * Connection lifecycles: a sortable, filterable table of connections beside one lane per connection (row i is lane i),
 * drawn in phases (handshake, active, idle, waiting for the server, half-closed) with marks for RSTs and
 * retransmissions on a time axis shared by all lanes. The table is virtualised and the lanes draw only the rows the
 * table shows, so tens of thousands of connections scroll smoothly.
 */
public final class ConnectionsView extends BorderPane {
    private final ObservableList<ConnectionLifecycle> all = FXCollections.observableArrayList();
    private final FilteredList<ConnectionLifecycle> filtered = new FilteredList<>(all);
    private final SortedList<ConnectionLifecycle> sorted = new SortedList<>(filtered);
    private final TableView<ConnectionLifecycle> table = new TableView<>(sorted);
    private final TextField filter = new TextField();
    private final Label count = new Label();
    private final LaneCanvas lanes;
    private final SimpleObjectProperty<ConnectionLifecycle> selected = new SimpleObjectProperty<>(this, "selected");

    public ConnectionsView() {
        getStyleClass().add("connections-view");
        // The columns' widths must not become the window's preferred width: the lanes take what is left.
        setPrefSize(640, 480);
        setMinSize(0, 0);
        table.setPrefWidth(360);
        table.setMinWidth(120);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.setFixedCellSize(22);
        table.setPlaceholder(new Label("No TCP connections"));
        table.getColumns().setAll(List.of(
                column("#", 36, c -> c.id(), Object::toString),
                column("Client", 122, ConnectionLifecycle::client, s -> s),
                column("Server", 98, ConnectionLifecycle::server, s -> s),
                column("Ended", 90, ConnectionLifecycle::closeReason, s -> s),
                column("Duration", 64, ConnectionLifecycle::duration, TimeAxis::duration),
                column("Label", 120, ConnectionLifecycle::label, s -> s),
                column("Start", 92, ConnectionLifecycle::start, ConnectionsView::clock),
                column("Bytes \u2191/\u2193", 84, c -> c.bytesToServer() + c.bytesToClient(), null)));
        bytesCell();
        table.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> selected.set(c));
        lanes = new LaneCanvas(table);
        filter.setPromptText("Filter: RST, ::1, port:36914, >10s, idle>5s, GET");
        filter.setPrefColumnCount(30);
        filter.textProperty().addListener((o, a, t) -> applyFilter(t));
        filtered.addListener((javafx.collections.ListChangeListener<ConnectionLifecycle>) ch -> updateCount());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(10, filter, count, grow);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 2, 8));
        FlowPane key = key();
        key.setPadding(new Insets(2, 8, 4, 8));
        Overview overview = new Overview(table, lanes);
        lanes.setOverview(overview);
        SplitPane split = new SplitPane(table, lanes);
        split.setDividerPositions(0.54);
        VBox.setVgrow(split, Priority.ALWAYS);
        setTop(new VBox(bar, key));
        setCenter(new VBox(overview, split));
        updateCount();
    }

    /** Shows these connections (all of one capture) and fits the time axis to them. Call on the JavaFX thread. */
    public void setConnections(List<ConnectionLifecycle> connections) {
        all.setAll(connections);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (ConnectionLifecycle c : connections) {
            min = Math.min(min, c.start());
            max = Math.max(max, c.end());
        }
        lanes.fit(min, max);
        updateCount();
    }

    public List<ConnectionLifecycle> connections() {
        return all;
    }

    /** The rows the table shows, filtered and sorted, row i drawn as lane i. */
    public List<ConnectionLifecycle> shown() {
        return table.getItems();
    }

    public ReadOnlyObjectProperty<ConnectionLifecycle> selectedProperty() {
        return selected;
    }

    public StringProperty filterProperty() {
        return filter.textProperty();
    }

    public TableView<ConnectionLifecycle> table() {
        return table;
    }

    /** Selects the connection with this id (when the filter shows it) and scrolls to it. */
    public boolean select(int id) {
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).id() == id) {
                table.getSelectionModel().clearAndSelect(i);
                table.scrollTo(Math.max(0, i - 3));
                return true;
            }
        }
        return false;
    }

    /**
     * Brings the lanes and overview up to date now rather than after the next layout pulse; returns whether anything
     * had to be drawn (so a snapshot can wait until this returns false).
     */
    public boolean refresh() {
        return lanes.refresh();
    }

    /** The shown time range of the lanes. */
    public long viewStart() {
        return lanes.viewStart();
    }

    public long viewEnd() {
        return lanes.viewEnd();
    }

    public void setView(long start, long end) {
        lanes.setView(start, end);
    }

    private void applyFilter(String text) {
        filtered.setPredicate(text == null || text.isBlank() ? null : ConnectionFilter.parse(text)::test);
    }

    private void updateCount() {
        count.setText(filtered.size() == all.size() ? all.size() + " connections"
                : filtered.size() + " of " + all.size() + " connections");
    }

    private static String clock(long t) {
        long ms = Math.floorMod(t / 1_000_000L, 1000L);
        return TimeAxis.utcSeconds(t) + String.format(".%03d", ms);
    }

    private <T extends Comparable<T>> TableColumn<ConnectionLifecycle, T> column(
            String title, double width, Function<ConnectionLifecycle, T> value, Function<T, String> text) {
        TableColumn<ConnectionLifecycle, T> col = new TableColumn<>(title);
        col.setPrefWidth(width);
        col.setCellValueFactory(f -> new SimpleObjectProperty<>(value.apply(f.getValue())));
        if (text != null) {
            col.setCellFactory(c -> new TableCell<>() {
                @Override
                protected void updateItem(T item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty || item == null ? null : text.apply(item));
                }
            });
        }
        return col;
    }

    @SuppressWarnings("unchecked")
    private void bytesCell() {
        TableColumn<ConnectionLifecycle, Long> col = (TableColumn<ConnectionLifecycle, Long>) table.getColumns().get(7);
        col.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                ConnectionLifecycle row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(row == null ? null : bytes(row.bytesToServer()) + " / " + bytes(row.bytesToClient()));
            }
        });
    }

    static String bytes(long n) {
        if (n < 10_000) {
            return Long.toString(n);
        }
        return n < 10_000_000 ? (n / 1000) + "k" : (n / 1_000_000) + "M";
    }

    private static FlowPane key() {
        FlowPane key = new FlowPane(8, 4);
        key.setAlignment(Pos.CENTER_LEFT);
        key.getStyleClass().add("connections-key");
        for (Phase p : Phase.values()) {
            Rectangle r = new Rectangle(14, 10, Palette.of(p));
            key.getChildren().addAll(r, keyLabel(p.text()));
        }
        Line rst = new Line(0, 0, 0, 12);
        rst.setStroke(Palette.RST);
        rst.setStrokeWidth(3);
        Line re = new Line(0, 0, 0, 8);
        re.setStroke(Palette.RETRANSMISSION);
        re.setStrokeWidth(2);
        key.getChildren().addAll(rst, keyLabel("RST"), re, keyLabel("retransmission"));
        return key;
    }

    private static Label keyLabel(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }
}
