package io.incident.parsers.journal;

import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.FormatReader;
import io.incident.parsers.Head;
import io.incident.parsers.ReadContext;
import java.util.regex.Pattern;

/** The systemd Journal Export Format (journalctl -o export). */
public final class JournalExportReader implements FormatReader {
    /** A text field ({@code NAME=value}) or the name line of a binary field; names are upper case, digits and '_'. */
    private static final Pattern FIELD = Pattern.compile("^[A-Z0-9_]+(=.*)?$");

    @Override
    public SourceKind kind() {
        return SourceKind.JOURNAL_EXPORT;
    }

    @Override
    public boolean recognizes(Head head) {
        if (head.gzipped()) {
            return false;
        }
        String[] lines = head.lines(8);
        if (lines.length == 0 || !FIELD.matcher(lines[0]).matches() || !lines[0].contains("=")) {
            return false;
        }
        String text = head.text();
        return text.contains("__REALTIME_TIMESTAMP=") || text.contains("__CURSOR=");
    }

    @Override
    public Source read(ReadContext context) throws ArtifactException {
        return JournalReading.read(context, parser(context));
    }

    /** The parser as {@link JournalReading} runs it; tests call it with throttled streams. */
    static JournalReading.Parser parser(ReadContext ctx) {
        return (in, total, builder, sink) -> new ExportParser(in, total, new ParserSetup(ctx.name(), ctx.limits(),
                builder.diagnostics(), ctx.progress(), ctx.cancellation()::check, sink)).run();
    }
}
