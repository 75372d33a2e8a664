package io.incident.parsers.pcap;

import io.incident.model.Source;
import io.incident.model.SourceKind;
import io.incident.parsers.ArtifactException;
import io.incident.parsers.FormatReader;
import io.incident.parsers.Head;
import io.incident.parsers.ReadContext;

/** pcapng files: sections of either byte order, interfaces, packet blocks. */
public final class PcapngReader implements FormatReader {
    static final int SHB_TYPE = 0x0A0D0D0A;

    @Override
    public SourceKind kind() {
        return SourceKind.PCAPNG;
    }

    @Override
    public boolean recognizes(Head head) {
        // The section header block type is a palindrome, so it reads the same in both byte orders.
        // Gzipped captures are accepted: the reader inflates them through the bounded gunzip.
        return head.startsWith((byte) 0x0A, (byte) 0x0D, (byte) 0x0D, (byte) 0x0A);
    }

    @Override
    public Source read(ReadContext context) throws ArtifactException {
        return CaptureReader.read(context, false).source();
    }
}
