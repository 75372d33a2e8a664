package io.incident.parsers.pcap;

import io.incident.model.SourceInfo;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.Cancellation;
import io.incident.parsers.Limits;
import io.incident.parsers.Progress;
import io.incident.parsers.ReadContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: contexts, reading from streams, and the saved tshark/capinfos expectations. */
final class Captures {
    private Captures() {
    }

    static ReadContext context(Path file) {
        return context(file, Limits.DEFAULT);
    }

    static ReadContext context(Path file, Limits limits) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ReadContext(file, new SourceInfo(file.getFileName().toString(), SourceKind.PCAP, size, ""), limits,
                Progress.NONE, Cancellation.none());
    }

    static CaptureModel read(Path file) throws ArtifactException {
        return PcapReader.readConnections(context(file));
    }

    /** Reads through an arbitrary stream (e.g. a throttled one) instead of the file channel. */
    static CaptureModel read(Path file, InputStream in) throws ArtifactException {
        return CaptureReader.read(Channels.newChannel(in), context(file), -1, true);
    }

    /** Rows of a saved expectation file (comment lines and the header skipped): file to the given column. */
    static Map<String, String> expected(String resource, int column) {
        try {
            List<String> lines = Files.readAllLines(Path.of("src", "test", "resources", "pcap", resource));
            Map<String, String> out = new HashMap<>();
            for (String line : lines) {
                if (line.startsWith("#") || line.startsWith("file\t")) {
                    continue;
                }
                String[] f = line.split("\t");
                out.put(f[0], f[column]);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
