package io.incident.parsers.strace;

import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.FormatReader;
import io.incident.parsers.Head;
import io.incident.parsers.ReadContext;
import java.util.regex.Pattern;

/** strace logs of every shape strace 5 and 6 write, and -c/-C summary tables. */
public final class StraceReader implements FormatReader {
    /** Optional pid prefix, optional timestamp, optional -r delta, then a syscall, a resumption, an event or a note. */
    static final Pattern LINE = Pattern.compile(
            "^(\\[pid\\s+\\d+\\]\\s+|\\d+\\s+)?"
                    + "(\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?\\s+|\\d{9,}\\.\\d+\\s+|\\s*\\d+\\.\\d{6,9}\\s+)?"
                    + "(\\[\\s*[0-9a-f]+\\]\\s+)*"
                    + "([a-z_][a-z0-9_]*\\(|<\\.\\.\\. [a-z0-9_]+ resumed>|\\+\\+\\+ |--- |strace: |\\?\\?\\?\\()");
    private static final Pattern SUMMARY = Pattern.compile("(?m)^% time\\s+seconds\\s+usecs/call\\s+calls");

    @Override
    public SourceKind kind() {
        return SourceKind.STRACE;
    }

    @Override
    public boolean recognizes(Head head) {
        if (head.gzipped()) {
            return false;
        }
        if (SUMMARY.matcher(head.text()).find()) {
            return true;
        }
        int seen = 0;
        int matched = 0;
        for (String line : head.lines(60)) {
            if (line.isBlank() || line.startsWith(" > ")) {
                // -k prints each stack frame on its own " > " line under the syscall: neither for nor against.
                continue;
            }
            seen++;
            if (LINE.matcher(line).find()) {
                matched++;
            }
        }
        return seen > 0 && matched * 10 >= seen * 6;
    }

    @Override
    public Source read(ReadContext context) throws ArtifactException {
        throw new ArtifactException(context.name(), "", "strace reading is not in this build yet");
    }
}
