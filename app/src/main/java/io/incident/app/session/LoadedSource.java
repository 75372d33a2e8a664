package io.incident.app.session;

import io.incident.app.store.ArtifactRecord;
import io.incident.model.Source;

/** An artifact of the open case with its model in memory. */
public record LoadedSource(ArtifactRecord record, Source source) {
}
