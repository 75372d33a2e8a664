package io.incident.app.ui;

import io.incident.app.session.LoadedSource;
import java.util.List;
import javafx.scene.Node;

/**
 * A view in the centre of the window (timeline, flame graph, goroutines, connections, ...). Tabs are listed in
 * {@link TabRegistry}; each gets the {@link Workbench} context and is told when the case's sources change.
 */
public interface WorkbenchTab {
    /** Stable id, used by {@code --snapshot --view ID[:ARG]}. */
    String id();

    String title();

    Node node();

    /** The case's sources changed (an import finished, a case opened, a clock moved). Called on the JavaFX thread. */
    void setSources(List<LoadedSource> sources);

    /**
     * Brings what {@code arg} names to the front of this tab (a file name, a function, ...); {@code arg} may be null.
     * Returns false when there is no such thing to show.
     */
    default boolean show(String arg) {
        return true;
    }

    /** Whether background work for what is shown has finished, so a snapshot shows the final picture. */
    default boolean isSettled() {
        return true;
    }
}
