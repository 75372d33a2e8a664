package io.incident.parsers.journal;

import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.FormatReader;
import io.incident.parsers.Head;
import io.incident.parsers.ReadContext;

/** journalctl -o json, json-pretty, json-seq and json-sse output. */
public final class JournalJsonReader implements FormatReader {
    @Override
    public SourceKind kind() {
        return SourceKind.JOURNAL_JSON;
    }

    @Override
    public boolean recognizes(Head head) {
        if (head.gzipped()) {
            return false;
        }
        String text = head.text();
        int i = 0;
        while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\u001e')) {
            i++;
        }
        boolean objectStart = text.startsWith("{", i) || text.startsWith("data: {", i);
        return objectStart && (text.contains("\"__CURSOR\"") || text.contains("\"__REALTIME_TIMESTAMP\""));
    }

    @Override
    public Source read(ReadContext context) throws ArtifactException {
        return JournalReading.read(context, parser(context));
    }

    /** The parser as {@link JournalReading} runs it; tests call it with throttled streams. */
    static JournalReading.Parser parser(ReadContext ctx) {
        return (in, total, builder, sink) -> new JsonEntryParser(in, total, new ParserSetup(ctx.name(), ctx.limits(),
                builder.diagnostics(), ctx.progress(), ctx.cancellation()::check, sink)).run();
    }
}
