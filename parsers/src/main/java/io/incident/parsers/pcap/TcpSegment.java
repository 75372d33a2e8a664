package io.incident.parsers.pcap;

/**
 * The fields of one TCP segment that connection tracking needs, filled in place by {@link PacketDecoder} for every
 * packet: one instance per read, never one per packet. Addresses are 128-bit (IPv4 as v4-mapped IPv6).
 */
final class TcpSegment {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int srcPort;
    int dstPort;
    long seq;
    long ack;
    int flags;
    int window;
    /** Payload length announced by the IP header (what the sender sent). */
    int payloadLength;
    /** Where the captured payload starts in the decoder's buffer, and how much of it was captured. */
    int payloadOffset;
    int capturedPayload;
    long time;
    /** The IP header announced more bytes than the packet holds (set per packet by the decoder, for any protocol). */
    boolean ipBeyondCapture;

    boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
