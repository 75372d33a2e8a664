package io.incident.app.ui;

import io.incident.app.session.LoadedSource;
import javafx.util.StringConverter;

/** How a source is named in a tab's source picker: by its file name. Display only; nothing is parsed back. */
final class SourceNames extends StringConverter<LoadedSource> {
    static final SourceNames BY_FILE_NAME = new SourceNames();

    private SourceNames() {
    }

    @Override
    public String toString(LoadedSource s) {
        return s == null ? "" : s.source().info().fileName();
    }

    @Override
    public LoadedSource fromString(String s) {
        return null;
    }
}
