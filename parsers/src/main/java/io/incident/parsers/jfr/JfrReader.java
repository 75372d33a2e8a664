package io.incident.parsers.jfr;

import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.FormatReader;
import io.incident.parsers.Head;
import io.incident.parsers.ReadContext;

/** JDK Flight Recorder recordings, plain or gzip-wrapped. */
public final class JfrReader implements FormatReader {
    @Override
    public SourceKind kind() {
        return SourceKind.JFR;
    }

    @Override
    public boolean recognizes(Head head) {
        return head.startsWith((byte) 'F', (byte) 'L', (byte) 'R', (byte) 0);
    }

    @Override
    public Source read(ReadContext context) throws ArtifactException {
        throw new ArtifactException(context.name(), "", "JFR reading is not in this build yet");
    }
}
