package io.incident.app.ingest;

import java.nio.file.Path;

/**
 * A file to detect and read: where it is on disk, and the name the analyst knows it by ({@code bundle.zip!/inner} for a
 * bundle entry).
 */
public record Candidate(String displayPath, Path file) {
}
