package io.incident.parsers.pcap;

/** Link-layer header types (LINKTYPE_* values as stored in files) and their tcpdump/libpcap DLT names. */
final class LinkTypes {
    static final int NULL = 0;
    static final int EN10MB = 1;
    static final int RAW = 101;
    static final int LOOP = 108;
    static final int LINUX_SLL = 113;
    static final int IPV4 = 228;
    static final int IPV6 = 229;
    static final int LINUX_SLL2 = 276;
    /** DLT_RAW as OpenBSD (14) and other systems (12) number it in files written by old libpcaps. */
    static final int RAW_OPENBSD = 14;
    static final int RAW_BSD = 12;

    private LinkTypes() {
    }

    static String name(int linkType) {
        return switch (linkType) {
            case NULL -> "NULL";
            case EN10MB -> "EN10MB";
            case 6 -> "IEEE802";
            case 9 -> "PPP";
            case 12, 14, RAW -> "RAW";
            case 104 -> "C_HDLC";
            case 105 -> "IEEE802_11";
            case LOOP -> "LOOP";
            case LINUX_SLL -> "LINUX_SLL";
            case 127 -> "IEEE802_11_RADIO";
            case 160 -> "USER13";
            case IPV4 -> "IPV4";
            case IPV6 -> "IPV6";
            case 231 -> "DBUS";
            case 239 -> "NFLOG";
            case 258 -> "PKTAP";
            case 271 -> "VSOCK";
            case LINUX_SLL2 -> "LINUX_SLL2";
            default -> "LINKTYPE_" + linkType;
        };
    }
}
