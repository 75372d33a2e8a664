package io.incident.parsers.pcap;

import io.incident.model.StringTable;
import java.util.HashMap;
import java.util.Map;

/**
 * String ids of connection endpoints and labels, made once per distinct value. Ephemeral ports repeat every few
 * tens of thousands of connections and a service has a handful of request lines, so a 240k-connection capture has
 * far fewer distinct labels than connections; building each label only to find it in the table was most of the
 * model's garbage.
 */
final class ConnectionNames {
    private final StringTable strings;
    private final LongIntMap v4Endpoints = new LongIntMap();
    /** Label ids by what follows the endpoints (nothing, a request line, "HTTP/2", an SNI, "TLS"), then by endpoints. */
    private final LongIntMap plain = new LongIntMap();
    private final LongIntMap http2 = new LongIntMap();
    private final LongIntMap tls = new LongIntMap();
    private final Map<String, LongIntMap> byRequest = new HashMap<>();
    private final Map<String, LongIntMap> bySni = new HashMap<>();
    /** Distinct request lines or SNIs given a table each; past this, labels are simply built (a hostile capture). */
    private static final int MAX_TAILS = 4096;

    ConnectionNames(StringTable strings) {
        this.strings = strings;
    }

    int client(Connection c) {
        return endpoint(c.clientHi(), c.clientLo(), c.clientPort());
    }

    int server(Connection c) {
        return endpoint(c.serverHi(), c.serverLo(), c.serverPort());
    }

    private int endpoint(long hi, long lo, int port) {
        if (!Addresses.isV4(hi, lo)) {
            return strings.intern(Addresses.endpoint(hi, lo, port));
        }
        long key = (lo & 0xFFFF_FFFFL) << 16 | port;
        int id = v4Endpoints.get(key);
        if (id < 0) {
            id = strings.intern(Addresses.endpoint(hi, lo, port));
            v4Endpoints.put(key, id);
        }
        return id;
    }

    /** The label's id; {@code client} and {@code server} are the endpoints' string ids. */
    int label(Connection c, int client, int server) {
        LongIntMap known = table(c);
        long key = (long) client << 32 | server;
        int id = known == null ? -1 : known.get(key);
        if (id < 0) {
            id = strings.intern(ConnectionTracks.label(c, strings.get(client), strings.get(server)));
            if (known != null) {
                known.put(key, id);
            }
        }
        return id;
    }

    /** The labels sharing what {@link ConnectionTracks#label} writes after the endpoints; null past the bound. */
    private LongIntMap table(Connection c) {
        if (c.httpRequest() != null) {
            return tailTable(byRequest, c.httpRequest());
        }
        if (c.http2Preface()) {
            return http2;
        }
        if (c.tlsSni() != null) {
            return tailTable(bySni, c.tlsSni());
        }
        return c.tlsHandshakeNanos() >= 0 || c.alpn() != null ? tls : plain;
    }

    private static LongIntMap tailTable(Map<String, LongIntMap> tables, String tail) {
        LongIntMap t = tables.get(tail);
        if (t == null && tables.size() < MAX_TAILS) {
            t = new LongIntMap();
            tables.put(tail, t);
        }
        return t;
    }
}
