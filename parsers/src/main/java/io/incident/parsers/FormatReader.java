package io.incident.parsers;

import io.incident.model.Source;
import io.incident.model.SourceKind;

/**
 * One reader per format: a cheap test on the first bytes, then a streaming read into the common model. A reader returns
 * a model whose recoverable problems are counted as diagnostics, or throws {@link ArtifactException}; it never throws
 * anything else (cancellation excepted: {@link java.util.concurrent.CancellationException}).
 */
public interface FormatReader {
    SourceKind kind();

    /** Whether the content looks like this format. {@code head} is already gunzipped when the file was gzip. */
    boolean recognizes(Head head);

    Source read(ReadContext context) throws ArtifactException;
}
