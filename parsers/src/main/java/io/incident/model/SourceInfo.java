package io.incident.model;

import java.util.Objects;

/**
 * Identity of one imported artifact.
 *
 * @param path   where it was read from; for a bundle entry {@code bundle.zip!/inner/path}
 * @param kind   what its content is
 * @param size   bytes on disk (after extraction from a bundle, before decompression of a gzip wrapper)
 * @param sha256 hex digest of those bytes, for the chain of custody
 */
public record SourceInfo(String path, SourceKind kind, long size, String sha256) {
    public SourceInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        sha256 = sha256 == null ? "" : sha256;
    }

    /** The last path element, for compact display. */
    public String fileName() {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
