package io.incident.parsers;

import io.incident.model.SourceKind;

/**
 * What detection decided about one file: its kind and reader, or unknown with the reason.
 *
 * @param reader null when the kind is unknown
 */
public record Detection(SourceKind kind, FormatReader reader, boolean gzipped, String reason) {
    public static Detection unknown(String reason) {
        return new Detection(SourceKind.UNKNOWN, null, false, reason);
    }

    public static Detection unknown(String reason, boolean gzipped) {
        return new Detection(SourceKind.UNKNOWN, null, gzipped, reason);
    }

    public boolean isKnown() {
        return reader != null;
    }
}
