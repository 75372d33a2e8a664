package io.incident.parsers.goroutine;

import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.FormatReader;
import io.incident.parsers.Head;
import io.incident.parsers.ReadContext;
import java.util.regex.Pattern;

/** Go goroutine dumps: debug=2 and debug=1 output, panic and fatal-error tracebacks, SIGQUIT dumps, race reports. */
public final class GoroutineDumpReader implements FormatReader {
    /** A goroutine header, in the classic form or the Go 1.26 form with gp=/m=/mp= before the state. */
    static final Pattern HEADER = Pattern.compile("(?m)^goroutine \\d+ (gp=\\S+ m=\\S+ mp=\\S+ )?\\[");
    private static final Pattern OTHER_START = Pattern.compile(
            "(?m)^(goroutine profile: total \\d+|panic: |fatal error: |WARNING: DATA RACE|SIGQUIT: quit"
                    + "|runtime: goroutine stack exceeds)");

    @Override
    public SourceKind kind() {
        return SourceKind.GOROUTINE_DUMP;
    }

    @Override
    public boolean recognizes(Head head) {
        if (head.gzipped()) {
            return false;
        }
        String text = head.text();
        return HEADER.matcher(text).find() || OTHER_START.matcher(text).find();
    }

    @Override
    public Source read(ReadContext context) throws ArtifactException {
        throw new ArtifactException(context.name(), "", "goroutine dump reading is not in this build yet");
    }
}
