package io.incident.parsers;

import io.incident.parsers.goroutine.GoroutineDumpReader;
import io.incident.parsers.jfr.JfrReader;
import io.incident.parsers.journal.JournalExportReader;
import io.incident.parsers.journal.JournalJsonReader;
import io.incident.parsers.pcap.PcapReader;
import io.incident.parsers.pcap.PcapngReader;
import io.incident.parsers.pprof.PprofReader;
import io.incident.parsers.strace.StraceReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The registry of readers and content detection. Order matters: binary magics first, then structured binary (protobuf),
 * then text formats from the most to the least specific, because a strace line or a log line can quote another format.
 */
public final class Formats {
    private static final List<FormatReader> READERS = List.of(
            new PcapngReader(),
            new PcapReader(),
            new JfrReader(),
            new PprofReader(),
            new JournalJsonReader(),
            new JournalExportReader(),
            new GoroutineDumpReader(),
            new StraceReader());

    private Formats() {
    }

    public static List<FormatReader> readers() {
        return READERS;
    }

    public static Detection detect(Path file) throws IOException {
        return detect(Inputs.head(file));
    }

    public static Detection detect(Head head) {
        if (head.length() == 0) {
            return Detection.unknown(head.gzipped() ? "gzip stream that inflates to nothing readable" : "empty file",
                    head.gzipped());
        }
        for (FormatReader r : READERS) {
            if (r.recognizes(head)) {
                return new Detection(r.kind(), r, head.gzipped(), "");
            }
        }
        return Detection.unknown(describeUnknown(head), head.gzipped());
    }

    /** A short reason for an unknown file, naming what it looks like when we can tell. */
    static String describeUnknown(Head head) {
        if (head.startsWithAscii("LPKSHHRH")) {
            return "systemd binary journal file: export it with 'journalctl --file=... -o export' and import that";
        }
        if (head.startsWith((byte) 0xFD, (byte) '7', (byte) 'z', (byte) 'X', (byte) 'Z', (byte) 0)) {
            return "xz-compressed file: decompress it with 'xz -d' first";
        }
        if (head.startsWithAscii("PK\u0003\u0004")) {
            return "zip archive (open it as a bundle)";
        }
        String prefix = head.gzipped() ? "gzip containing " : "";
        int printable = 0;
        int n = Math.min(head.length(), 512);
        for (int i = 0; i < n; i++) {
            int c = head.byteAt(i);
            if (c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7f) || c >= 0x80) {
                printable++;
            }
        }
        if (printable * 10 >= n * 9) {
            return prefix + "text that matches no known format (first line: \"" + firstLine(head) + "\")";
        }
        return prefix + String.format("binary data that matches no known format (first bytes %02x %02x %02x %02x)",
                head.byteAt(0), Math.max(0, head.byteAt(1)), Math.max(0, head.byteAt(2)), Math.max(0, head.byteAt(3)));
    }

    private static String firstLine(Head head) {
        String[] lines = head.lines(1);
        String l = lines.length == 0 ? "" : lines[0];
        return l.length() > 80 ? l.substring(0, 80) + "..." : l;
    }
}
