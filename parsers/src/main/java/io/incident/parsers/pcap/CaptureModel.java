package io.incident.parsers.pcap;

import io.incident.model.Source;

/**
 * What reading a capture yields beyond the timeline model: the full TCP connection table, with each connection's
 * packet numbers and byte offsets so the UI can re-read and decode them later.
 */
public record CaptureModel(Source source, TcpConnections connections) {
}
