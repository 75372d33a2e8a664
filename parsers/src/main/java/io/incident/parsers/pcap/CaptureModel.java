package io.incident.parsers.pcap;

import io.incident.model.Source;

/**
 * What reading a capture yields beyond the timeline model: the full TCP connection table, with each connection's
 * packet numbers and byte offsets so the UI can re-read and decode them later. ({@link PcapReader#readConnections}
 * always gives the table; only the reader's own model-only path, whose table is dropped as the model is built, has
 * none.)
 */
public record CaptureModel(Source source, TcpConnections connections) {
}
