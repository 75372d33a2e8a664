package io.incident.parsers.pcap;

import java.io.IOException;

/** Receives the packets a container reader finds; the bytes are in the input's buffer at {@code position}. */
interface PacketSink {
    /**
     * @param position   where the packet's captured bytes start in {@link ChannelInput#network()}
     * @param fileOffset where the packet record starts in the file (for re-reading it later)
     */
    void packet(int linkType, int position, int capturedLength, long originalLength, long timeNanos, long fileOffset)
            throws IOException;

    /** A comment attached to the packet just delivered (pcapng opt_comment). */
    void comment(long timeNanos, String text);
}
