package io.incident.parsers.journal;

import io.incident.model.Diagnostics;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;

/**
 * What both journal parsers are given besides their stream.
 *
 * @param file        the name used in errors and diagnostics
 * @param cancelCheck throws {@link java.util.concurrent.CancellationException} once the import is cancelled
 * @param sink        receives each complete entry
 */
record ParserSetup(String file, Limits limits, Diagnostics diagnostics, Progress progress, Runnable cancelCheck,
                   EntrySink sink) {
}
