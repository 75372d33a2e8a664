package io.incident.app.ui;

import java.nio.file.Path;

/** Records a case as recently opened, for File › Recent Cases. */
public final class RecentCases {
    private RecentCases() {
    }

    public static void add(Path caseFile) {
        Preferences.addRecentCase(caseFile);
    }
}
