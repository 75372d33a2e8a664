package io.incident.app.network;

import io.incident.app.session.LoadedSource;
import io.incident.model.SourceInfo;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.ReadContext;
import io.incident.parsers.pcap.CaptureModel;
import io.incident.parsers.pcap.PcapReader;
import io.incident.views.connections.ConnectionLifecycle;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A capture source's full connection table, re-read from the original file when it is still on disk, and the CSV
 * export: the reader's complete table when the file is there, else the columns the case's model holds.
 */
public final class ConnectionTable {
    private ConnectionTable() {
    }

    /** The capture file of a source when it is still on disk, else null. */
    public static Path fileOf(LoadedSource s) {
        Path p = Path.of(s.record().path());
        return Files.isRegularFile(p) ? p : null;
    }

    public static CaptureModel read(Path file) throws ArtifactException {
        SourceInfo info;
        try {
            info = new SourceInfo(file.toString(), io.incident.model.SourceKind.PCAP, Files.size(file), "");
        } catch (IOException e) {
            throw new ArtifactException(file.toString(), "file", "a readable capture (" + e.getMessage() + ")", e);
        }
        return PcapReader.readConnections(ReadContext.of(file, info));
    }

    /** Writes the table to {@code target}; returns how many connections were written. */
    public static int writeCsv(Path target, CaptureModel capture, List<ConnectionLifecycle> fromModel)
            throws IOException {
        try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            if (capture != null) {
                capture.connections().writeCsv(w);
                return capture.connections().size();
            }
            w.write("id,client,server,state,closed,start_ns,end_ns,bytes_client_to_server,bytes_server_to_client,"
                    + "packets,rst_ns,label\r\n");
            for (ConnectionLifecycle c : fromModel) {
                Object[] row = {c.id(), c.client(), c.server(), c.state(), c.closeReason(), c.start(), c.end(),
                    c.bytesToServer(), c.bytesToClient(), c.packets(), c.rstTime() < 0 ? "" : c.rstTime(), c.label()};
                for (int i = 0; i < row.length; i++) {
                    w.write(i == 0 ? "" : ",");
                    w.write(csv(String.valueOf(row[i])));
                }
                w.write("\r\n");
            }
            return fromModel.size();
        }
    }

    private static String csv(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
