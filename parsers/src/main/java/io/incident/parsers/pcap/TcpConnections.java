package io.incident.parsers.pcap;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The table of every TCP connection of one capture, in the order their first packet appeared, plus where each of their
 * packets lies in the file. Read-only.
 */
public final class TcpConnections {
    private static final String[] CSV_HEADER = {"id", "client", "server", "state", "opened_by", "closed_by", "rst_by",
        "rst_data_in_flight", "start_captured", "first_time_ns", "last_time_ns", "handshake_rtt_us",
        "bytes_client_to_server", "bytes_server_to_client", "packets_client_to_server", "packets_server_to_client",
        "retransmissions", "out_of_order", "zero_windows", "keep_alives", "idle_longest_ms", "idle_total_ms",
        "half_closed_ms", "http", "http_status", "http2", "tls_sni", "alpn", "tls_handshake_us"};

    private final List<Connection> connections;
    private final PacketIndex packets;

    /** Gives every tracked connection a view of its own, so a connection is one object to whoever holds it. */
    TcpConnections(ConnectionRows rows, PacketIndex packets) {
        Connection[] all = new Connection[rows.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = new Connection(rows).at(i);
        }
        this.connections = List.of(all);
        this.packets = packets;
    }

    public int size() {
        return connections.size();
    }

    public Connection get(int id) {
        return connections.get(id);
    }

    public List<Connection> all() {
        return connections;
    }

    /** Number of packets in the capture (every link type, TCP or not). */
    public int packetCount() {
        return packets.size();
    }

    /** Byte offset in the (decompressed) file of the record of packet {@code number} (1-based, as in Wireshark). */
    public long packetOffset(long number) {
        return packets.offset((int) (number - 1));
    }

    /** 1-based packet numbers of one connection, in capture order. */
    public long[] packetNumbers(Connection c) {
        long[] out = new long[(int) c.packets()];
        int n = 0;
        for (int i = c.firstPacket(); i >= 0 && n < out.length; i = packets.next(i)) {
            out[n++] = i + 1L;
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** File byte offsets of the records of one connection's packets, in capture order. */
    public long[] packetOffsets(Connection c) {
        long[] numbers = packetNumbers(c);
        long[] out = new long[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            out[i] = packetOffset(numbers[i]);
        }
        return out;
    }

    public long count(Connection.State state) {
        long n = 0;
        for (Connection c : connections) {
            if (c.state() == state) {
                n++;
            }
        }
        return n;
    }

    public long retransmissions() {
        long n = 0;
        for (Connection c : connections) {
            n += c.retransmissions();
        }
        return n;
    }

    /** Writes the table as CSV (RFC 4180 quoting), one header row then one row per connection. */
    public void writeCsv(Writer out) throws IOException {
        out.write(String.join(",", CSV_HEADER));
        out.write("\r\n");
        for (Connection c : connections) {
            Object[] row = {c.id(), c.client(), c.server(), c.state().text(), who(c.openedBy()), who(c.closedBy()),
                who(c.rstBy()), c.rstBy() >= 0 && c.rstWithDataInFlight(), c.startCaptured(), c.firstTime(),
                c.lastTime(), micros(c.handshakeRttNanos()), c.bytes(0), c.bytes(1), c.packets(0), c.packets(1),
                c.retransmissions(), c.outOfOrder(), c.zeroWindows(), c.keepAlives(), c.idleLongestNanos() / 1_000_000,
                c.idleTotalNanos() / 1_000_000, c.halfClosedNanos() / 1_000_000, c.httpRequest(), c.httpStatus(),
                c.http2Preface(), c.tlsSni(), c.alpn(), micros(c.tlsHandshakeNanos())};
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(csv(row[i]));
            }
            out.write("\r\n");
        }
    }

    static String who(int side) {
        return side == 0 ? "client" : side == 1 ? "server" : "";
    }

    private static String micros(long nanos) {
        return nanos < 0 ? "" : Long.toString(nanos / 1000);
    }

    private static String csv(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
