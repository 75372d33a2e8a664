package io.incident.app.ui;

import java.util.ArrayList;
import java.util.List;

/** The centre tabs, in the order they appear after the timeline. One line per view. */
final class TabRegistry {
    private TabRegistry() {
    }

    static List<WorkbenchTab> create(Workbench wb) {
        List<WorkbenchTab> tabs = new ArrayList<>();
        tabs.add(new FindingsPane(wb));
        tabs.add(new FlamePane(Tasks.executor()));
        tabs.add(new ConnectionsPane(wb));
        tabs.add(new GoroutinePane());
        tabs.add(new SyscallsPane(wb));
        tabs.add(new LogsPane(wb));
        tabs.add(new JfrPane());
        return tabs;
    }
}
